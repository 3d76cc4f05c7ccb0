package io.ppcanomaly.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A destination did not accept a message. {@link #retryable()} says whether the same message may get through later
 * (the receiver was down, slow or rate-limiting) or never will as configured (a 4xx other than 408 and 429, a
 * rejected address, failed authentication): the dispatcher retries the first kind with back-off and marks the second
 * dead at once, keeping this message as the row's last error.
 */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final int status;
    private final transient Duration retryAfter;

    private DeliveryException(String message, Throwable cause, boolean retryable, int status, Duration retryAfter) {
        super(message, cause);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /**
     * @param message what happened, without secrets
     * @param status  the receiver's status code (HTTP status, SMTP reply code), or 0 when none came
     * @param cause   the underlying failure, or {@code null}
     * @return a failure that may pass on a later attempt
     */
    public static DeliveryException retryable(String message, int status, Throwable cause) {
        return new DeliveryException(message, cause, true, status, null);
    }

    /**
     * A rate limit or maintenance window: the receiver said when to come back ({@code 429}/{@code 503} with
     * {@code Retry-After}).
     *
     * @param retryAfter how long to wait, &ge; 0
     * @return a retryable failure with the receiver's delay
     */
    public static DeliveryException retryAfter(String message, int status, Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be >= 0, got " + retryAfter);
        }
        return new DeliveryException(message, null, true, status, retryAfter);
    }

    /**
     * @return a failure that will not pass by trying again (the message goes dead at once)
     */
    public static DeliveryException permanent(String message, int status, Throwable cause) {
        return new DeliveryException(message, cause, false, status, null);
    }

    /** @return whether a later attempt may succeed */
    public boolean retryable() {
        return retryable;
    }

    /** @return the receiver's status code, or 0 when none came (connection refused, time-out) */
    public int status() {
        return status;
    }

    /** @return how long the receiver asked us to wait, when it did */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
