/**
 * Generic scoring of any numeric table or time series with any detector, in batch or causal streaming mode:
 * {@link io.ppcanomaly.service.table.TableScorer}. The command line's {@code score} runs on it.
 *
 * <p>A table's rows are scored on their values ({@code TableScorer.score}). A time series — rows with wall-clock
 * timestamps ({@link io.ppcanomaly.service.table.WallClock}) in time order — is scored on causal temporal features
 * instead ({@code TableScorer.scoreSeries}, {@link io.ppcanomaly.service.table.TemporalFeatures}): each value's move
 * against its last cycle and its last {@code K} cycles, seasonally adjusted when the timestamps and values show a
 * daily or weekly cycle ({@code CycleFinder}), in units of the series' own typical
 * moves.
 *
 * <pre>
 * long[] t = ...;                                  // WallClock.parse("2026-03-01 09:00") per row
 * SeriesScores s = new TableScorer("isolation-forest", null, TableScoringConfig.DEFAULT)
 *         .scoreSeries(t, List.of("cpc"), values, SeriesFeatureConfig.DEFAULT, DuplicateTimestamps.FAIL);
 * s.scores();                                      // one RowScore per row; warm-up rows unscored
 * s.features().columns().get(0).cycle();           // e.g. day cycle, 24 phases
 * </pre>
 */
package io.ppcanomaly.service.table;
