package io.ppcanomaly.store;

/**
 * The alert's current state does not allow the action (acknowledging a resolved alert, reopening an open one,
 * changing an archived one). The message names the alert, its current state and the action; nothing changed.
 */
public class IllegalTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long alertId;
    private final AlertStatus current;
    private final boolean archived;

    /**
     * @param alertId  the alert
     * @param current  its status
     * @param archived whether it has been moved to history
     * @param action   what was asked, e.g. {@code acknowledge}
     */
    public IllegalTransitionException(long alertId, AlertStatus current, boolean archived, String action) {
        super("cannot " + action + " alert " + alertId + ": it is " + current.wireName()
                + (archived ? " and archived" : ""));
        this.alertId = alertId;
        this.current = current;
        this.archived = archived;
    }

    /** @return the alert */
    public long alertId() {
        return alertId;
    }

    /** @return its current status */
    public AlertStatus current() {
        return current;
    }

    /** @return whether it has been moved to history (and so can no longer change) */
    public boolean archived() {
        return archived;
    }
}
