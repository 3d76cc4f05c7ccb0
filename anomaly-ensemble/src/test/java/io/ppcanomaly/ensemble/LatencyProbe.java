package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.TestData;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * A hand-run latency probe until anomaly-benchmarks has its JMH benchmark: ensemble scoring (single window and
 * batched) and one Shapley explanation at the default sample count. Not a test; nothing is asserted. Run:
 * {@code java -cp <test classpath> io.ppcanomaly.ensemble.LatencyProbe [key=value ...]} with the ensemble's
 * options, e.g. {@code member.lstm-autoencoder.epochs=2} (training length does not change the scoring cost).
 */
public final class LatencyProbe {

    private LatencyProbe() {
    }

    /** Prints median and 90th percentile latencies. */
    public static void main(String[] args) {
        Properties p = new Properties();
        for (String a : args) {
            int eq = a.indexOf('=');
            p.setProperty(a.substring(0, eq), a.substring(eq + 1));
        }
        Detector d = Detectors.create("ensemble", p);
        long t0 = System.nanoTime();
        d.fit(TestData.normal(1, 5_000));
        System.out.printf("fit on 5000 windows: %.0f ms, members %s%n", (System.nanoTime() - t0) / 1e6,
                ((EnsembleDetector) d).memberWeights());
        List<FeatureWindow> probe = TestData.windows(new SplittableRandom(2), 1_000, 14, 0.5, 20, "p");
        FeatureWindow zeros = FeatureWindow.zeros(probe.get(0).schema(), 14, null, null);
        Explainer ex = Explainers.create("monte-carlo-shapley", null);
        for (int round = 0; round < 3; round++) { // warm-up rounds, the last one is reported
            double[] single = new double[2_000];
            for (int i = 0; i < single.length; i++) {
                long s = System.nanoTime();
                d.score(probe.get(i % probe.size()));
                single[i] = (System.nanoTime() - s) / 1e3;
            }
            double[] batch = new double[20];
            for (int i = 0; i < batch.length; i++) {
                long s = System.nanoTime();
                d.scoreAll(probe);
                batch[i] = (System.nanoTime() - s) / 1e3 / probe.size();
            }
            double[] explain = new double[500];
            for (int i = 0; i < explain.length; i++) {
                long s = System.nanoTime();
                ex.explain(d, probe.get(i), zeros);
                explain[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.printf("round %d: score(1) median %.1f us p90 %.1f us | scoreAll(1000) median %.2f us/window"
                            + " | explain median %.3f ms p90 %.3f ms%n", round, pct(single, 50), pct(single, 90),
                    pct(batch, 50), pct(explain, 50), pct(explain, 90));
        }
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p / 100.0 * s.length))];
    }
}
