package io.ppcanomaly.ensemble.calibration;

import java.util.Arrays;

/**
 * The generalized Pareto distribution of exceedances over a high threshold, the tail model of
 * {@link EmpiricalCalibrator}. Immutable.
 *
 * <p>Survival function {@code S(y) = (1 + ξ y / σ)^(-1/ξ)} for {@code y >= 0} ({@code exp(-y/σ)} when ξ = 0);
 * for ξ &lt; 0 the support ends at {@code -σ/ξ}, beyond which S is 0. By the Pickands–Balkema–de Haan theorem
 * the exceedances of almost any continuous score over a high enough threshold follow this law (Pickands 1975,
 * "Statistical inference using extreme order statistics", Ann. Statist. 3(1)). Fitted by probability-weighted
 * moments (Hosking &amp; Wallis 1987, "Parameter and quantile estimation for the generalized Pareto
 * distribution", Technometrics 29(3):339–349): closed form, no iteration, and better behaved than maximum
 * likelihood on the few dozen exceedances a calibration sample has.
 *
 * @param shape ξ, in [{@link #MIN_SHAPE}, {@link #MAX_SHAPE}]
 * @param scale σ, finite and &gt; 0
 */
public record GeneralizedPareto(double shape, double scale) {

    /**
     * Lowest shape the fit returns. Detector scores in [0, 1] have a bounded tail (ξ &lt; 0); below −1/2 the
     * estimator is unreliable and the fitted endpoint would sit just above the largest exceedance.
     */
    public static final double MIN_SHAPE = -0.5;
    /** Highest shape the fit returns: probability-weighted moments need ξ &lt; 1/2 (finite variance). */
    public static final double MAX_SHAPE = 0.5;
    /** Smallest scale; a sample of identical exceedances gets this one (a near-step tail). */
    public static final double MIN_SCALE = 1e-12;

    /** Validates the parameters. */
    public GeneralizedPareto {
        if (!(shape >= MIN_SHAPE && shape <= MAX_SHAPE)) {
            throw new IllegalArgumentException("shape must be in [" + MIN_SHAPE + ", " + MAX_SHAPE + "], got "
                    + shape);
        }
        if (!(scale >= MIN_SCALE) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and >= " + MIN_SCALE + ", got " + scale);
        }
    }

    /**
     * Fits exceedances by probability-weighted moments, clamping the shape to [{@link #MIN_SHAPE},
     * {@link #MAX_SHAPE}] and then matching the mean ({@code σ = mean · (1 − ξ)}, which is the unclamped
     * estimator's σ too).
     *
     * @param exceedances values &ge; 0 over the threshold, at least one; not modified
     * @throws IllegalArgumentException for an empty array or a negative or non-finite value
     */
    public static GeneralizedPareto fit(double[] exceedances) {
        return fit(exceedances, 0.0);
    }

    /**
     * As {@link #fit(double[])}, but a bounded fit (ξ &lt; 0) whose endpoint {@code σ/|ξ|} falls short of
     * {@code minEndpoint} gets the largest ξ that moves the endpoint there (keeping the mean). Estimates of a
     * bounded tail's endpoint often fall below the sample's own maximum, which would make every value above
     * that maximum equally, infinitely rare; asking for an endpoint one average spacing beyond the largest
     * exceedance keeps such values ordered.
     *
     * @param exceedances values &ge; 0 over the threshold, at least one; not modified
     * @param minEndpoint the least endpoint a bounded fit may have, &ge; 0
     * @throws IllegalArgumentException for an empty array or a negative or non-finite value
     */
    public static GeneralizedPareto fit(double[] exceedances, double minEndpoint) {
        if (!(minEndpoint >= 0) || !Double.isFinite(minEndpoint)) {
            throw new IllegalArgumentException("minEndpoint must be finite and >= 0, got " + minEndpoint);
        }
        int k = exceedances.length;
        if (k == 0) {
            throw new IllegalArgumentException("exceedances must not be empty, got 0");
        }
        double[] y = exceedances.clone();
        for (double v : y) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("exceedances must be finite and >= 0, got " + v);
            }
        }
        Arrays.sort(y);
        double a0 = 0;
        double a1 = 0;
        for (int i = 0; i < k; i++) {
            double p = (i + 1 - 0.35) / k;
            a0 += y[i];
            a1 += (1 - p) * y[i];
        }
        a0 /= k;
        a1 /= k;
        if (!(a0 > 0)) {
            return new GeneralizedPareto(0.0, MIN_SCALE);
        }
        double denom = a0 - 2 * a1;
        // Hosking's k = a0/(a0 − 2a1) − 2 and ξ = −k; a non-positive denominator means an extremely heavy tail.
        double xi = denom > 0 ? 2 - a0 / denom : MAX_SHAPE;
        xi = Math.max(MIN_SHAPE, Math.min(MAX_SHAPE, xi));
        if (xi < 0 && a0 * (1 - xi) / -xi < minEndpoint) {
            // endpoint σ/|ξ| = a0 (1 − ξ)/(−ξ) equals minEndpoint at ξ = −a0 / (minEndpoint − a0)
            xi = Math.min(MAX_SHAPE, -a0 / (minEndpoint - a0));
        }
        return new GeneralizedPareto(xi, Math.max(MIN_SCALE, a0 * (1 - xi)));
    }

    /** @return P(Y &gt; y), in [0, 1]; 1 for y &le; 0 */
    public double survival(double y) {
        if (y <= 0) {
            return 1.0;
        }
        if (Math.abs(shape) < 1e-12) {
            return Math.exp(-y / scale);
        }
        double base = 1 + shape * y / scale;
        if (base <= 0) {
            return 0.0;
        }
        return Math.pow(base, -1 / shape);
    }

    /**
     * The law of exceedances over a higher threshold, {@code delta} above this one: the same shape with scale
     * {@code σ + ξ·delta} (threshold stability). When a bounded tail's endpoint lies below the new threshold the
     * scale is floored at {@link #MIN_SCALE}.
     *
     * @param delta how far above the current threshold, &ge; 0
     */
    public GeneralizedPareto shiftedBy(double delta) {
        if (!(delta >= 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta must be finite and >= 0, got " + delta);
        }
        return new GeneralizedPareto(shape, Math.max(MIN_SCALE, scale + shape * delta));
    }
}
