package io.ppcanomaly.lstm;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/** Small configurations and generated windows shared by the tests. */
final class TestModels {

    private TestModels() {
    }

    /** A network small and quick enough to train a dozen times in a unit-test run. */
    static LstmAutoencoderConfig small() {
        return LstmAutoencoderConfig.builder().layers(8, 4, 8).epochs(4).batchSize(64).patience(2)
                .learningRate(0.02).seed(7).build();
    }

    static Properties smallOptions() {
        return small().toProperties();
    }

    /**
     * PPC-like windows: per entity a smooth weekly pattern plus AR(1) noise on every feature, around 0 like the
     * foundation's scale-free features. StrictMath keeps them bit-identical on every JVM, so the saved-model
     * fixture's expected scores hold everywhere.
     */
    static List<FeatureWindow> normalWindows(int entities, int perEntity, int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureSchema s = FeatureSchema.DEFAULT;
        int f = s.size();
        List<FeatureWindow> out = new ArrayList<>();
        LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int e = 0; e < entities; e++) {
            double phase = rnd.nextDouble() * 7;
            for (int w = 0; w < perEntity; w++) {
                double[] v = new double[length * f];
                for (int j = 0; j < f; j++) {
                    double x = 0;
                    for (int t = 0; t < length; t++) {
                        x = 0.5 * x + 0.1 * gaussian(rnd);
                        double weekly = (j >= 4 ? 0.2 : 0.05)
                                * StrictMath.sin(2 * StrictMath.PI * (w + t + phase) / 7);
                        v[t * f + j] = weekly + x;
                    }
                }
                out.add(FeatureWindow.of(s, v, "kw-" + e, t0.plusDays(w + length - 1L)));
            }
        }
        return out;
    }

    /** The window with feature {@code feature} shifted by {@code shift} on its last {@code days} periods. */
    static FeatureWindow withIncident(FeatureWindow w, int feature, double shift, int days) {
        double[] v = w.toArray();
        int f = w.width();
        for (int t = w.length() - days; t < w.length(); t++) {
            v[t * f + feature] += shift;
        }
        return w.withValues(v);
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
}
