package io.ppcanomaly.bench;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.lstm.LstmAutoencoderConfig;
import io.ppcanomaly.lstm.LstmAutoencoderDetector;
import io.ppcanomaly.lstm.LstmModel;
import io.ppcanomaly.lstm.train.Dl4jNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LSTM autoencoder (14 periods x 3 features, LSTM 32-16-32) inference: our plain-Java forward pass over the trained
 * weights against DeepLearning4j's own MultiLayerNetwork.output() on the same network (rebuilt from the model's DL4J
 * zip), in the same run: one window, and batches of 1,000 and 10,000 windows.
 *
 * Single windows run in sample mode (percentiles: the bar is p50 &lt;= 50 us); batches in average time per window
 * (bar &lt;= 10 us per window in batches of &gt;= 1,000):
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar LstmAutoencoderBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 * Allocation: add -prof gc.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LstmAutoencoderBenchmark {

    static final int SMALL_BATCH = 1_000;
    static final int LARGE_BATCH = 10_000;

    /** A trained model, DL4J's network with the same weights, and the windows to score. */
    @State(Scope.Benchmark)
    public static class ModelState {
        /** Number of features per row/window. */
        @Param({"3"})
        public int features;
        /** Periods per window. */
        @Param({"14"})
        public int periods;
        /** Whether our batches use both cores (the module's default: true). */
        @Param({"true", "false"})
        public boolean parallel;
        LstmAutoencoderDetector detector;
        MultiLayerNetwork dl4j;
        FeatureWindow one;
        List<FeatureWindow> small;
        List<FeatureWindow> large;
        INDArray oneNd;
        INDArray smallNd;
        INDArray largeNd;
        double[] errors;
        double[] scores;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            FeatureSchema schema = BenchData.schema(features);
            // Training quality does not change inference cost; a few epochs keep the set-up short.
            detector = new LstmAutoencoderDetector(LstmAutoencoderConfig.builder().epochs(3).seed(42)
                    .parallelScoring(parallel).build());
            detector.fit(BenchData.windows(4_000, periods, schema, 0.0, BenchData.SEED));
            dl4j = Dl4jNetworks.fromZip(detector.model().dl4jZip());
            large = BenchData.windows(LARGE_BATCH, periods, schema, 0.01, BenchData.SEED + 1);
            small = large.subList(0, SMALL_BATCH);
            one = large.get(17);
            oneNd = toNd(List.of(one));
            smallNd = toNd(small);
            largeNd = toNd(large);
            errors = new double[LARGE_BATCH];
            scores = new double[LARGE_BATCH];
        }

        /** DL4J's recurrent layout: [batch, features, time], float. */
        private INDArray toNd(List<FeatureWindow> windows) {
            int f = windows.get(0).width();
            int t = windows.get(0).length();
            float[] flat = new float[windows.size() * f * t];
            for (int b = 0; b < windows.size(); b++) {
                FeatureWindow w = windows.get(b);
                for (int j = 0; j < f; j++) {
                    for (int k = 0; k < t; k++) {
                        flat[(b * f + j) * t + k] = (float) w.get(k, j);
                    }
                }
            }
            return Nd4j.create(flat, new long[] {windows.size(), f, t}, 'c');
        }
    }

    /** One thread's allocation-free cursor. */
    @State(Scope.Thread)
    public static class CursorState {
        LstmModel.Cursor cursor;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp(ModelState m) {
            cursor = m.detector.newCursor();
        }
    }

    /** Ours, one window through the {@code Detector} API (checks and a result record). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public AnomalyResult scoreOneOurs(ModelState s) {
        return s.detector.score(s.one);
    }

    /** Ours, one window through a reusable cursor: no allocation. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double scoreOneOursCursor(ModelState s, CursorState c) {
        return c.cursor.score(s.one);
    }

    /** DL4J 1.0.0-M2.1's own {@code MultiLayerNetwork.output()} on one window. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public INDArray scoreOneDl4j(ModelState s) {
        return s.dl4j.output(s.oneNd);
    }

    /** Ours, 1,000 windows through {@code scoreAll}; time per window. */
    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public List<AnomalyResult> scoreBatch1000Ours(ModelState s) {
        return s.detector.scoreAll(s.small);
    }

    /** DL4J, 1,000 windows in one {@code output()}; time per window. */
    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public INDArray scoreBatch1000Dl4j(ModelState s) {
        return s.dl4j.output(s.smallNd);
    }

    /** Ours, 10,000 windows through {@code scoreAll}; time per window. */
    @Benchmark
    @OperationsPerInvocation(LARGE_BATCH)
    public List<AnomalyResult> scoreBatch10000Ours(ModelState s) {
        return s.detector.scoreAll(s.large);
    }

    /** Ours, 10,000 windows into caller arrays (no result records); time per window. */
    @Benchmark
    @OperationsPerInvocation(LARGE_BATCH)
    public double[] scoreBatch10000OursInto(ModelState s) {
        s.detector.scoreInto(s.large, s.errors, s.scores);
        return s.scores;
    }

    /** DL4J, 10,000 windows in one {@code output()}; time per window. */
    @Benchmark
    @OperationsPerInvocation(LARGE_BATCH)
    public INDArray scoreBatch10000Dl4j(ModelState s) {
        return s.dl4j.output(s.largeNd);
    }
}
