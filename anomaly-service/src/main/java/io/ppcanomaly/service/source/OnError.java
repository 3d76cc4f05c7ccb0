package io.ppcanomaly.service.source;

/** What a source does with a bad row. */
public enum OnError {
    /** Fail the load with the row's line, column and value (the default: nothing is silently dropped). */
    FAIL,
    /** Skip the row, count it by {@link RowProblem} in the {@link LoadSummary}, and go on. */
    SKIP
}
