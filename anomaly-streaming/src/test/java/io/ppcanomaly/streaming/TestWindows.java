package io.ppcanomaly.streaming;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded windows for the detector tests: correlated noise around 0 per feature, optionally shifted last rows. */
final class TestWindows {

    static final FeatureSchema SCHEMA = FeatureSchema.of("ctr", "cpc", "acos");

    private TestWindows() {
    }

    static List<FeatureWindow> windows(int n, int length, long seed, double shift) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int f = SCHEMA.size();
        List<FeatureWindow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[length * f];
            for (int j = 0; j < f; j++) {
                double x = 0;
                for (int t = 0; t < length; t++) {
                    x = 0.5 * x + 0.2 * rnd.nextGaussian();
                    v[t * f + j] = x + (t == length - 1 ? shift : 0.0);
                }
            }
            out.add(FeatureWindow.of(SCHEMA, v, "kw-" + i, LocalDateTime.of(2026, 1, 1, 0, 0).plusDays(i)));
        }
        return out;
    }

    static double[] scores(List<io.ppcanomaly.api.AnomalyResult> rs) {
        return rs.stream().mapToDouble(io.ppcanomaly.api.AnomalyResult::score).toArray();
    }
}
