package io.ppcanomaly.monitor.spi;

import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.store.SaveHook;
import java.util.List;

/**
 * Code that runs inside the monitor: the seam notifications plug into. An extension may
 * <ul>
 *   <li>write in the same transaction as each detection run's alerts ({@link #saveHooks()}): an outbox row per
 *       opened or escalated alert exists exactly when the alerts do — a run that fails or loses its lease leaves
 *       neither;</li>
 *   <li>run jobs of its own beside the monitor's ({@link #jobs()}): the dispatcher sending the outbox;</li>
 *   <li>hear about each finished run ({@link #afterRun}), after its transaction committed: to wake the dispatcher
 *       at once rather than at its next interval.</li>
 * </ul>
 * Hooks run on the monitor's run threads, several profiles at once when the monitor has more than one thread, so
 * they must be thread-safe. An extension is created once per monitor ({@link MonitorExtensionProvider}) or passed to
 * the monitor's builder, and closed with it.
 */
public interface MonitorExtension extends AutoCloseable {

    /** @return hooks run, in order, inside every detection save transaction after the monitor's own writes */
    default List<SaveHook> saveHooks() {
        return List.of();
    }

    /** @return jobs the monitor schedules while it runs */
    default List<MonitorJob> jobs() {
        return List.of();
    }

    /**
     * Called after each run of a profile (committed, skipped or failed), on the run's thread; must not throw (what
     * it throws is logged and ignored).
     */
    default void afterRun(RunResult result) {
    }

    /** Releases what the extension holds; called once when the monitor closes, after its jobs stopped. */
    @Override
    default void close() {
    }
}
