package io.ppcanomaly.bench;

import com.amazon.randomcutforest.RandomCutForest;
import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.streaming.HalfSpaceTreesConfig;
import io.ppcanomaly.streaming.HalfSpaceTreesDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Half-Space Trees score-then-learn per observation at the paper's defaults (25 trees, depth 15, ψ = 250) with 3
 * and 10 features, against AWS Random Cut Forest 4.x (50 trees, 256 samples, single-threaded) doing
 * getAnomalyScore + update on the same stream, in the same run.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar HalfSpaceTreesBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 * (allocation: add -prof gc; the double[] path should show ~0 B/op)
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HalfSpaceTreesBenchmark {

    /** Length of the pre-generated stream; observations cycle through it. */
    static final int STREAM = 1 << 16;

    /** Both models, warmed on the same 2,000 observations, and the stream that follows. */
    @State(Scope.Thread)
    public static class StreamState {
        /** Number of features per row/window. */
        @Param({"3", "10"})
        public int features;
        HalfSpaceTreesDetector hst;
        RandomCutForest rcf;
        double[][] rows;
        float[][] rowsFloat;
        List<FeatureWindow> windows;
        int next;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            double[][] warm = BenchData.table(2_000, features, 0.01, BenchData.SEED);
            rows = BenchData.table(STREAM, features, 0.01, BenchData.SEED + 1);
            rowsFloat = new float[STREAM][features];
            for (int i = 0; i < STREAM; i++) {
                for (int j = 0; j < features; j++) {
                    rowsFloat[i][j] = (float) rows[i][j];
                }
            }
            windows = BenchData.rowWindows(rows);
            hst = new HalfSpaceTreesDetector(HalfSpaceTreesConfig.builder().seed(42).build());
            hst.fit(warm);
            rcf = RandomCutForest.builder().dimensions(features).numberOfTrees(50).sampleSize(256).randomSeed(42)
                    .parallelExecutionEnabled(false).build();
            for (double[] r : warm) {
                float[] f = new float[features];
                for (int j = 0; j < features; j++) {
                    f[j] = (float) r[j];
                }
                rcf.update(f);
            }
        }

        int next() {
            int i = next;
            next = (i + 1) & (STREAM - 1);
            return i;
        }
    }

    /** Ours, the allocation-free path: {@code double scoreAndLearn(double[])}. */
    @Benchmark
    public double scoreAndLearnOurs(StreamState s) {
        return s.hst.scoreAndLearn(s.rows[s.next()]);
    }

    /** Ours through the {@code StreamingDetector} API (window checks and a result record per call). */
    @Benchmark
    public AnomalyResult scoreAndLearnOursWindow(StreamState s) {
        return s.hst.scoreAndLearn(s.windows.get(s.next()));
    }

    /** Ours, score only (no learning). */
    @Benchmark
    public double scoreOurs(StreamState s) {
        return s.hst.score(s.rows[s.next()]);
    }

    /** AWS Random Cut Forest 4.x: score, then update, with float[] points (its native precision). */
    @Benchmark
    public double scoreAndUpdateRcf(StreamState s) {
        float[] x = s.rowsFloat[s.next()];
        double score = s.rcf.getAnomalyScore(x);
        s.rcf.update(x);
        return score;
    }
}
