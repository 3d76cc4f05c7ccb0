package io.ppcanomaly.service.table;

import java.util.List;
import java.util.Objects;

/**
 * A time series' verdicts and the features they were scored on ({@link TableScorer#scoreSeries}). Immutable
 * apart from the feature rows' arrays, which the caller should not change.
 *
 * @param scores   one verdict per row, in order
 * @param features the temporal features scored, and what was decided per column (transform scale, cycle,
 *                 baseline lengths)
 */
public record SeriesScores(List<RowScore> scores, TemporalFeatures.Features features) {

    /** Copies the verdicts. */
    public SeriesScores {
        scores = List.copyOf(scores);
        Objects.requireNonNull(features, "features");
    }
}
