package io.ppcanomaly.store;

/**
 * What one archiving pass did. Immutable.
 *
 * @param archived       resolved alerts moved from {@code anomaly_alerts} to {@code anomaly_history}, &ge; 0
 * @param historyDeleted history rows deleted under {@link Retention#deleteHistoryAfter()}, &ge; 0
 */
public record ArchiveResult(int archived, int historyDeleted) {

    /** Validates. */
    public ArchiveResult {
        if (archived < 0 || historyDeleted < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + archived + " and " + historyDeleted);
        }
    }
}
