package io.ppcanomaly.lstm.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Maps a reconstruction error to a score in [0, 1] through the empirical distribution of the training errors.
 * Immutable.
 *
 * <h2>The mapping</h2>
 * With n training errors, the i-th smallest gets the plotting position i/(n+1) (Weibull), so a score reads as
 * "the share of training windows reconstructed at least this well":
 * <ul>
 *   <li>inside the training range, s(e) interpolates linearly between {@link #knots()} — the training errors'
 *       quantiles at probabilities 0, 1/K, …, 1 — and is rescaled from [0, 1] to [1/(n+1), n/(n+1)];</li>
 *   <li>above the largest training error e<sub>max</sub>, a Pareto tail s(e) = 1 − (e<sub>max</sub>/e)/(n+1)
 *       keeps growing towards 1 without ever saturating, so ever-worse windows keep ranking higher;</li>
 *   <li>below the smallest training error e<sub>min</sub>, s(e) = (e/e<sub>min</sub>)/(n+1), down to 0 for a
 *       perfect reconstruction.</li>
 * </ul>
 * The map is continuous and non-decreasing (strictly increasing outside ties among the knots). Keeping K + 1
 * knots instead of all n errors keeps the model small; K is at most {@link #DEFAULT_KNOTS}.
 */
public final class ErrorCalibration {

    /** Default number of quantile intervals kept. */
    public static final int DEFAULT_KNOTS = 1_000;

    private final long count;
    private final double[] knots;

    /**
     * @param count number of training errors the knots summarise, &ge; 1
     * @param knots the errors' quantiles at equally spaced probabilities from 0 to 1: non-empty, finite, &ge; 0,
     *              non-decreasing
     * @throws IllegalArgumentException for invalid values
     */
    public ErrorCalibration(long count, double[] knots) {
        Objects.requireNonNull(knots, "knots");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (knots.length == 0) {
            throw new IllegalArgumentException("knots must not be empty, got 0");
        }
        for (int i = 0; i < knots.length; i++) {
            if (!(knots[i] >= 0) || !Double.isFinite(knots[i])) {
                throw new IllegalArgumentException("knot " + i + " must be finite and >= 0, got " + knots[i]);
            }
            if (i > 0 && knots[i] < knots[i - 1]) {
                throw new IllegalArgumentException("knots must be non-decreasing, got " + knots[i] + " after "
                        + knots[i - 1] + " at " + i);
            }
        }
        this.count = count;
        this.knots = knots.clone();
    }

    /**
     * Summarises training errors.
     *
     * @param errors   the training reconstruction errors, finite and &ge; 0; not modified
     * @param maxKnots most quantile intervals to keep, &ge; 1
     */
    public static ErrorCalibration fit(double[] errors, int maxKnots) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("errors must not be empty, got 0");
        }
        if (maxKnots < 1) {
            throw new IllegalArgumentException("maxKnots must be >= 1, got " + maxKnots);
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        int k = Math.max(1, Math.min(maxKnots, sorted.length - 1));
        double[] knots = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            knots[i] = quantileOfSorted(sorted, (double) i / k);
        }
        return new ErrorCalibration(sorted.length, knots);
    }

    /**
     * The p-quantile of sorted values, interpolating linearly between order statistics (Hyndman–Fan type 7,
     * the default of R and NumPy).
     */
    public static double quantileOfSorted(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * @param error a reconstruction error, finite and &ge; 0
     * @return the score in [0, 1], as described in the class documentation
     */
    public double score(double error) {
        double pos = 1.0 / (count + 1.0);
        double min = knots[0];
        double max = knots[knots.length - 1];
        if (error > max) {
            return 1.0 - pos * (max / error);
        }
        if (error < min) {
            return pos * (error / min);
        }
        int k = knots.length - 1;
        double p;
        if (k == 0 || max == min) {
            p = 1.0;
        } else {
            int i = lastKnotAtOrBelow(error);
            if (i == k) {
                p = 1.0;
            } else {
                double span = knots[i + 1] - knots[i];
                double frac = span > 0 ? (error - knots[i]) / span : 0.0;
                p = (i + frac) / k;
            }
        }
        return (1.0 + p * (count - 1.0)) / (count + 1.0);
    }

    private int lastKnotAtOrBelow(double error) {
        int lo = 0;
        int hi = knots.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (knots[mid] <= error) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** @return the number of training errors summarised */
    public long count() {
        return count;
    }

    /** @return a copy of the quantile knots */
    public double[] knots() {
        return knots.clone();
    }

    /** @return the largest training error */
    public double maxError() {
        return knots[knots.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorCalibration c && c.count == count && Arrays.equals(c.knots, knots);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(count) + Arrays.hashCode(knots);
    }

    @Override
    public String toString() {
        return "ErrorCalibration[n=" + count + ", knots=" + knots.length + ", max=" + maxError() + "]";
    }
}
