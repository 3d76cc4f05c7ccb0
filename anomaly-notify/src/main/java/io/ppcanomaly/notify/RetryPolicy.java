package io.ppcanomaly.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a failed message waits before its next attempt, and how many attempts it gets: exponential back-off
 * with "equal jitter" — after attempt {@code n} the base delay is {@code min(maxDelay, initialDelay × 2^(n−1))}
 * and the wait is drawn uniformly from [base/2, base], so retries of many messages that failed together spread out
 * instead of arriving at the receiver at once, while each still waits at least half its base. A receiver's
 * {@code Retry-After} is honoured as a floor. Immutable.
 *
 * <p>The defaults (10 s doubling to 30 min, 12 attempts) keep a message alive for about 2 h 15 min of receiver
 * downtime (the sum of the base delays: 10 s + 20 s + … + 1,280 s + 3 × 1,800 s).
 *
 * @param maxAttempts  attempts before a message is dead, 1 to 100
 * @param initialDelay the base delay after the first failed attempt, &gt; 0
 * @param maxDelay     the largest base delay, &ge; {@code initialDelay}
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** 12 attempts, 10 s doubling to 30 min. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(12, Duration.ofSeconds(10), Duration.ofMinutes(30));

    /** Validates. */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 100], got " + maxAttempts);
        }
        if (initialDelay.isZero() || initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must be > 0, got " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be >= initialDelay " + initialDelay + ", got " + maxDelay);
        }
    }

    /**
     * @param attempt the attempts made so far, &ge; 1
     * @return the base delay before the next attempt: {@code min(maxDelay, initialDelay × 2^(attempt−1))}
     */
    public Duration baseDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        long ms = initialDelay.toMillis();
        for (int i = 1; i < attempt && ms < maxDelay.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }

    /**
     * @param attempt    the attempts made so far, &ge; 1
     * @param retryAfter the receiver's {@code Retry-After}, or {@code null}
     * @param random     the jitter's source
     * @return the wait before the next attempt: uniform in [base/2, base], and at least {@code retryAfter}
     */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        long base = baseDelay(attempt).toMillis();
        long half = base / 2;
        long ms = half + (base - half > 0 ? random.nextLong(base - half + 1) : 0);
        Duration d = Duration.ofMillis(ms);
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }
}
