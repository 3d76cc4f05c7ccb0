package io.ppcanomaly.server.auth;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: {@code burst} requests at once, refilled at {@code perSecond}. Thread-safe; one bucket
 * per key id, a few dozen bytes each.
 *
 * <p>A request takes one token; with none left it is refused and told how long until one is back
 * ({@link #acquire} returns the wait in whole seconds, rounded up, for {@code Retry-After}).
 */
public final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    /**
     * @param perSecond sustained requests per second per key, &gt; 0
     * @param burst     requests a key may make at once, &ge; 1
     * @throws IllegalArgumentException for a rate or burst out of range
     */
    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** As {@link #RateLimiter(double, int)} with a clock for tests. */
    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be finite and > 0, got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Takes a token for {@code key}.
     *
     * @return 0 when the request may go ahead, otherwise the seconds (&ge; 1) until a token is back
     */
    public long acquire(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            double elapsed = (now - b.lastNanos) / 1e9;
            if (elapsed > 0) {
                b.tokens = Math.min(burst, b.tokens + elapsed * perSecond);
                b.lastNanos = now;
            }
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }

    /** @return sustained requests per second per key */
    public double perSecond() {
        return perSecond;
    }

    /** @return requests a key may make at once */
    public int burst() {
        return (int) burst;
    }
}
