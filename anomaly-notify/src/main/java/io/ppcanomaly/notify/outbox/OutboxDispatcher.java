package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.DispatchSettings;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.RetryPolicy;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotificationJson;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: claims a profile's due rows, sends each through its route's {@link Notifier}, and
 * records the outcome — sent; retried after an exponential back-off with jitter (at least the receiver's
 * {@code Retry-After}); or dead with its last error, at once for a permanent failure (a 4xx other than 408/429)
 * and after {@link RetryPolicy#maxAttempts()} attempts otherwise.
 *
 * <h2>At least once, never twice at the same time</h2>
 * A claim is a short transaction that locks due rows ({@code SELECT … FOR UPDATE SKIP LOCKED} on both PostgreSQL and
 * H2, so dispatchers on one database pass each other's rows by instead of waiting), counts the attempt and leases the
 * rows to this dispatcher by moving their due time to the lease's end. Sending happens outside any transaction;
 * each outcome is then written in its own transaction, fenced by the lease owner. A dispatcher that dies after
 * sending and before writing leaves the row pending: when the lease ends, another pass sends it again, with the same
 * delivery id, for the receiver to deduplicate. A row whose attempts ran out while its dispatchers kept dying is
 * marked dead at its next claim, so a message that crashes the process cannot loop forever.
 *
 * <p>Rows of routes this dispatcher does not know are left alone (another process may serve them). Thread-safe;
 * {@link #close()} stops its sending threads.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    /**
     * Code run after a send returned (or failed) and before its outcome is written: for tests that stop a dispatcher
     * at exactly that point, and for instrumentation. Throwing ends the pass as a crash would: the outcome is not
     * written.
     */
    @FunctionalInterface
    public interface BeforeMark {
        /**
         * @param message the row's id and delivery
         * @param outcome {@code sent}, {@code retry}, {@code dead} or {@code released}
         */
        void beforeMark(Delivery message, String outcome);
    }

    private final AlertStore store;
    private final Map<String, Notifier> notifiers;
    private final DispatchSettings settings;
    private final RetryPolicy retry;
    private final RandomGenerator random;
    private final String owner;
    private final BeforeMark beforeMark;
    private final Clock clock;
    private final ExecutorService pool;

    private OutboxDispatcher(Builder b) {
        this.store = b.store;
        this.notifiers = Map.copyOf(b.notifiers);
        this.settings = b.settings;
        this.retry = b.retry;
        this.random = b.random;
        this.owner = b.owner;
        this.beforeMark = b.beforeMark;
        this.clock = store.config().clock();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "notify-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param store     the store holding the outbox
     * @param notifiers route name → its notifier (the dispatcher does not close them)
     * @return a builder with the default settings and retry policy
     */
    public static Builder builder(AlertStore store, Map<String, Notifier> notifiers) {
        return new Builder(store, notifiers);
    }

    /** @return this dispatcher's lease owner id (unique per instance) */
    public String owner() {
        return owner;
    }

    /**
     * Sends every due message of each profile, in turn.
     *
     * @return what was done, summed
     */
    public DispatchResult dispatch(Collection<ProfileId> profiles) {
        DispatchResult total = DispatchResult.NONE;
        for (ProfileId p : profiles) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            total = total.plus(dispatch(p));
        }
        return total;
    }

    /**
     * Sends every due message of the profile: claims batches until a claim finds none due (rows another dispatcher
     * holds are skipped, not waited for).
     *
     * @return what was done
     * @throws io.ppcanomaly.store.StoreException when the database fails (rows already claimed stay leased and are
     *                                            taken up again when the lease ends)
     */
    public DispatchResult dispatch(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        if (notifiers.isEmpty()) {
            return DispatchResult.NONE;
        }
        DispatchResult total = DispatchResult.NONE;
        // routes a receiver rate-limited in this pass, until when: later batches hand their rows back unsent
        Map<String, Instant> paused = new ConcurrentHashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            Claim claim = store.inTransaction(profile, this::claim);
            if (claim.rows.isEmpty() && claim.dead == 0) {
                break;
            }
            total = total.plus(send(profile, claim, paused));
            // A short batch does not mean the outbox is drained: another dispatcher may hold rows this claim
            // skipped and release some unsent. Only an empty claim ends the pass.
        }
        if (!total.isEmpty()) {
            LOG.info("Notifications of profile {}: {} sent, {} to retry, {} dead, {} handed back{}", profile,
                    total.sent(), total.retried(), total.dead(), total.released(), total.leaseLost() > 0
                            ? ", " + total.leaseLost() + " after their lease passed to another dispatcher" : "");
        }
        return total;
    }

    private record Claim(List<OutboxRows.Claimed> rows, int dead, Instant leaseEnd) {
    }

    private Claim claim(StoreTransaction tx) throws SQLException {
        Instant now = tx.now();
        Instant leaseEnd = now.plus(settings.lease());
        List<String> routes = new ArrayList<>(new TreeSet<>(notifiers.keySet()));
        String sql = "SELECT id, route, delivery_id, attempts, payload FROM anomaly_notify_outbox WHERE profile_id = ? "
                + "AND status = 'pending' AND next_attempt_at <= ? AND route IN (" + "?, ".repeat(routes.size() - 1)
                + "?) ORDER BY next_attempt_at, id FETCH FIRST " + settings.batch() + " ROWS ONLY FOR UPDATE SKIP LOCKED";
        List<OutboxRows.Claimed> rows = new ArrayList<>();
        List<long[]> exhausted = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, tx.profile().value());
            OutboxRows.instant(ps, 2, now);
            for (int i = 0; i < routes.size(); i++) {
                ps.setString(i + 3, routes.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int attempts = rs.getInt(4);
                    if (attempts >= retry.maxAttempts()) {
                        exhausted.add(new long[] {rs.getLong(1), attempts});
                    } else {
                        rows.add(new OutboxRows.Claimed(rs.getLong(1), rs.getString(2), rs.getString(3),
                                attempts + 1, rs.getString(5)));
                    }
                }
            }
        }
        try (PreparedStatement up = tx.connection().prepareStatement("UPDATE anomaly_notify_outbox SET attempts = "
                + "attempts + 1, lease_owner = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND profile_id = ?")) {
            for (OutboxRows.Claimed c : rows) {
                up.setString(1, owner);
                OutboxRows.instant(up, 2, leaseEnd);
                OutboxRows.instant(up, 3, now);
                up.setLong(4, c.id());
                up.setString(5, tx.profile().value());
                up.addBatch();
            }
            if (!rows.isEmpty()) {
                up.executeBatch();
            }
        }
        for (long[] e : exhausted) {
            OutboxRows.update(tx.connection(), "UPDATE anomaly_notify_outbox SET status = 'dead', dead_at = ?, "
                    + "lease_owner = NULL, updated_at = ?, last_error = ? WHERE id = ? AND profile_id = ?", now, now,
                    "attempt " + e[1] + " of " + retry.maxAttempts() + " never finished: the dispatcher stopped while "
                            + "sending it each time", e[0], tx.profile().value());
            LOG.warn("Notification {} of profile {} is dead: its dispatchers stopped during all {} attempts", e[0],
                    tx.profile(), e[1]);
        }
        return new Claim(rows, exhausted.size(), leaseEnd);
    }

    private DispatchResult send(ProfileId profile, Claim claim, Map<String, Instant> paused) {
        List<Future<String>> futures = new ArrayList<>();
        for (OutboxRows.Claimed c : claim.rows) {
            futures.add(pool.submit(() -> sendOne(profile, c, claim.leaseEnd, paused)));
        }
        int sent = 0;
        int retried = 0;
        int dead = claim.dead;
        int released = 0;
        int lost = 0;
        RuntimeException failure = null;
        for (Future<String> f : futures) {
            try {
                String outcome = f.get();
                if (outcome.endsWith("!")) {
                    lost++;
                    outcome = outcome.substring(0, outcome.length() - 1);
                }
                switch (outcome) {
                    case "sent" -> sent++;
                    case "retry" -> retried++;
                    case "dead" -> dead++;
                    default -> released++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("dispatch interrupted", e);
            } catch (ExecutionException e) {
                Throwable t = e.getCause();
                if (failure == null) {
                    failure = t instanceof RuntimeException r ? r : new IllegalStateException(t);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new DispatchResult(claim.rows.size() + claim.dead, sent, retried, dead, released, lost);
    }

    /** @return the outcome, with {@code !} appended when the lease had passed to another dispatcher */
    private String sendOne(ProfileId profile, OutboxRows.Claimed c, Instant leaseEnd, Map<String, Instant> paused) {
        Delivery delivery = new Delivery(c.deliveryId(), c.attempt(), c.route());
        Instant now = clock.instant();
        Instant resume = paused.get(c.route());
        if (resume != null && !resume.isAfter(now)) {
            resume = null;   // the receiver's pause is over (or was Retry-After: 0): send
        }
        if (resume != null || now.isAfter(leaseEnd.minus(settings.lease().dividedBy(4)))) {
            Instant due = resume != null ? resume : now;
            beforeMark.beforeMark(delivery, "released");
            return mark(profile, c, "UPDATE anomaly_notify_outbox SET attempts = attempts - 1, next_attempt_at = ?, "
                    + "lease_owner = NULL, updated_at = ? WHERE id = ? AND profile_id = ? AND lease_owner = ? AND "
                    + "status = 'pending'", "released", due, now);
        }
        Notification n;
        try {
            n = NotificationJson.read(c.payload());
        } catch (IllegalArgumentException e) {
            return dead(profile, c, delivery, "the stored message cannot be read: " + e.getMessage());
        }
        String error = null;
        Duration retryAfter = null;
        boolean retryable = false;
        try {
            notifiers.get(c.route()).send(n, delivery);
        } catch (DeliveryException e) {
            error = e.getMessage();
            retryable = e.retryable();
            retryAfter = e.retryAfter().orElse(null);
        } catch (RuntimeException e) {
            error = "the " + notifiers.get(c.route()).type() + " notifier failed: " + e;
            retryable = true;
        }
        if (error == null) {
            beforeMark.beforeMark(delivery, "sent");
            Instant at = clock.instant();
            LOG.debug("Sent notification {} (delivery {}, attempt {}) through route {}", c.id(), c.deliveryId(),
                    c.attempt(), c.route());
            return mark(profile, c, "UPDATE anomaly_notify_outbox SET status = 'sent', sent_at = ?, lease_owner = "
                    + "NULL, updated_at = ? WHERE id = ? AND profile_id = ? AND lease_owner = ? AND status = 'pending'",
                    "sent", at, at);
        }
        String what = "attempt " + c.attempt() + " of " + retry.maxAttempts() + ": " + error;
        if (!retryable || c.attempt() >= retry.maxAttempts()) {
            return dead(profile, c, delivery, (retryable ? "" : "not retried: ") + what);
        }
        Instant at = clock.instant();
        if (retryAfter != null) {
            paused.merge(c.route(), at.plus(retryAfter), (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant next = at.plus(retry.delay(c.attempt(), retryAfter, random));
        beforeMark.beforeMark(delivery, "retry");
        LOG.info("Notification {} through route {} failed ({}), next attempt at {}", c.id(), c.route(), what, next);
        return mark(profile, c, "UPDATE anomaly_notify_outbox SET next_attempt_at = ?, last_error = ?, lease_owner = "
                + "NULL, updated_at = ? WHERE id = ? AND profile_id = ? AND lease_owner = ? AND status = 'pending'",
                "retry", next, OutboxRows.cut(what, 4000), at);
    }

    private String dead(ProfileId profile, OutboxRows.Claimed c, Delivery delivery, String error) {
        beforeMark.beforeMark(delivery, "dead");
        Instant at = clock.instant();
        LOG.warn("Notification {} through route {} is dead (delivery {}): {}", c.id(), c.route(), c.deliveryId(),
                error);
        return mark(profile, c, "UPDATE anomaly_notify_outbox SET status = 'dead', dead_at = ?, last_error = ?, "
                + "lease_owner = NULL, updated_at = ? WHERE id = ? AND profile_id = ? AND lease_owner = ? AND status = "
                + "'pending'", "dead", at, OutboxRows.cut(error, 4000), at);
    }

    private String mark(ProfileId profile, OutboxRows.Claimed c, String sql, String outcome, Object... head) {
        Object[] args = new Object[head.length + 3];
        System.arraycopy(head, 0, args, 0, head.length);
        args[head.length] = c.id();
        args[head.length + 1] = profile.value();
        args[head.length + 2] = owner;
        int n = store.inTransaction(profile, tx -> OutboxRows.update(tx.connection(), sql, args));
        if (n == 0) {
            LOG.warn("Notification {} through route {} was {} after its lease passed to another dispatcher: the "
                    + "receiver may see delivery {} twice", c.id(), c.route(), outcome, c.deliveryId());
            return outcome + "!";
        }
        return outcome;
    }

    /** Stops the sending threads (a pass in progress finishes its sends). Idempotent. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** Builds an {@link OutboxDispatcher}. Not thread-safe. */
    public static final class Builder {
        private final AlertStore store;
        private final Map<String, Notifier> notifiers;
        private DispatchSettings settings = DispatchSettings.DEFAULT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private RandomGenerator random = RandomGenerator.getDefault();
        private String owner = "dispatcher-" + UUID.randomUUID();
        private BeforeMark beforeMark = (d, o) -> { };

        private Builder(AlertStore store, Map<String, Notifier> notifiers) {
            this.store = Objects.requireNonNull(store, "store");
            this.notifiers = Objects.requireNonNull(notifiers, "notifiers");
        }

        /** @param settings batch, parallelism, lease; @return this */
        public Builder settings(DispatchSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @param retry back-off and attempts; @return this */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** @param random the jitter's source (a seeded one makes tests repeatable); @return this */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** @param owner the lease owner id, 1 to 64 characters, unique per dispatcher; @return this */
        public Builder owner(String owner) {
            if (owner == null || owner.isEmpty() || owner.length() > 64) {
                throw new IllegalArgumentException("owner must be 1 to 64 characters, got '" + owner + "'");
            }
            this.owner = owner;
            return this;
        }

        /** @param beforeMark code between a send and the writing of its outcome; @return this */
        public Builder beforeMark(BeforeMark beforeMark) {
            this.beforeMark = Objects.requireNonNull(beforeMark, "beforeMark");
            return this;
        }

        /** @return the dispatcher */
        public OutboxDispatcher build() {
            return new OutboxDispatcher(this);
        }
    }
}
