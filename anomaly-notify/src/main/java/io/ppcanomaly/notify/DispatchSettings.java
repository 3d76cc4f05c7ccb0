package io.ppcanomaly.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher works through the outbox. Immutable.
 *
 * @param interval    pause between dispatch passes when run on a schedule, &gt; 0 (default 5 s)
 * @param batch       rows claimed at once per profile, 1 to 1,000 (default 50)
 * @param parallelism messages sent at once, 1 to 64 (default 4)
 * @param lease       how long a claimed row stays with its dispatcher before another may take it (after a crash),
 *                    &ge; 1 s (default 5 min); a row whose lease is nearly over is handed back unsent
 * @param maxAlerts   alerts listed in one message, 1 to 1,000 (default 100; a notifier may show fewer)
 * @param retention   sent messages, digested items and what was announced about inactive alerts are purged after
 *                    this long, &ge; 1 day (default 30 days)
 */
public record DispatchSettings(Duration interval, int batch, int parallelism, Duration lease, int maxAlerts,
                               Duration retention) {

    /** The defaults. */
    public static final DispatchSettings DEFAULT = new DispatchSettings(Duration.ofSeconds(5), 50, 4,
            Duration.ofMinutes(5), 100, Duration.ofDays(30));

    /** Validates. */
    public DispatchSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retention, "retention");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("batch must be in [1, 1000], got " + batch);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be in [1, 64], got " + parallelism);
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be >= 1 s, got " + lease);
        }
        if (maxAlerts < 1 || maxAlerts > 1000) {
            throw new IllegalArgumentException("maxAlerts must be in [1, 1000], got " + maxAlerts);
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention must be >= 1 day, got " + retention);
        }
    }
}
