package io.ppcanomaly.service.table;

/** How {@link TableScorer} scores rows. */
public enum ScoringMode {
    /**
     * Causal: a row's score depends only on it and earlier rows. The detector is fitted on the first
     * warm-up rows (left unscored); a {@link io.ppcanomaly.api.StreamingDetector} then scores and learns each
     * row in turn, any other detector is refitted periodically on trailing rows.
     */
    STREAMING,
    /** Fit on all rows, then score all rows (tables, offline analysis). */
    BATCH
}
