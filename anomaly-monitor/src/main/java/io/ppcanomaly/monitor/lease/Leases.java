package io.ppcanomaly.monitor.lease;

import io.ppcanomaly.monitor.state.Sql;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Database;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in the database ({@code anomaly_monitor_leases}, one row per profile): two monitor instances on one
 * database never run the same profile at once, and one instance never runs two jobs of a profile at once (its
 * daemon and a caller's {@code runOnce}). Acquiring is one conditional {@code UPDATE} — taken when free or expired —
 * so it is atomic on both databases; writes are fenced by {@link Lease#verify}. An instance that crashed holding a
 * lease leaves it to expire (the time to live) before anyone, itself restarted under the same id included, runs the
 * profile again. Times come from the store's clock: instances should run with clocks within a small fraction of the
 * time to live.
 *
 * <p>Thread-safe.
 */
public final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final AlertStore store;
    private final String holder;
    private final Duration ttl;

    /**
     * @param store  the store whose database holds the leases
     * @param holder this instance's id (1 to 256 characters), e.g. {@code host-1234}
     * @param ttl    how long a lease lasts without renewal, &gt; 0
     */
    public Leases(AlertStore store, String holder, Duration ttl) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(holder, "holder");
        if (holder.isBlank() || holder.length() > 256) {
            throw new IllegalArgumentException("holder must be 1 to 256 characters, got '" + holder + "'");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be > 0, got " + ttl);
        }
        this.holder = holder;
        this.ttl = ttl;
    }

    /** @return this instance's id */
    public String holder() {
        return holder;
    }

    /** @return the time to live */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Takes the profile's lease if it is free or expired.
     *
     * @param job what it is taken for (logged and stored), e.g. {@code detect}
     * @return the lease, or empty when another instance holds it
     */
    public Optional<Lease> tryAcquire(ProfileId profile, String job) {
        Objects.requireNonNull(profile, "profile");
        ensureRow(profile);
        return store.inTransaction(profile, tx -> {
            Instant now = tx.now();
            Instant until = now.plus(ttl);
            try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_monitor_leases SET holder = ?, "
                    + "token = token + 1, job = ?, acquired_at = ?, expires_at = ? WHERE profile_id = ? AND (holder IS "
                    + "NULL OR expires_at IS NULL OR expires_at <= ?)")) {
                ps.setString(1, holder);
                ps.setString(2, job);
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, until);
                ps.setString(5, profile.value());
                Sql.setInstant(ps, 6, now);
                if (ps.executeUpdate() == 0) {
                    return Optional.<Lease>empty();
                }
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT token FROM anomaly_monitor_leases "
                    + "WHERE profile_id = ?")) {
                ps.setString(1, profile.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(new Lease(this, profile, holder, rs.getLong(1), job, until));
                }
            }
        });
    }

    /** @return who holds the profile's lease now and until when, e.g. {@code host-2 until 2026-…}, or empty */
    public Optional<String> currentHolder(ProfileId profile) {
        return store.inTransaction(profile, tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT holder, job, expires_at FROM "
                    + "anomaly_monitor_leases WHERE profile_id = ? AND holder IS NOT NULL AND expires_at > ?")) {
                ps.setString(1, profile.value());
                Sql.setInstant(ps, 2, tx.now());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1) + " (" + rs.getString(2) + ", until "
                            + Sql.instant(rs, "expires_at") + ")") : Optional.<String>empty();
                }
            }
        });
    }

    boolean renew(Lease lease) {
        boolean held = store.inTransaction(lease.profile(), tx -> {
            Instant until = tx.now().plus(ttl);
            try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_monitor_leases SET "
                    + "expires_at = ? WHERE profile_id = ? AND holder = ? AND token = ?")) {
                Sql.setInstant(ps, 1, until);
                ps.setString(2, lease.profile().value());
                ps.setString(3, holder);
                ps.setLong(4, lease.token());
                if (ps.executeUpdate() == 1) {
                    lease.expiresAt(until);
                    return true;
                }
                return false;
            }
        });
        if (!held) {
            LOG.warn("Monitor instance {} lost its lease on profile {} (token {}): its writes will be refused",
                    holder, lease.profile(), lease.token());
        }
        return held;
    }

    void release(Lease lease) {
        try {
            store.inTransaction(lease.profile(), tx -> {
                try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_monitor_leases SET "
                        + "holder = NULL, job = NULL, expires_at = ? WHERE profile_id = ? AND holder = ? AND token = ?")) {
                    Sql.setInstant(ps, 1, tx.now());
                    ps.setString(2, lease.profile().value());
                    ps.setString(3, holder);
                    ps.setLong(4, lease.token());
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // it expires on its own; nothing was lost
            LOG.warn("Releasing the lease on profile {} failed ({}); it expires at {}", lease.profile(), e.toString(),
                    lease.expiresAt());
        }
    }

    /** Creates the profile's lease row once (free), tolerating a concurrent creator. */
    private void ensureRow(ProfileId profile) {
        try {
            store.inTransaction(profile, tx -> {
                String insert = "INSERT INTO anomaly_monitor_leases (profile_id, token) ";
                if (tx.database() == Database.POSTGRESQL) {
                    insert += "VALUES (?, 0) ON CONFLICT (profile_id) DO NOTHING";
                } else {
                    insert += "SELECT ?, 0 FROM (VALUES (1)) WHERE NOT EXISTS (SELECT 1 FROM anomaly_monitor_leases "
                            + "WHERE profile_id = ?)";
                }
                try (PreparedStatement ps = tx.connection().prepareStatement(insert)) {
                    ps.setString(1, profile.value());
                    if (tx.database() == Database.H2) {
                        ps.setString(2, profile.value());
                    }
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException s) || !"23505".equals(s.getSQLState())) {
                throw e;
            }
            // created by a concurrent caller between the check and the insert: the row exists, which is all we need
        }
    }
}
