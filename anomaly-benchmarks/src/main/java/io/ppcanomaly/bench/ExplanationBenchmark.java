package io.ppcanomaly.bench;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.features.FeatureWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Explaining one alert of the default ensemble with the Monte-Carlo Shapley explainer at its defaults (6 features:
 * exact enumeration of the 64 coalitions, scored in one batch), against the entity's baseline (all-zero window:
 * the entity behaving as usual). Bar: &lt;= 5 ms. No JVM library explains an ensemble vote to compare with.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar ExplanationBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExplanationBenchmark {

    /** The fitted ensemble, the explainer, and the most anomalous of 2,000 generated windows. */
    @State(Scope.Benchmark)
    public static class AlertState {
        Detector ensemble;
        Explainer explainer;
        FeatureWindow alert;
        FeatureWindow baseline;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            ensemble = Fixtures.fittedEnsemble();
            explainer = Explainers.create("monte-carlo-shapley", null);
            List<FeatureWindow> candidates = Fixtures.windows(2_000, 0.05, BenchData.SEED + 3);
            List<AnomalyResult> rs = ensemble.scoreAll(candidates);
            int best = 0;
            for (int i = 1; i < rs.size(); i++) {
                if (rs.get(i).score() > rs.get(best).score()) {
                    best = i;
                }
            }
            alert = candidates.get(best);
            baseline = FeatureWindow.zeros(alert.schema(), alert.length(), alert.entityId(), alert.period());
        }
    }

    /** One alert explained. */
    @Benchmark
    public Explanation explainOneAlert(AlertState s) {
        return s.explainer.explain(s.ensemble, s.alert, s.baseline);
    }
}
