package io.ppcanomaly.bench;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;

import java.util.List;
import java.util.Properties;

/** Fitted models shared by several benchmarks, built the same way each time from fixed seeds. */
final class Fixtures {

    /** Windows the ensemble is fitted on. */
    static final int TRAINING_WINDOWS = 4_000;

    private Fixtures() {
    }

    /**
     * The default ensemble (LSTM autoencoder 0.5, Half-Space Trees 0.3, Isolation Forest 0.2, whichever are on the
     * class path) fitted on generated windows of the default PPC schema (14 periods × 6 features). The LSTM member
     * trains for 3 epochs instead of 30: training quality does not change the cost of scoring or explaining.
     */
    static Detector fittedEnsemble() {
        Properties p = new Properties();
        p.setProperty("seed", "42");
        if (Detectors.available().contains("lstm-autoencoder")) {
            p.setProperty("member.lstm-autoencoder.epochs", "3");
        }
        Detector d = Detectors.create("ensemble", p);
        d.fit(windows(TRAINING_WINDOWS, 0.0, BenchData.SEED));
        return d;
    }

    /** Windows of the default schema and length, with a share of anomalous last rows. */
    static List<FeatureWindow> windows(int count, double anomalyShare, long seed) {
        return BenchData.windows(count, 14, FeatureSchema.DEFAULT, anomalyShare, seed);
    }
}
