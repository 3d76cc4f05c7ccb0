package io.ppcanomaly.ensemble.tail;

import java.util.Objects;

/**
 * How rare each feature's value is on its own, in either direction, among a reference sample (one column per
 * feature), as a <em>surprisal</em> −ln p of the two-sided tail probability p = min(1, 2 · min(P(X ≥ x),
 * P(X ≤ x))). Each side is a {@link RobustTail}: mid-ranks inside the sample up to its {@code (1 − trim)}
 * quantile, an exponential tail beyond it with the slope the sample has just below, computed in log space.
 * Immutable and thread-safe; the lookups allocate nothing.
 *
 * <p>A surprisal above −ln 1e−12 ≈ 27.6 ({@link #SOFT_CAP_P}) grows only logarithmically beyond it, so one
 * feature that never moved in training cannot outweigh all the others by orders of magnitude; the order of
 * values is kept.
 *
 * <p>{@link #leaveOneOutSurprisal} gives a reference value's surprisal among the <em>other</em> values: what a
 * new, exchangeable value would get, which is what a calibration of combined surprisals needs (in-sample, a value
 * counts itself and looks less rare than a new one).
 */
public final class FeatureTails {

    /** Tail probability beyond which surprisals grow only logarithmically. */
    static final double SOFT_CAP_P = 1e-12;
    private static final double SOFT_CAP = -Math.log(SOFT_CAP_P);
    private static final double LN2 = Math.log(2.0);

    private final double[][] columns;
    private final RobustTail[] upper;
    private final RobustTail[] lower;

    /**
     * @param columns      [feature][sample]: the reference values, at least one per feature, finite; not copied
     *                     and not modified (the caller hands them over)
     * @param trim    share of each side replaced by the exponential tail, in (0, 0.125]
     * @throws IllegalArgumentException for no feature, an empty or non-finite column, or a bad share
     */
    public FeatureTails(double[][] columns, double trim) {
        Objects.requireNonNull(columns, "columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException("columns must hold at least one feature, got 0");
        }
        this.columns = columns;
        this.upper = new RobustTail[columns.length];
        this.lower = new RobustTail[columns.length];
        for (int f = 0; f < columns.length; f++) {
            double[] x = Objects.requireNonNull(columns[f], "column");
            if (x.length == 0) {
                throw new IllegalArgumentException("column " + f + " must not be empty, got 0 values");
            }
            double[] neg = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new IllegalArgumentException("reference value " + i + " of feature " + f
                            + " must be finite, got " + x[i]);
                }
                neg[i] = -x[i];
            }
            upper[f] = new RobustTail(x, trim);
            lower[f] = new RobustTail(neg, trim);
        }
    }

    /** @return the number of features */
    public int features() {
        return columns.length;
    }

    /** @return the reference values of feature {@code f} (the array itself: do not modify) */
    double[] column(int f) {
        return columns[f];
    }

    /**
     * @param f feature index, in [0, {@link #features()})
     * @param x the value, finite
     * @return the two-sided tail probability of {@code x}, in [0, 1] (0 only when it underflows)
     */
    public double tail(int f, double x) {
        return Math.exp(-raw(f, x, false));
    }

    /**
     * @param f feature index
     * @param x the value, finite
     * @return −ln of the two-sided tail probability, &ge; 0, soft-capped above −ln 1e−12
     */
    public double surprisal(int f, double x) {
        return soften(raw(f, x, false));
    }

    /**
     * @param f feature index
     * @param i index of a reference value in column {@code f}
     * @return the surprisal of that value among the other reference values
     */
    public double leaveOneOutSurprisal(int f, int i) {
        return soften(raw(f, columns[f][i], true));
    }

    private double raw(int f, double x, boolean leaveOut) {
        double logUp = upper[f].logUpper(x, leaveOut);
        double logDown = lower[f].logUpper(-x, leaveOut);
        return -Math.min(0.0, LN2 + Math.min(logUp, logDown));
    }

    private static double soften(double s) {
        return s <= SOFT_CAP ? s : SOFT_CAP + Math.log1p(s - SOFT_CAP);
    }
}
