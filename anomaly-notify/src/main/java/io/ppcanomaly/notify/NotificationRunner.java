package io.ppcanomaly.notify;

import io.ppcanomaly.notify.outbox.DigestRunner;
import io.ppcanomaly.notify.outbox.DispatchResult;
import io.ppcanomaly.notify.outbox.NotificationStore;
import io.ppcanomaly.notify.outbox.OutboxDispatcher;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of notification work per profile — due digests into the outbox, the outbox sent, and once a day the
 * rows older than {@link DispatchSettings#retention()} purged — run by a scheduler of the caller's
 * ({@link #runOnce}) or on its own thread ({@link Notifications#start}). A failing profile is logged and the others
 * still run. Thread-safe; {@link #close()} stops the thread and the dispatcher's senders.
 */
public final class NotificationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRunner.class);

    /**
     * What one round did.
     *
     * @param digests  digest messages written
     * @param dispatch what the dispatcher did
     * @param purged   old rows deleted
     * @param failures profiles whose round failed (logged)
     */
    public record Round(int digests, DispatchResult dispatch, int purged, int failures) {
    }

    private final AlertStore store;
    private final Notifications notifications;
    private final Supplier<? extends Collection<ProfileId>> profiles;
    private final OutboxDispatcher dispatcher;
    private final DigestRunner digests;
    private final NotificationStore tables;
    private final Clock clock;
    private final Map<ProfileId, Instant> lastPurge = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private ScheduledExecutorService scheduler;

    NotificationRunner(AlertStore store, Notifications notifications,
                       Supplier<? extends Collection<ProfileId>> profiles) {
        this.store = Objects.requireNonNull(store, "store");
        this.notifications = notifications;
        this.profiles = profiles;
        this.dispatcher = notifications.dispatcher(store);
        this.digests = notifications.digests(store);
        this.tables = new NotificationStore(store);
        this.clock = store.config().clock();
    }

    /**
     * Runs one round for each profile.
     *
     * @return what it did
     */
    public Round runOnce(Collection<ProfileId> profiles) {
        synchronized (lock) {
            int written = 0;
            int purged = 0;
            int failures = 0;
            DispatchResult sent = DispatchResult.NONE;
            for (ProfileId p : profiles) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                try {
                    written += digests.run(p);
                    sent = sent.plus(dispatcher.dispatch(p));
                    purged += purge(p);
                } catch (RuntimeException e) {
                    failures++;
                    LOG.warn("Notification round for profile {} failed: {}", p, e.toString());
                }
            }
            return new Round(written, sent, purged, failures);
        }
    }

    private int purge(ProfileId p) {
        Instant now = clock.instant();
        Instant last = lastPurge.get(p);
        if (last != null && last.isAfter(now.minus(java.time.Duration.ofDays(1)))) {
            return 0;
        }
        lastPurge.put(p, now);
        return tables.purge(p, now.minus(notifications.config().dispatch().retention()));
    }

    void start() {
        synchronized (this) {
            if (scheduler != null) {
                return;
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "notify-dispatcher");
                t.setDaemon(true);
                return t;
            });
            long ms = notifications.config().dispatch().interval().toMillis();
            scheduler.scheduleWithFixedDelay(this::scheduledRound, 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledRound() {
        try {
            runOnce(profiles.get());
        } catch (RuntimeException e) {
            LOG.warn("Notification round failed: {}", e.toString());
        }
    }

    /** Runs a round now on the runner's thread instead of waiting for the next interval (after a save, say). */
    public void wake() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
        }
        if (s != null && !s.isShutdown()) {
            s.execute(this::scheduledRound);
        }
    }

    /** Stops the thread (waiting up to 30 s for a round in progress) and the dispatcher. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        dispatcher.close();
    }

    @Override
    public String toString() {
        return "NotificationRunner[" + store + "]";
    }
}
