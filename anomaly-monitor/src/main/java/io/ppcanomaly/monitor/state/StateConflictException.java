package io.ppcanomaly.monitor.state;

/**
 * The monitor's state of a profile and level changed under a writer (another instance ran it, or the lease was
 * lost): the writer's transaction rolled back, nothing was written. Running again continues from the new state.
 */
public final class StateConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what changed and what to do */
    public StateConflictException(String message) {
        super(message);
    }
}
