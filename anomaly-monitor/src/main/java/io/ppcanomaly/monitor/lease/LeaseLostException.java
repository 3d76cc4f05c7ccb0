package io.ppcanomaly.monitor.lease;

/**
 * A monitor instance found, when writing, that another instance had taken over its lease: the write's transaction
 * rolls back and nothing is written.
 */
public final class LeaseLostException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message who lost the lease to whom */
    public LeaseLostException(String message) {
        super(message);
    }
}
