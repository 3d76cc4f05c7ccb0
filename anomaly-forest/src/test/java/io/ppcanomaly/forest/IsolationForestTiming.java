package io.ppcanomaly.forest;

import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import smile.anomaly.IsolationForest;

/**
 * Hand-run timing of fitting and scoring on a generated 500,000 × 3 table, for each {@code split.rule}, next to
 * Smile 3.1.1's stock {@code IsolationForest.fit} on the same table in the same JVM. Not a test and not a benchmark: nothing is
 * asserted, and the JMH {@code IsolationForestBenchmark} in anomaly-benchmarks is the place for numbers that are
 * compared over time. Prints to standard output because it is a command-line tool.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -o -q -pl anomaly-forest test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -cp "$(cat anomaly-forest/target/test-cp.txt):anomaly-forest/target/classes:anomaly-forest/target/test-classes" \
 *     io.ppcanomaly.forest.IsolationForestTiming 500000 3 smile
 * </pre>
 * Arguments: rows (500000), columns (3), then in any order: {@code smile} to also time Smile's stock fit (about
 * 30 s or more), {@code split.rule=smile|non-constant} to time one rule only (both by default), {@code runs=N}
 * fits per setting (15 by default; 1 for a quick look on a shared machine).
 */
public final class IsolationForestTiming {

    private IsolationForestTiming() {
    }

    /** @param args rows, columns, optional {@code smile} */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean smile = false;
        int runs = 15;
        List<SplitRule> rules = new ArrayList<>(List.of(SplitRule.values()));
        for (int a = 2; a < args.length; a++) {
            if (args[a].equals("smile")) {
                smile = true;
            } else if (args[a].startsWith("runs=")) {
                runs = Integer.parseInt(args[a].substring("runs=".length()));
            } else if (args[a].startsWith(IsolationForestConfig.KEY_SPLIT_RULE + "=")) {
                rules = List.of(SplitRule.of(args[a].substring(IsolationForestConfig.KEY_SPLIT_RULE.length() + 1)));
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[a] + "': expected smile, runs=N or "
                        + IsolationForestConfig.KEY_SPLIT_RULE + "=RULE");
            }
        }
        double[][] x = TestTables.gaussian(n, d, 20260314L);
        for (int i = 0; i < n / 100; i++) { // 1 % obvious outliers
            Arrays.fill(x[i * 100], 6.0);
        }
        System.out.printf(Locale.ROOT, "table %,d x %d, %d cores, %s%n", n, d,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

        for (SplitRule rule : rules) {
            time(rule, x, runs);
        }

        if (smile) {
            int psi = 256;
            long s0 = System.nanoTime();
            IsolationForest stock = IsolationForest.fit(x, 100, 8, (double) psi / n, 0);
            long s1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "Smile 3.1.1 IsolationForest.fit(x, 100, 8, 256/n, 0): %.1f ms (%d trees)%n",
                    (s1 - s0) / 1e6, stock.size());
        }
    }

    /** Times fitting (three settings) and scoring (parallel and not) with one split rule. */
    private static void time(SplitRule rule, double[][] x, int runs) {
        int n = x.length;
        String tag = IsolationForestConfig.KEY_SPLIT_RULE + "=" + rule.value();
        IsolationForestConfig defaults = IsolationForestConfig.builder().splitRule(rule).build();
        IsolationForestConfig treesOnly = defaults.toBuilder().thresholdSampleSize(1).build();
        IsolationForestConfig sequential = defaults.toBuilder().parallel(false).build();
        for (int warm = 0; warm < 5; warm++) {
            new IsolationForestDetector(defaults.withSeed(warm)).fit(x);
        }
        report(tag + ", fit, defaults (trees + threshold on 20,000 rows)", fitMillis(defaults, x, runs));
        report(tag + ", fit, trees only (threshold.sample.size=1)", fitMillis(treesOnly, x, runs));
        report(tag + ", fit, defaults, parallel=false", fitMillis(sequential, x, runs));

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
        System.out.printf(Locale.ROOT, "%s, score %,d rows: %.3f us/row parallel, %.3f us/row one thread"
                + " (identical: %b)%n", tag, n, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, Arrays.equals(s, s2));
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
