package io.ppcanomaly.store;

/**
 * Another writer changed the alert first (optimistic locking): the update was not applied. Read the alert again
 * and decide; retrying blindly would overwrite what the other writer did. Also thrown by {@link AlertStore#save}
 * when a concurrent save of the same profile wrote the same alerts first: retrying that save is safe (it is
 * idempotent and then stores nothing new).
 */
public class AlertConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final long alertId;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param alertId         the alert, or -1 when a save conflicted on several
     * @param expectedVersion the version the writer had read, or -1
     * @param actualVersion   the version found, or -1 when unknown
     * @param message         what happened
     */
    public AlertConflictException(long alertId, long expectedVersion, long actualVersion, String message) {
        super(message);
        this.alertId = alertId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the alert, or -1 when a save conflicted on several */
    public long alertId() {
        return alertId;
    }

    /** @return the version the losing writer had read, or -1 */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the version the winner left, or -1 when unknown */
    public long actualVersion() {
        return actualVersion;
    }
}
