package io.ppcanomaly.bench;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.forest.IsolationForestConfig;
import io.ppcanomaly.forest.IsolationForestDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.anomaly.IsolationForest;
import smile.math.MathEx;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Isolation Forest: our fit (per-tree samples drawn by us, trees grown through Smile's API) against Smile 3.1.1's
 * stock IsolationForest.fit on the same table, in the same run; single-row and batched scoring of both.
 *
 * Fit (one fit per invocation; Smile's stock fit takes tens of seconds on 500k rows, so few iterations):
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar 'IsolationForestBenchmark.fit' -f 1 -wi 1 -i 3
 * </pre>
 * Score (add -prof gc for allocation per operation):
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar 'IsolationForestBenchmark.score' -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IsolationForestBenchmark {

    /** Rows scored per batched invocation. */
    static final int BATCH = 10_000;

    /** The table to fit: 500,000 × 3 by default (the bar: fit in under a second). */
    @State(Scope.Benchmark)
    public static class FitState {
        /** Rows of the table fitted. */
        @Param({"500000"})
        public int rows;
        /** Number of features per row/window. */
        @Param({"3"})
        public int features;
        double[][] table;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            table = BenchData.table(rows, features, 0.01, BenchData.SEED);
        }
    }

    /** Our fitted forest and the rows to score through it. */
    @State(Scope.Benchmark)
    public static class OurScoreState {
        /** Number of features per row/window. */
        @Param({"3"})
        public int features;
        /** Whether batches of 2,048+ rows are scored on the common fork-join pool (our default: true). */
        @Param({"true", "false"})
        public boolean parallel;
        /** Our split rule: {@code non-constant} (the default, scikit-learn's) or {@code smile} (Smile's trees). */
        @Param({"non-constant", "smile"})
        public String splitRule;
        IsolationForestDetector detector;
        double[][] rows;
        double[] one;
        List<FeatureWindow> windows;
        FeatureWindow window;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            double[][] train = BenchData.table(100_000, features, 0.01, BenchData.SEED);
            detector = new IsolationForestDetector(IsolationForestConfig.builder().seed(42).parallel(parallel)
                    .splitRule(IsolationForestConfig.SplitRule.of(splitRule)).build());
            detector.fit(train);
            rows = BenchData.table(BATCH, features, 0.01, BenchData.SEED + 1);
            one = rows[17];
            windows = BenchData.rowWindows(rows);
            window = windows.get(17);
        }
    }

    /** Smile's stock forest with the same shape (100 trees, depth 8, 256 rows per tree). */
    @State(Scope.Benchmark)
    public static class SmileScoreState {
        /** Number of features per row/window. */
        @Param({"3"})
        public int features;
        IsolationForest forest;
        double[][] rows;
        double[] one;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            // Smile's stock fit grows with the table (see fitSmileStock); 20,000 rows keep the set-up short and
            // give trees of the same shape as ours.
            double[][] train = BenchData.table(20_000, features, 0.01, BenchData.SEED);
            MathEx.setSeed(42);
            forest = IsolationForest.fit(train, 100, 8, 256.0 / train.length, 0);
            rows = BenchData.table(BATCH, features, 0.01, BenchData.SEED + 1);
            one = rows[17];
        }
    }

    /**
     * Our fit at the defaults: one pass over the table to draw 100 samples of 256 rows, then 100 small trees
     * (scikit-learn's split rule, compact arrays).
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IsolationForestDetector fitOurs(FitState s) {
        IsolationForestDetector d = new IsolationForestDetector(IsolationForestConfig.builder().seed(42).build());
        d.fit(s.table);
        return d;
    }

    /** Our fit with {@code split.rule=smile}: our samples, Smile's {@code IsolationTree}s. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IsolationForestDetector fitOursSmileTrees(FitState s) {
        IsolationForestDetector d = new IsolationForestDetector(IsolationForestConfig.builder().seed(42)
                .splitRule(IsolationForestConfig.SplitRule.SMILE).build());
        d.fit(s.table);
        return d;
    }

    /** Smile 3.1.1's stock fit with the same forest shape: {@code fit(x, 100, 8, 256/n, 0)}. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IsolationForest fitSmileStock(FitState s) {
        MathEx.setSeed(42);
        return IsolationForest.fit(s.table, 100, 8, 256.0 / s.rows, 0);
    }

    /** One window through the {@code Detector} API (result record included). */
    @Benchmark
    public AnomalyResult scoreOneOurs(OurScoreState s) {
        return s.detector.score(s.window);
    }

    /** One row through the table API. */
    @Benchmark
    public double[] scoreOneRowOurs(OurScoreState s) {
        return s.detector.score(new double[][] {s.one});
    }

    /** One row through Smile's {@code score(double[])}. */
    @Benchmark
    public double scoreOneSmile(SmileScoreState s) {
        return s.forest.score(s.one);
    }

    /** 10,000 windows through {@code scoreAll}; time per window. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<AnomalyResult> scoreBatchOurs(OurScoreState s) {
        return s.detector.scoreAll(s.windows);
    }

    /** 10,000 rows through the table API; time per row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] scoreBatchRowsOurs(OurScoreState s) {
        return s.detector.score(s.rows);
    }

    /** 10,000 rows through Smile's {@code score(double[][])}; time per row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] scoreBatchSmile(SmileScoreState s) {
        return s.forest.score(s.rows);
    }
}
