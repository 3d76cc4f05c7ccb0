package io.ppcanomaly.monitor.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Work an extension asks the monitor to run beside its own jobs — a notification dispatcher sending what the outbox
 * holds, for example. The monitor runs it every {@code interval} (fixed delay, first run after one interval) on its
 * own thread, from {@code start()} until {@code close()}; {@code close()} waits for a run in progress. A run that
 * throws is logged and the job keeps its schedule.
 *
 * @param name     for logs and thread names, e.g. {@code notify-dispatcher}
 * @param interval delay between the end of one run and the start of the next, &gt; 0
 * @param task     the work; it should return within a few seconds and check {@link Thread#isInterrupted()} in
 *                 long loops (close interrupts it after the monitor's shutdown timeout)
 */
public record MonitorJob(String name, Duration interval, Runnable task) {

    /** Validates. */
    public MonitorJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(task, "task");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
    }
}
