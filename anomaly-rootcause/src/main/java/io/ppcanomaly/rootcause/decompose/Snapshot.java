package io.ppcanomaly.rootcause.decompose;

import io.ppcanomaly.api.model.MetricField;
import java.util.Objects;

/**
 * One entity's additive metrics before and during a change: the per-period mean of each {@link MetricField}
 * over a baseline (the forecast {@code F}) and over the anomalous span (the actual {@code A}). Immutable.
 *
 * <p>Per-period means make a parent's snapshot the sum of its children's, period for period, so every
 * decomposition in {@link Adtributor} applies to it directly; {@link #plus} and {@link #minus} build the
 * "everything but these children" remainder.
 */
public final class Snapshot {

    private static final int N = MetricField.values().length;

    /** A snapshot of no activity at all. */
    public static final Snapshot ZERO = new Snapshot(new double[N], new double[N], 1, 1);

    private final double[] forecast;
    private final double[] actual;
    private final int baselinePeriods;
    private final int actualPeriods;

    private Snapshot(double[] forecast, double[] actual, int baselinePeriods, int actualPeriods) {
        this.forecast = forecast;
        this.actual = actual;
        this.baselinePeriods = baselinePeriods;
        this.actualPeriods = actualPeriods;
    }

    /**
     * @param forecast        per-period baseline means, one per {@link MetricField} in declaration order, finite
     *                        and &ge; 0; copied
     * @param actual          per-period means over the anomalous span, same layout; copied
     * @param baselinePeriods periods the forecast averages, &gt; 0 (for {@link Signal#noise})
     * @param actualPeriods   periods the actual averages, &gt; 0
     * @throws IllegalArgumentException for a wrong length, a negative or non-finite value, or a period count
     *                                  that is not positive
     */
    public static Snapshot of(double[] forecast, double[] actual, int baselinePeriods, int actualPeriods) {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(actual, "actual");
        checkPeriods(baselinePeriods, actualPeriods);
        double[] f = forecast.clone();
        double[] a = actual.clone();
        check("forecast", f);
        check("actual", a);
        return new Snapshot(f, a, baselinePeriods, actualPeriods);
    }

    private static void checkPeriods(int baselinePeriods, int actualPeriods) {
        if (baselinePeriods <= 0 || actualPeriods <= 0) {
            throw new IllegalArgumentException("period counts must be > 0, got " + baselinePeriods + " and "
                    + actualPeriods);
        }
    }

    /**
     * Builds a snapshot from sums over {@code baselinePeriods} and {@code actualPeriods} periods, laid out as
     * {@code [F_impressions, …, F_orders, A_impressions, …, A_orders]}. A helper of the analyzer's caches.
     *
     * @throws IllegalArgumentException for a wrong length, a non-positive period count or a bad value
     */
    public static Snapshot ofSums(double[] sums, int baselinePeriods, int actualPeriods) {
        Objects.requireNonNull(sums, "sums");
        if (sums.length != 2 * N) {
            throw new IllegalArgumentException("sums must have " + (2 * N) + " values, got " + sums.length);
        }
        checkPeriods(baselinePeriods, actualPeriods);
        double[] f = new double[N];
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            f[i] = sums[i] / baselinePeriods;
            a[i] = sums[N + i] / actualPeriods;
        }
        check("forecast", f);
        check("actual", a);
        return new Snapshot(f, a, baselinePeriods, actualPeriods);
    }

    private static void check(String what, double[] v) {
        if (v.length != N) {
            throw new IllegalArgumentException(what + " must have " + N + " values, got " + v.length);
        }
        for (int i = 0; i < N; i++) {
            // Tiny negatives come from subtracting float sums (a remainder of children); they mean zero.
            if (!Double.isFinite(v[i]) || v[i] < -1e-6 * (1 + Math.abs(v[i]))) {
                throw new IllegalArgumentException(what + " " + MetricField.values()[i].wireName()
                        + " must be finite and >= 0, got " + v[i]);
            }
            if (v[i] < 0) {
                v[i] = 0;
            }
        }
    }

    /** @return the baseline per-period mean of one metric */
    public double forecast(MetricField field) {
        return forecast[field.ordinal()];
    }

    /** @return the per-period mean of one metric over the anomalous span */
    public double actual(MetricField field) {
        return actual[field.ordinal()];
    }

    /** @return the number of periods the forecast averages */
    public int baselinePeriods() {
        return baselinePeriods;
    }

    /** @return the number of periods the actual averages */
    public int actualPeriods() {
        return actualPeriods;
    }

    /** @return whether every metric is exactly zero over the anomalous span */
    public boolean actualIsZero() {
        for (double v : actual) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the element-wise sum, as a parent's snapshot is the sum of its children's (same spans assumed) */
    public Snapshot plus(Snapshot o) {
        double[] f = new double[N];
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            f[i] = forecast[i] + o.forecast[i];
            a[i] = actual[i] + o.actual[i];
        }
        return new Snapshot(f, a, Math.max(baselinePeriods, o.baselinePeriods), Math.max(actualPeriods, o.actualPeriods));
    }

    /**
     * @return the element-wise difference, floored at zero (rounding of float sums): the part of a parent not
     *         covered by some of its children
     */
    public Snapshot minus(Snapshot o) {
        double[] f = new double[N];
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            f[i] = Math.max(0, forecast[i] - o.forecast[i]);
            a[i] = Math.max(0, actual[i] - o.actual[i]);
        }
        return new Snapshot(f, a, baselinePeriods, actualPeriods);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Snapshot[");
        for (MetricField m : MetricField.values()) {
            sb.append(m.wireName()).append(' ').append(forecast[m.ordinal()]).append("->")
                    .append(actual[m.ordinal()]).append(m.ordinal() < N - 1 ? ", " : "]");
        }
        return sb.toString();
    }
}
