package io.ppcanomaly.service.table;

/**
 * How {@link TemporalFeatures} turns a time series into feature rows. Immutable.
 *
 * <p>Two settings shape the features; both are lengths of history, not thresholds fitted to any data set:
 * {@code L} rows of recent history (one cycle when the series has one, else {@link #baselineRows}) and
 * {@code K} = {@link #historyCycles} such spans of longer history. The third, {@link #minCycleStrength}, only
 * decides whether a cycle is used; its default 0 is the point where a seasonal baseline starts to predict better
 * than none.
 *
 * @param baselineRows      {@code L} for a series without a cycle: trailing rows of the short baseline, &ge; 2
 *                          (with a cycle, {@code L} is one cycle's rows)
 * @param historyCycles     {@code K}, &ge; 2: same-phase rows in the seasonal profile, and {@code K·L} trailing
 *                          rows in the long baseline and in the spread that standardises the deviations
 * @param minCycleStrength  the out-of-sample strength a cycle must exceed to be used ({@code CycleFinder}), in
 *                          [−1, 1]; 1 never uses one
 */
public record SeriesFeatureConfig(int baselineRows, int historyCycles, double minCycleStrength) {

    /** Default {@link #baselineRows}: a day of hourly rows, two hours of 5-minute rows. */
    public static final int DEFAULT_BASELINE_ROWS = 24;
    /** Default {@link #historyCycles}: a week of daily cycles, so the profile and the spread see every weekday. */
    public static final int DEFAULT_HISTORY_CYCLES = 7;
    /** Default {@link #minCycleStrength}: use a cycle as soon as it predicts better than none. */
    public static final double DEFAULT_MIN_CYCLE_STRENGTH = 0.0;
    /** Most rows a baseline may span, so that one row's update stays cheap. */
    public static final int MAX_HISTORY_ROWS = 1 << 20;

    /** The defaults. */
    public static final SeriesFeatureConfig DEFAULT = new SeriesFeatureConfig(DEFAULT_BASELINE_ROWS,
            DEFAULT_HISTORY_CYCLES, DEFAULT_MIN_CYCLE_STRENGTH);

    /** Validates. */
    public SeriesFeatureConfig {
        if (baselineRows < 2) {
            throw new IllegalArgumentException("baselineRows must be >= 2, got " + baselineRows);
        }
        if (historyCycles < 2) {
            throw new IllegalArgumentException("historyCycles must be >= 2, got " + historyCycles);
        }
        if ((long) baselineRows * historyCycles > MAX_HISTORY_ROWS) {
            throw new IllegalArgumentException("baselineRows * historyCycles must be <= " + MAX_HISTORY_ROWS
                    + ", got " + ((long) baselineRows * historyCycles));
        }
        if (!(minCycleStrength >= -1 && minCycleStrength <= 1)) {
            throw new IllegalArgumentException("minCycleStrength must be in [-1, 1], got " + minCycleStrength);
        }
    }

    /** @return this config with another {@code K} */
    public SeriesFeatureConfig withHistoryCycles(int k) {
        return new SeriesFeatureConfig(baselineRows, k, minCycleStrength);
    }

    /** @return this config with another {@code L} for series without a cycle */
    public SeriesFeatureConfig withBaselineRows(int rows) {
        return new SeriesFeatureConfig(rows, historyCycles, minCycleStrength);
    }

    /** @return this config with another minimum cycle strength */
    public SeriesFeatureConfig withMinCycleStrength(double s) {
        return new SeriesFeatureConfig(baselineRows, historyCycles, s);
    }
}
