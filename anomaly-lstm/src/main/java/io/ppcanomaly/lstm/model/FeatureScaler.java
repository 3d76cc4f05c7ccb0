package io.ppcanomaly.lstm.model;

import io.ppcanomaly.api.features.FeatureWindow;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-feature standardisation, z = (x − mean) / scale, learnt from the training windows. Immutable.
 *
 * <p>The foundation's features are already scale-free log-ratios, but their spreads differ by an order of
 * magnitude (a volume moves far more than a CTR), and an MSE loss would otherwise attend to the widest
 * feature only. A feature that never varied in training gets scale 1, so it cannot blow up.
 */
public final class FeatureScaler {

    /** Standard deviations below this are treated as constant features (scale 1). */
    public static final double MIN_SCALE = 1e-6;

    private final double[] mean;
    private final double[] scale;

    /**
     * @param mean  per-feature mean, finite
     * @param scale per-feature scale, finite and &gt; 0
     * @throws IllegalArgumentException for mismatched lengths or invalid values
     */
    public FeatureScaler(double[] mean, double[] scale) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        if (mean.length == 0 || mean.length != scale.length) {
            throw new IllegalArgumentException("mean and scale must have the same positive length, got "
                    + mean.length + " and " + scale.length);
        }
        for (int f = 0; f < mean.length; f++) {
            if (!Double.isFinite(mean[f])) {
                throw new IllegalArgumentException("mean[" + f + "] must be finite, got " + mean[f]);
            }
            if (!(scale[f] > 0) || !Double.isFinite(scale[f])) {
                throw new IllegalArgumentException("scale[" + f + "] must be finite and > 0, got " + scale[f]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /**
     * Fits the mean and standard deviation of every feature over every period of every window.
     *
     * @param windows windows of one schema and length, non-empty
     */
    public static FeatureScaler fit(List<FeatureWindow> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("windows must not be empty, got 0");
        }
        int features = windows.get(0).width();
        double[] w = new double[windows.get(0).length() * features];
        double[] sum = new double[features];
        long count = 0;
        for (FeatureWindow window : windows) {
            window.copyTo(w, 0);
            for (int i = 0; i < w.length; i++) {
                sum[i % features] += w[i];
            }
            count += w.length / features;
        }
        double[] mean = new double[features];
        for (int f = 0; f < features; f++) {
            mean[f] = sum[f] / count;
        }
        // Second pass around the mean: numerically stable, and the data are in memory anyway.
        double[] ss = new double[features];
        for (FeatureWindow window : windows) {
            window.copyTo(w, 0);
            for (int i = 0; i < w.length; i++) {
                double d = w[i] - mean[i % features];
                ss[i % features] += d * d;
            }
        }
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            double sd = Math.sqrt(ss[f] / count);
            scale[f] = sd < MIN_SCALE ? 1.0 : sd;
        }
        return new FeatureScaler(mean, scale);
    }

    /** @return the number of features */
    public int features() {
        return mean.length;
    }

    /** @return a copy of the per-feature means */
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-feature scales */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * Standardises row-major values into {@code dst} as floats, without allocating.
     *
     * @param src row-major values, {@code n} of them from {@code srcOffset}
     * @param dst receives the standardised values from {@code dstOffset}
     */
    public void standardise(double[] src, int srcOffset, float[] dst, int dstOffset, int n) {
        int features = mean.length;
        for (int row = 0; row < n; row += features) {
            for (int f = 0, end = Math.min(features, n - row); f < end; f++) {
                int i = row + f;
                dst[dstOffset + i] = (float) ((src[srcOffset + i] - mean[f]) / scale[f]);
            }
        }
    }

    /** @return the value of feature {@code f} in original units for a standardised value */
    public double restore(int f, double standardised) {
        return standardised * scale[f] + mean[f];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaler s && Arrays.equals(s.mean, mean) && Arrays.equals(s.scale, scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "FeatureScaler[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
    }
}
