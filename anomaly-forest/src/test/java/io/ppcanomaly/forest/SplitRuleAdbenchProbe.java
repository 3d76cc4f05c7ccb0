package io.ppcanomaly.forest;

import io.ppcanomaly.api.eval.LabelledTable;
import io.ppcanomaly.api.eval.RocAuc;
import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Hand-run comparison of the two split rules on the ADBench tables, as {@code IsolationForestAdbenchFunctionalTest}
 * fits and scores them (defaults, fitted unsupervised on all rows, all rows scored, ROC-AUC against the label):
 * for every table and both {@code split.rule} values, the mean ROC-AUC over seeds 1..5 (the functional test's
 * seeds) and, for the tables named in {@code --long}, over seeds 1..20 as well. Not a test: nothing is asserted,
 * and the functional test keeps the bar for the default rule. Prints to standard output because it is a
 * command-line tool.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -o -q -pl anomaly-forest test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -cp "$(cat anomaly-forest/target/test-cp.txt):anomaly-forest/target/classes:anomaly-forest/target/test-classes" \
 *     io.ppcanomaly.forest.SplitRuleAdbenchProbe /work/shared/data smtp,cardio
 * </pre>
 * Arguments: the shared data folder (holding {@code adbench/}), then the tables that also get 20 seeds
 * (comma-separated, default {@code smtp,cardio}; {@code -} for none).
 */
public final class SplitRuleAdbenchProbe {

    private static final int SHORT_SEEDS = 5;
    private static final int LONG_SEEDS = 20;

    private SplitRuleAdbenchProbe() {
    }

    /** @param args data folder, optional comma-separated tables for 20 seeds */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SplitRuleAdbenchProbe <data.dir> [table,table|-]");
        }
        Path dir = Path.of(args[0]).resolve("adbench");
        Set<String> longRuns = Set.of((args.length > 1 ? args[1] : "smtp,cardio").split(","));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.csv.gz tables in " + dir.toAbsolutePath());
        }
        System.out.printf(Locale.ROOT, "%-12s %-13s %8s %8s %8s %8s %9s %9s%n", "table", "split.rule", "mean1-5",
                "min1-5", "mean1-20", "min1-20", "fit ms", "us/row");
        for (Path file : files) {
            LabelledTable t = LabelledTable.read(file);
            int seeds = longRuns.contains(t.name()) ? LONG_SEEDS : SHORT_SEEDS;
            for (SplitRule rule : SplitRule.values()) {
                double[] auc = new double[seeds];
                long fitNanos = 0;
                long scoreNanos = 0;
                for (int k = 0; k < seeds; k++) {
                    IsolationForestDetector d = new IsolationForestDetector(
                            IsolationForestConfig.builder().splitRule(rule).seed(k + 1).build());
                    long t0 = System.nanoTime();
                    d.fit(t.x());
                    long t1 = System.nanoTime();
                    double[] s = d.score(t.x());
                    fitNanos += t1 - t0;
                    scoreNanos += System.nanoTime() - t1;
                    auc[k] = RocAuc.of(s, t.labels());
                }
                System.out.printf(Locale.ROOT, "%-12s %-13s %8.4f %8.4f %8s %8s %9.1f %9.2f%n", t.name(),
                        rule.value(), mean(auc, SHORT_SEEDS), min(auc, SHORT_SEEDS),
                        seeds == LONG_SEEDS ? String.format(Locale.ROOT, "%.4f", mean(auc, LONG_SEEDS)) : "-",
                        seeds == LONG_SEEDS ? String.format(Locale.ROOT, "%.4f", min(auc, LONG_SEEDS)) : "-",
                        fitNanos / 1e6 / seeds, scoreNanos / 1e3 / seeds / t.x().length);
            }
        }
    }

    private static double mean(double[] v, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i];
        }
        return sum / n;
    }

    private static double min(double[] v, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.min(m, v[i]);
        }
        return m;
    }
}
