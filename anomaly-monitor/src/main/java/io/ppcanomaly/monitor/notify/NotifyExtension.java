package io.ppcanomaly.monitor.notify;

import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.monitor.spi.MonitorContext;
import io.ppcanomaly.monitor.spi.MonitorExtension;
import io.ppcanomaly.monitor.spi.MonitorJob;
import io.ppcanomaly.notify.NotificationRunner;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveHook;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications running inside a monitor: the outbox {@link SaveHook} in every detection run's transaction, a
 * {@code notify-dispatcher} job every {@code notify.dispatch.interval} (due digests, then the outbox, then a daily
 * purge, for the monitor's profiles), and after each run that raised alerts a round at once on a thread of its own
 * so the run's thread never waits for a receiver. Rounds never overlap ({@link NotificationRunner} serialises
 * them). Thread-safe; {@link #close()} stops the wake-up thread and closes the notifiers.
 */
public final class NotifyExtension implements MonitorExtension {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyExtension.class);

    private final Notifications notifications;
    private final NotificationRunner runner;
    private final List<ProfileId> profiles;
    private final ExecutorService wake;
    private final AtomicBoolean wakePending = new AtomicBoolean();

    /**
     * @param context       the monitor's store and configuration (its profiles are the ones served)
     * @param notifications the routes and notifiers; closed with this extension
     */
    public NotifyExtension(MonitorContext context, Notifications notifications) {
        Objects.requireNonNull(context, "context");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.runner = notifications.runner(context.store());
        this.profiles = context.config().profiles().stream().map(ProfileSettings::id).toList();
        this.wake = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notify-wake");
            t.setDaemon(true);
            return t;
        });
        LOG.info("Notifications on for {} profiles: {}", profiles.size(), notifications.describeRoutes());
    }

    /** @return the notifications (routes, notifiers) */
    public Notifications notifications() {
        return notifications;
    }

    @Override
    public List<SaveHook> saveHooks() {
        return List.of(notifications.saveHook());
    }

    @Override
    public List<MonitorJob> jobs() {
        return List.of(new MonitorJob("notify-dispatcher", notifications.config().dispatch().interval(),
                this::round));
    }

    /** Runs one round of digests, dispatch and purging for the monitor's profiles. */
    void round() {
        NotificationRunner.Round r = runner.runOnce(profiles);
        if (r.failures() > 0) {
            LOG.warn("Notification round: {} of {} profiles failed (logged above)", r.failures(), profiles.size());
        }
    }

    @Override
    public void afterRun(RunResult result) {
        if (result.alerts() == 0 || result.outcome() == RunResult.Outcome.FAILED
                || result.outcome() == RunResult.Outcome.SKIPPED || !wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            wake.execute(() -> {
                wakePending.set(false);
                try {
                    round();
                } catch (RuntimeException e) {
                    LOG.warn("Notification round after a run failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            wakePending.set(false);
        }
    }

    @Override
    public void close() {
        wake.shutdown();
        try {
            if (!wake.awaitTermination(30, TimeUnit.SECONDS)) {
                wake.shutdownNow();
            }
        } catch (InterruptedException e) {
            wake.shutdownNow();
            Thread.currentThread().interrupt();
        }
        runner.close();
        notifications.close();
    }
}
