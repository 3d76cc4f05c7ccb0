package io.ppcanomaly.lstm.state;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The saved-model fixture of format version 1 and the windows its expected scores belong to. */
final class ModelFixtures {

    /** Classpath resource of the fixture model. */
    static final String MODEL_V1 = "/io/ppcanomaly/lstm/state/lstm-autoencoder-v1.model";
    /** Classpath resource of the fixture's expected raw scores and scores, one probe window per line. */
    static final String EXPECTED_V1 = "/io/ppcanomaly/lstm/state/lstm-autoencoder-v1.expected";

    private ModelFixtures() {
    }

    /** Training windows of the fixture: AR(1) noise around a weekly pattern, StrictMath only. */
    static List<FeatureWindow> training() {
        return windows(20, 10, 2024, 0.0);
    }

    /** Probe windows: 12 normal ones, then 4 with a shock on the last periods. */
    static List<FeatureWindow> probe() {
        List<FeatureWindow> out = new ArrayList<>(windows(3, 4, 4242, 0.0));
        out.addAll(windows(2, 2, 4343, 1.5));
        return out;
    }

    private static List<FeatureWindow> windows(int entities, int perEntity, long seed, double shock) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureSchema s = FeatureSchema.DEFAULT;
        int f = s.size();
        int len = 14;
        List<FeatureWindow> out = new ArrayList<>();
        LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int e = 0; e < entities; e++) {
            for (int w = 0; w < perEntity; w++) {
                double[] v = new double[len * f];
                for (int j = 0; j < f; j++) {
                    double x = 0;
                    for (int t = 0; t < len; t++) {
                        double u1 = 1.0 - rnd.nextDouble();
                        double u2 = rnd.nextDouble();
                        double g = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
                        x = 0.5 * x + 0.1 * g;
                        double weekly = 0.1 * StrictMath.sin(2 * StrictMath.PI * (w + t) / 7.0);
                        double jump = t >= len - 3 ? shock * (j % 2 == 0 ? 1 : -1) : 0.0;
                        v[t * f + j] = weekly + x + jump;
                    }
                }
                out.add(FeatureWindow.of(s, v, "kw-" + seed + "-" + e, t0.plusDays(w + len - 1L)));
            }
        }
        return out;
    }
}
