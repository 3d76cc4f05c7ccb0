package io.ppcanomaly.ensemble.calibration;

import java.util.Arrays;
import java.util.Objects;

/**
 * Maps a detector's score to "how rare among normal windows": the mid-rank empirical distribution function of
 * the scores of a calibration sample, interpolated linearly between the observed values, with a generalized
 * Pareto tail beyond the largest one. Immutable and thread-safe; {@link #calibrate} allocates nothing.
 *
 * <h2>Why</h2>
 * Detectors score on unrelated scales (reconstruction error, mass, path length) and even their [0, 1] scores
 * mean different things, so a weighted mean of them makes the weights meaningless. After calibration a value of
 * 0.99 means the same for every detector: rarer than 99% of the calibration sample (Kriegel, Kröger, Schubert
 * &amp; Zimek 2011, "Interpreting and unifying outlier scores", SDM, argue for exactly this normalisation before
 * combining). On the calibration sample itself the calibrated values are {@code (i − ½)/n}, the uniform grid,
 * so on fresh data from the same distribution they are close to uniform.
 *
 * <h2>The map</h2>
 * <ul>
 *   <li>Knots: each distinct calibration value {@code x} maps to its mid-rank {@code (first + last − 1)/(2n)}
 *       (ranks 1-based), which handles ties (for example many windows scoring exactly 0).</li>
 *   <li>Between knots: linear, so the map is continuous and strictly increasing across the sample's range —
 *       distinct scores keep their order, and Shapley explanations of a calibrated score are not step
 *       functions.</li>
 *   <li>Below the smallest knot: linear down to 0 at the score's lower bound (0 for [0, 1] scores).</li>
 *   <li>Above the largest knot {@code x_max}: {@code 1 − m · S(s − x_max)} where {@code m} is the mass the
 *       empirical part leaves above {@code x_max} (½/n when it is unique) and {@code S} the survival function
 *       of a {@link GeneralizedPareto} law fitted to the top {@code tailFraction} of the sample (at least
 *       {@link #MIN_TAIL} values), its support made to reach past {@code x_max}, and moved up to
 *       {@code x_max} by threshold stability. Without it, every score
 *       above the largest normal one would map to the same value and the ensemble could not tell a slightly
 *       unusual window from an extreme one.</li>
 * </ul>
 */
public final class EmpiricalCalibrator {

    /** Default fraction of the calibration sample that fits the tail model. */
    public static final double DEFAULT_TAIL_FRACTION = 0.1;
    /** Fewest exceedances the tail model is fitted on (when the sample has that many). */
    public static final int MIN_TAIL = 10;

    private final double[] xs;
    private final double[] ps;
    private final double lowerBound;
    private final GeneralizedPareto tail;
    private final double tailMass;

    private EmpiricalCalibrator(double[] xs, double[] ps, double lowerBound, GeneralizedPareto tail) {
        this.xs = xs;
        this.ps = ps;
        this.lowerBound = lowerBound;
        this.tail = tail;
        this.tailMass = 1.0 - ps[ps.length - 1];
    }

