package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.features.FeatureSchema;

import java.util.Arrays;
import java.util.Objects;

/**
 * The causal feature row built for each timestamp of a univariate series (NAB's files), fixed before looking at
 * any score and not tuned on the benchmark:
 * <ol>
 *   <li>{@code value} — the observation itself;</li>
 *   <li>{@code log_ratio_median_24} — {@code ln(value / median of the previous 24 values)}: the move against the
 *       last day of hourly data, scale-free, robust to the spikes it is meant to reveal (0 for the first row, the
 *       median of what exists for the next 23).</li>
 * </ol>
 * Row {@code t} depends only on values {@code 0..t}, so appending values never changes earlier rows. Values and
 * medians at or below zero are floored at {@value #FLOOR} before the logarithm (NAB's ad-exchange prices are all
 * positive; the floor only keeps the feature finite on other series).
 */
public final class SeriesFeatures {

    /** Trailing rows the median looks back over: one day of hourly data. */
    public static final int DEFAULT_MEDIAN_ROWS = 24;

    /** Floor applied before the logarithm. */
    public static final double FLOOR = 1e-12;

    /** The schema of the rows. */
    public static final FeatureSchema SCHEMA = FeatureSchema.of("value", "log_ratio_median_24");

    private SeriesFeatures() {
    }

    /**
     * @param values the series, finite
     * @return one feature row per value, row-major {@code [t][feature]}
     */
    public static double[][] rows(double[] values) {
        Objects.requireNonNull(values, "values");
        double[][] out = new double[values.length][];
        double[] buf = new double[DEFAULT_MEDIAN_ROWS];
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t])) {
                throw new IllegalArgumentException("value of row " + t + " must be finite, got " + values[t]);
            }
            int from = Math.max(0, t - DEFAULT_MEDIAN_ROWS);
            int k = t - from;
            double ratio = 0;
            if (k > 0) {
                System.arraycopy(values, from, buf, 0, k);
                Arrays.sort(buf, 0, k);
                double median = (k % 2 == 1) ? buf[k / 2] : 0.5 * (buf[k / 2 - 1] + buf[k / 2]);
                ratio = Math.log(Math.max(values[t], FLOOR) / Math.max(median, FLOOR));
            }
            out[t] = new double[] {values[t], ratio};
        }
        return out;
    }
}
