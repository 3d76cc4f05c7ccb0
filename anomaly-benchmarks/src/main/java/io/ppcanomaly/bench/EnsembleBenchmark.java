package io.ppcanomaly.bench;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The default ensemble (LSTM autoencoder, Half-Space Trees, Isolation Forest, calibrated and combined) scoring
 * windows of 14 periods x the 6 default PPC features: one window, a batch of 10,000, and score-then-learn of one
 * window (streaming). No JVM library offers a calibrated multi-detector ensemble to compare with; the members'
 * own benchmarks carry the peer ratios.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar EnsembleBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnsembleBenchmark {

    static final int BATCH = 10_000;

    /** The fitted ensemble and windows to score. */
    @State(Scope.Benchmark)
    public static class EnsembleState {
        Detector ensemble;
        List<FeatureWindow> windows;
        FeatureWindow one;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            ensemble = Fixtures.fittedEnsemble();
            windows = Fixtures.windows(BATCH, 0.01, BenchData.SEED + 1);
            one = windows.get(17);
        }
    }

    /** A separately fitted ensemble that learns as it goes (each thread its own: learning mutates it). */
    @State(Scope.Thread)
    public static class StreamState {
        StreamingDetector ensemble;
        List<FeatureWindow> stream;
        int next;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            ensemble = (StreamingDetector) Fixtures.fittedEnsemble();
            stream = Fixtures.windows(BATCH, 0.01, BenchData.SEED + 2);
        }
    }

    /** One window: every member scores it, calibration, weighted combination. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public AnomalyResult scoreOne(EnsembleState s) {
        return s.ensemble.score(s.one);
    }

    /** 10,000 windows in one call (each member's batch path); time per window. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<AnomalyResult> scoreBatch(EnsembleState s) {
        return s.ensemble.scoreAll(s.windows);
    }

    /** Streaming: score one window, then let the streaming members learn it. */
    @Benchmark
    public AnomalyResult scoreAndLearnOne(StreamState s) {
        FeatureWindow w = s.stream.get(s.next);
        s.next = (s.next + 1) % BATCH;
        return s.ensemble.scoreAndLearn(w);
    }
}