    /**
     * Learns the map from a calibration sample.
     *
     * @param scores       calibration scores (of windows believed normal), at least one, finite, &ge;
     *                     {@code lowerBound}; not modified
     * @param lowerBound   the lowest score the detector can give (0 for [0, 1] scores), finite
     * @param tailFraction fraction of the sample above the tail threshold, in (0, 0.5]
     * @throws IllegalArgumentException for an empty sample, a value below the bound or not finite, or a fraction
     *                                  out of range
     */
    public static EmpiricalCalibrator fit(double[] scores, double lowerBound, double tailFraction) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length == 0) {
            throw new IllegalArgumentException("calibration scores must not be empty, got 0");
        }
        if (!Double.isFinite(lowerBound)) {
            throw new IllegalArgumentException("lowerBound must be finite, got " + lowerBound);
        }
        if (!(tailFraction > 0 && tailFraction <= 0.5)) {
            throw new IllegalArgumentException("tailFraction must be in (0, 0.5], got " + tailFraction);
        }
        double[] s = scores.clone();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i]) || s[i] < lowerBound) {
                throw new IllegalArgumentException("calibration score " + i + " must be finite and >= "
                        + lowerBound + ", got " + s[i]);
            }
        }
        Arrays.sort(s);
        int n = s.length;
        double[] kx = new double[n];
        double[] kp = new double[n];
        int knots = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && s[j + 1] == s[i]) {
                j++;
            }
            // ranks i+1 .. j+1 share the value: mid-rank (i + j + 1) / (2n)
            kx[knots] = s[i];
            kp[knots] = (i + j + 1) / (2.0 * n);
            knots++;
            i = j + 1;
        }
        double max = s[n - 1];
        GeneralizedPareto g = fitTail(s, tailFraction);
        if (n >= 2) {
            // the law was fitted over the tail threshold u; move it up to the largest value (threshold stability)
            g = g.shiftedBy(max - s[n - tailSize(n, tailFraction) - 1]);
        }
        return new EmpiricalCalibrator(Arrays.copyOf(kx, knots), Arrays.copyOf(kp, knots), lowerBound, g);
    }

    private static int tailSize(int n, double fraction) {
        int k = Math.max(MIN_TAIL, (int) Math.ceil(fraction * n));
        return Math.max(1, Math.min(k, n - 1));
    }

    private static GeneralizedPareto fitTail(double[] sorted, double fraction) {
        int n = sorted.length;
        if (n < 2) {
            return new GeneralizedPareto(0.0, Math.max(GeneralizedPareto.MIN_SCALE, Math.abs(sorted[0]) * 1e-3));
        }
        int k = tailSize(n, fraction);
        double u = sorted[n - k - 1];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = sorted[n - k + i] - u;
        }
        // the support must reach one average spacing (range / k) beyond the largest exceedance
        GeneralizedPareto g = GeneralizedPareto.fit(y, y[k - 1] * (1 + 1.0 / k));
        if (g.scale() <= GeneralizedPareto.MIN_SCALE) {
            // Identical top values: fall back to an exponential tail on the sample's mean spacing, so scores
            // beyond the largest normal one still keep their order.
            double spacing = (sorted[n - 1] - sorted[0]) / n;
            g = new GeneralizedPareto(0.0, Math.max(GeneralizedPareto.MIN_SCALE, spacing));
        }
        return g;
    }

    /**
     * Rebuilds a calibrator from its parts (the persisted form).
     *
     * @param xs         knot scores, strictly increasing, finite, the first &ge; {@code lowerBound}
     * @param ps         knot levels, strictly increasing, in (0, 1), one per knot
     * @param lowerBound lowest possible score
     * @param tail       exceedance law above the last knot
     * @throws IllegalArgumentException when the parts are inconsistent
     */
    public static EmpiricalCalibrator of(double[] xs, double[] ps, double lowerBound, GeneralizedPareto tail) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ps, "ps");
        Objects.requireNonNull(tail, "tail");
        if (xs.length == 0 || xs.length != ps.length) {
            throw new IllegalArgumentException("knots must be non-empty with one level per score, got "
                    + xs.length + " scores and " + ps.length + " levels");
        }
        if (!Double.isFinite(lowerBound) || !(xs[0] >= lowerBound)) {
            throw new IllegalArgumentException("lowerBound must be finite and <= the first knot " + xs[0]
                    + ", got " + lowerBound);
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || (i > 0 && !(xs[i] > xs[i - 1]))) {
                throw new IllegalArgumentException("knot scores must be finite and strictly increasing, got "
                        + xs[i] + " at " + i);
            }
            if (!(ps[i] > 0 && ps[i] < 1) || (i > 0 && !(ps[i] > ps[i - 1]))) {
                throw new IllegalArgumentException("knot levels must be in (0, 1) and strictly increasing, got "
                        + ps[i] + " at " + i);
            }
        }
        return new EmpiricalCalibrator(xs.clone(), ps.clone(), lowerBound, tail);
    }

    /**
     * @param score a score of the calibrated detector
     * @return the calibrated score in [0, 1]: the fraction of normal scores below it, extended by the tail
     *         model above the largest one; non-decreasing in {@code score}
     * @throws IllegalArgumentException for a non-finite score
     */
    public double calibrate(double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        int last = xs.length - 1;
        if (score >= xs[last]) {
            if (score == xs[last]) {
                return ps[last];
            }
            return 1.0 - tailMass * tail.survival(score - xs[last]);
        }
        if (score <= xs[0]) {
            if (score == xs[0]) {
                return ps[0];
            }
            double span = xs[0] - lowerBound;
            return span > 0 && score > lowerBound ? ps[0] * (score - lowerBound) / span : 0.0;
        }
        int j = Arrays.binarySearch(xs, score);
        if (j >= 0) {
            return ps[j];
        }
        int hi = -j - 1; // first knot above score; 1 <= hi <= last
        int lo = hi - 1;
        double t = (score - xs[lo]) / (xs[hi] - xs[lo]);
        return ps[lo] + t * (ps[hi] - ps[lo]);
    }

    /**
     * The probability of a normal score at least this high, {@code 1 − calibrate(score)}, computed without the
     * cancellation that subtraction would cause in the far tail (where {@code calibrate} rounds to 1).
     *
     * @param score a score of the calibrated detector
     * @return the tail probability in [0, 1], non-increasing in {@code score}
     * @throws IllegalArgumentException for a non-finite score
     */
    public double tailProbability(double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        int last = xs.length - 1;
        if (score > xs[last]) {
            return tailMass * tail.survival(score - xs[last]);
        }
        return 1.0 - calibrate(score);
    }

    /** @return the number of knots (distinct calibration scores) */
    public int size() {
        return xs.length;
    }

    /** @return a copy of the knot scores, strictly increasing */
    public double[] knotScores() {
        return xs.clone();
    }

    /** @return a copy of the knot levels, strictly increasing in (0, 1) */
    public double[] knotLevels() {
        return ps.clone();
    }

    /** @return the lowest possible score, mapped to 0 */
    public double lowerBound() {
        return lowerBound;
    }

    /** @return the law of exceedances over the largest knot */
    public GeneralizedPareto tail() {
        return tail;
    }

    @Override
    public String toString() {
        return "EmpiricalCalibrator[" + xs.length + " knots in [" + xs[0] + ", " + xs[xs.length - 1] + "], tail "
                + tail + "]";
    }
}
