package io.ppcanomaly.ensemble.tail;

import java.util.Arrays;
import java.util.Objects;

/**
 * The upper-tail probability P(X ≥ x) of one variable from a reference sample, made so that the most extreme
 * part of the sample — where anomalies that slipped into "normal" training data sit — cannot set it.
 * Immutable and thread-safe; lookups allocate nothing.
 *
 * <h2>The distribution</h2>
 * <ul>
 *   <li>Up to the truncation point c, the sample's {@code (1 − trim)} quantile: mid-rank tail probabilities at
 *       each distinct value ({@code (greater + equal/2)/n}), linear between neighbouring values. Ties are
 *       common — a ratio with no baseline is exactly 0 for most entities — and mid-ranks give such a point mass
 *       the probability it has.</li>
 *   <li>Beyond c: an exponential tail, {@code P(X ≥ x) = P(X ≥ c) · exp(−(x − c)/σ)}, whose rate is the slope
 *       of the sample's own log-survival just below c: σ = (c − l)/ln k, with l the {@code (1 − k·trim)}
 *       quantile (k = 4, or the first power of 4 that gets below a point mass at c). Only order statistics
 *       below c enter, so if up to {@code trim} of the reference consists of incidents (a budget cut-off
 *       across a campaign, a day of a reporting outage), they change neither the tail nor how rare a new
 *       incident looks — a quantile-based tail estimate, the robust counterpart of the Pareto tail fitted to the
 *       largest values (its breakdown point is {@code trim}). On clean data the price is the model in place of
 *       the outermost {@code trim} of the sample: PPC features' tails get lighter further out, so the local
 *       slope errs towards calling far values less rare (measured on the sample account: 1.5–3× too frequent at
 *       the 10⁻³ quantile), which is conservative.</li>
 *   <li>All probabilities are computed in log space, so values far out keep growing rarer and keep their
 *       order instead of underflowing to one shared 0.</li>
 * </ul>
 */
final class RobustTail {

    private final double[] xs;
    private final int[] below;
    private final int[] equal;
    private final int n;
    /** The truncation point c: the largest knot below which the sample is used as it is. */
    private final double cut;
    /** ln P(X ≥ c), the mid-rank at c. */
    private final double logAtCut;
    private final double scale;

    /**
     * @param values the reference sample, at least one value, finite; not modified
     * @param trim   share of the sample beyond the truncation point, whose values are not used, in (0, 0.125]
     * @throws IllegalArgumentException for an empty sample, a non-finite value or a share out of range
     */
    RobustTail(double[] values, double trim) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty, got 0");
        }
        if (!(trim > 0 && trim <= 0.125)) {
            throw new IllegalArgumentException("trim must be in (0, 0.125], got " + trim);
        }
        double[] s = values.clone();
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("reference values must be finite, got " + v);
            }
        }
        Arrays.sort(s);
        n = s.length;
        double[] kx = new double[n];
        int[] kb = new int[n];
        int[] ke = new int[n];
        int k = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && s[j + 1] == s[i]) {
                j++;
            }
            kx[k] = s[i];
            kb[k] = i;
            ke[k] = j - i + 1;
            k++;
            i = j + 1;
        }
        xs = Arrays.copyOf(kx, k);
        below = Arrays.copyOf(kb, k);
        equal = Arrays.copyOf(ke, k);
        cut = quantile(s, 1 - trim);
        int c = Arrays.binarySearch(xs, cut);
        logAtCut = Math.log((n - below[c] - 0.5 * equal[c]) / n);
        double sc = 0;
        for (int m = 4; m * trim < 1 && sc <= 0; m *= 4) {
            double l = quantile(s, 1 - m * trim);
            if (l < cut) {
                sc = (cut - l) / Math.log(m);
            }
        }
        scale = sc > 0 ? sc : Math.max(1e-9, 1e-9 * Math.abs(cut));
    }

    /** The sample's q quantile: its ceil(q·n)-th smallest value (at least the first). */
    private static double quantile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** @return the exponential scale beyond the truncation point, &gt; 0 */
    double scale() {
        return scale;
    }

    /**
     * @param x        the value, finite
     * @param leaveOut whether one reference value equal to {@code x} is left out of the counts (a reference
     *                 value's probability among the others); ignored beyond the truncation point, where the
     *                 model does not count single values
     * @return ln P(X ≥ x) (mid-rank at reference values), &le; 0
     */
    double logUpper(double x, boolean leaveOut) {
        if (x > cut) {
            return Math.min(0.0, logAtCut - (x - cut) / scale);
        }
        boolean loo = leaveOut && n > 1;
        int m = loo ? n - 1 : n;
        int j = Arrays.binarySearch(xs, x);
        if (j >= 0) {
            int eq = equal[j] - (loo ? 1 : 0);
            int above = n - below[j] - equal[j];
            if (eq > 0) {
                return Math.log((above + 0.5 * eq) / m);
            }
            // x was that knot's only value and is left out: interpolate between its neighbours
            return interpolate(x, j - 1, j + 1, m, loo);
        }
        int hi = -j - 1;
        return interpolate(x, hi - 1, hi, m, false);
    }

    /** Log of the mid-rank level interpolated between knots lo and hi (either may be outside the knots). */
    private double interpolate(double x, int lo, int hi, int m, boolean leftOutBetween) {
        if (lo < 0) {
            return 0.0;
        }
        int aboveLo = n - below[lo] - equal[lo] - (leftOutBetween ? 1 : 0);
        double pLo = (aboveLo + 0.5 * equal[lo]) / m;
        if (hi >= xs.length) {
            // beyond the largest value: only when c is the maximum and x, left out, was above the rest
            return Math.log(Math.max(Double.MIN_NORMAL, 0.5 * equal[lo] / m));
        }
        int aboveHi = n - below[hi] - equal[hi];
        double pHi = (aboveHi + 0.5 * equal[hi]) / m;
        double t = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return Math.log(pLo + t * (pHi - pLo));
    }
}
