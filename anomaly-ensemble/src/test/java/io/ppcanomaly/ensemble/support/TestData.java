package io.ppcanomaly.ensemble.support;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ProviderRegistry;
import io.ppcanomaly.ensemble.tail.PeriodTailProvider;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generated scale-free windows: AR(1) noise per feature around 0, optionally shocked in the last periods. */
public final class TestData {

    /** First period of generated windows. */
    public static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);

    private TestData() {
    }

    /**
     * @param n      windows
     * @param length periods per window
     * @param shock  shift added to every feature (alternating sign) over the last two periods; 0 for normal
     * @param days   windows are spread over this many distinct periods
     */
    public static List<FeatureWindow> windows(SplittableRandom rnd, int n, int length, double shock, int days,
                                              String prefix) {
        FeatureSchema s = FeatureSchema.DEFAULT;
        int f = s.size();
        List<FeatureWindow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[length * f];
            for (int k = 0; k < f; k++) {
                double x = 0;
                for (int t = 0; t < length; t++) {
                    x = 0.5 * x + 0.15 * gaussian(rnd);
                    double shift = t >= length - 2 ? shock * (k % 2 == 0 ? 1 : -1) : 0.0;
                    v[t * f + k] = x + shift;
                }
            }
            out.add(FeatureWindow.of(s, v, prefix + "-" + (i % 50), T0.plusDays(i / 50 % days)));
        }
        return out;
    }

    /** @return normal windows of length 14 over 20 days */
    public static List<FeatureWindow> normal(long seed, int n) {
        return windows(new SplittableRandom(seed), n, 14, 0.0, 20, "kw");
    }

    /** @return a standard normal draw */
    public static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * @return a registry of the default members: the real {@code period-tail} (this module's own) and test
     *         detectors standing in for the three window members of other modules
     */
    public static ProviderRegistry<DetectorProvider> defaultsStandIn() {
        return ProviderRegistry.of(List.of(new PeriodTailProvider(), TestDetectorProvider.zscore("lstm-autoencoder"),
                TestDetectorProvider.ewma("half-space-trees"), TestDetectorProvider.mad("isolation-forest")),
                "detector", DetectorProvider::name);
    }

    /** @return a registry holding exactly the given providers */
    public static ProviderRegistry<DetectorProvider> registry(DetectorProvider... providers) {
        return ProviderRegistry.of(List.of(providers), "detector", DetectorProvider::name);
    }

    /** Kolmogorov–Smirnov distance of a sample to the uniform distribution on [0, 1]. */
    public static double ksUniform(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max(Math.abs((i + 1.0) / n - s[i]), Math.abs(s[i] - (double) i / n)));
        }
        return d;
    }
}
