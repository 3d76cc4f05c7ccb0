package io.ppcanomaly.store;

/**
 * The database could not do what the store asked: unreachable, refused the statement, or its schema does not
 * fit this library. The message names the JDBC URL (never its password) and the cause; nothing of the failed
 * call was written.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the database */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the database
     * @param cause   the driver's exception
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
