package io.ppcanomaly.service.table;

/** What {@link TableScorer#scoreSeries} does with consecutive rows that carry the same timestamp. */
public enum DuplicateTimestamps {
    /** Reject the series, naming the rows: two values for one instant usually mean a join or export went wrong. */
    FAIL,
    /**
     * Keep every row, in order, each scored on its own (NAB's own files repeat an hour now and then; a local-time
     * series repeats one when clocks go back).
     */
    KEEP
}
