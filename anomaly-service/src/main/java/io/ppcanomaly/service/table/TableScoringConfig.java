package io.ppcanomaly.service.table;

import java.util.Objects;

/**
 * How {@link TableScorer} scores a table or time series. Immutable.
 *
 * @param mode        streaming (causal, the default) or batch
 * @param warmupRows  rows fitted on before scoring starts in streaming mode; 0 means the default,
 *                    {@value #DEFAULT_WARMUP_FRACTION} of the rows, at most {@value #DEFAULT_MAX_WARMUP_ROWS}
 *                    (the NAB probation period). The default depends on the table's length, so to score a
 *                    growing file identically run after run, set it explicitly
 * @param windowRows  rows per scored window, &ge; 1 (default 1: each row on its own; a time series may use
 *                    more, the window ending at the row judged)
 * @param refitEvery  streaming, non-streaming detector: refit after this many rows; 0 means every
 *                    warm-up-length rows
 * @param refitRows   streaming, non-streaming detector: trailing rows a refit uses; 0 means
 *                    max(warm-up, {@value #DEFAULT_MAX_WARMUP_ROWS})
 * @param standardize whether columns are centred on their median and scaled by their interquartile range
 *                    (learnt on the warm-up rows in streaming mode, on all rows in batch mode) before scoring
 */
public record TableScoringConfig(ScoringMode mode, int warmupRows, int windowRows, int refitEvery, int refitRows,
                                 boolean standardize) {

    /** Default warm-up share of the rows. */
    public static final double DEFAULT_WARMUP_FRACTION = 0.15;
    /** Most warm-up rows by default. */
    public static final int DEFAULT_MAX_WARMUP_ROWS = 750;

    /** Streaming, default warm-up, one row per window, default refits, standardised. */
    public static final TableScoringConfig DEFAULT = new TableScoringConfig(ScoringMode.STREAMING, 0, 1, 0, 0,
            true);

    /** Validates. */
    public TableScoringConfig {
        Objects.requireNonNull(mode, "mode");
        if (warmupRows < 0) {
            throw new IllegalArgumentException("warmupRows must be >= 0 (0 = default), got " + warmupRows);
        }
        if (windowRows < 1) {
            throw new IllegalArgumentException("windowRows must be >= 1, got " + windowRows);
        }
        if (refitEvery < 0) {
            throw new IllegalArgumentException("refitEvery must be >= 0 (0 = default), got " + refitEvery);
        }
        if (refitRows < 0) {
            throw new IllegalArgumentException("refitRows must be >= 0 (0 = default), got " + refitRows);
        }
    }

    /** @return the warm-up length for a table of {@code rows} rows */
    public int warmupFor(int rows) {
        if (warmupRows > 0) {
            return warmupRows;
        }
        return (int) Math.min(DEFAULT_MAX_WARMUP_ROWS, Math.ceil(DEFAULT_WARMUP_FRACTION * rows));
    }

    /** @return this config in another mode */
    public TableScoringConfig withMode(ScoringMode m) {
        return new TableScoringConfig(m, warmupRows, windowRows, refitEvery, refitRows, standardize);
    }

    /** @return this config with another warm-up */
    public TableScoringConfig withWarmupRows(int n) {
        return new TableScoringConfig(mode, n, windowRows, refitEvery, refitRows, standardize);
    }

    /** @return this config with another window length */
    public TableScoringConfig withWindowRows(int n) {
        return new TableScoringConfig(mode, warmupRows, n, refitEvery, refitRows, standardize);
    }

    /** @return this config with standardisation on or off */
    public TableScoringConfig withStandardize(boolean on) {
        return new TableScoringConfig(mode, warmupRows, windowRows, refitEvery, refitRows, on);
    }
}
