package io.ppcanomaly.forest;

import java.util.Arrays;
import java.util.Locale;
import smile.anomaly.IsolationForest;

/**
 * Hand-run timing of fitting and scoring on a generated 500,000 × 3 table, next to Smile 3.1.1's stock
 * {@code IsolationForest.fit} on the same table in the same JVM. Not a test and not a benchmark: nothing is
 * asserted, and the JMH {@code IsolationForestBenchmark} in anomaly-benchmarks is the place for numbers that are
 * compared over time. Prints to standard output because it is a command-line tool.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -o -q -pl anomaly-forest test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -cp "$(cat anomaly-forest/target/test-cp.txt):anomaly-forest/target/classes:anomaly-forest/target/test-classes" \
 *     io.ppcanomaly.forest.IsolationForestTiming 500000 3 smile
 * </pre>
 * Arguments: rows (500000), columns (3), and {@code smile} to also time Smile's stock fit (about 30 s or more).
 */
public final class IsolationForestTiming {

    private IsolationForestTiming() {
    }

    /** @param args rows, columns, optional {@code smile} */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean smile = args.length > 2 && args[2].equals("smile");
        double[][] x = TestTables.gaussian(n, d, 20260314L);
        for (int i = 0; i < n / 100; i++) { // 1 % obvious outliers
            Arrays.fill(x[i * 100], 6.0);
        }
        System.out.printf(Locale.ROOT, "table %,d x %d, %d cores, %s%n", n, d,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

        IsolationForestConfig defaults = IsolationForestConfig.defaults();
        IsolationForestConfig treesOnly = defaults.toBuilder().thresholdSampleSize(1).build();
        IsolationForestConfig sequential = defaults.toBuilder().parallel(false).build();
        for (int warm = 0; warm < 5; warm++) {
            new IsolationForestDetector(defaults.withSeed(warm)).fit(x);
        }
        report("fit, defaults (trees + threshold on 20,000 rows)", fitMillis(defaults, x, 15));
        report("fit, trees only (threshold.sample.size=1)", fitMillis(treesOnly, x, 15));
        report("fit, defaults, parallel=false", fitMillis(sequential, x, 15));

        IsolationForestDetector det = new IsolationForestDetector(defaults);
        det.fit(x);
        IsolationForestDetector seq = new IsolationForestDetector(sequential);
        seq.fit(x);
        det.score(x); // warm-up
        seq.score(x);
        long t0 = System.nanoTime();
        double[] s = det.score(x);
        long t1 = System.nanoTime();
        double[] s2 = seq.score(x);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "score %,d rows: %.3f us/row parallel, %.3f us/row one thread"
                        + " (identical: %b)%n", n, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, Arrays.equals(s, s2));

        if (smile) {
            int psi = 256;
            long s0 = System.nanoTime();
            IsolationForest stock = IsolationForest.fit(x, 100, 8, (double) psi / n, 0);
            long s1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "Smile 3.1.1 IsolationForest.fit(x, 100, 8, 256/n, 0): %.1f ms (%d trees)%n",
                    (s1 - s0) / 1e6, stock.size());
        }
    }

    private static double[] fitMillis(IsolationForestConfig config, double[][] x, int runs) {
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            IsolationForestDetector det = new IsolationForestDetector(config.withSeed(100 + r));
            long t0 = System.nanoTime();
            det.fit(x);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] sortedMs) {
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, min %.1f ms, max %.1f ms over %d fits%n", what,
                sortedMs[sortedMs.length / 2], sortedMs[0], sortedMs[sortedMs.length - 1], sortedMs.length);
    }
}
