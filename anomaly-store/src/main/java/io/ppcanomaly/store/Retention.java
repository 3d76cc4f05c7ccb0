package io.ppcanomaly.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long resolved alerts stay live and how long history is kept. Immutable.
 *
 * <p>{@link AlertStore#archive(ProfileId)} moves alerts resolved more than {@code archiveResolvedAfter} ago from
 * {@code anomaly_alerts} to {@code anomaly_history}, and, when {@code deleteHistoryAfter} is set, deletes history
 * rows resolved more than that long ago, in the same transaction. Open and acknowledged alerts are never archived,
 * whatever their age. Training data (feedback) is never deleted by retention: it is the labelled set retraining
 * learns from; each example keeps its window, so it stays useful after its alert is archived or deleted.
 *
 * @param archiveResolvedAfter age (since resolution) after which a resolved alert moves to history; &gt; 0,
 *                             default 90 days
 * @param deleteHistoryAfter   age (since resolution) after which history rows are deleted, or {@code null} to keep
 *                             history forever (the default); when set, at least {@code archiveResolvedAfter}
 */
public record Retention(Duration archiveResolvedAfter, Duration deleteHistoryAfter) {

    /** The age after which resolved alerts are archived by default: 90 days. */
    public static final Duration DEFAULT_ARCHIVE_AFTER = Duration.ofDays(90);

    /** Archive after 90 days, keep history forever. */
    public static final Retention DEFAULT = new Retention(DEFAULT_ARCHIVE_AFTER, null);

    /** Validates. */
    public Retention {
        Objects.requireNonNull(archiveResolvedAfter, "archiveResolvedAfter");
        if (archiveResolvedAfter.isNegative() || archiveResolvedAfter.isZero()) {
            throw new IllegalArgumentException("archiveResolvedAfter must be > 0, got " + archiveResolvedAfter);
        }
        if (deleteHistoryAfter != null && deleteHistoryAfter.compareTo(archiveResolvedAfter) < 0) {
            throw new IllegalArgumentException("deleteHistoryAfter must be null or >= archiveResolvedAfter ("
                    + archiveResolvedAfter + "), got " + deleteHistoryAfter);
        }
    }

    /** @return how long history is kept, empty for forever */
    public Optional<Duration> historyKept() {
        return Optional.ofNullable(deleteHistoryAfter);
    }
}
