package io.ppcanomaly.monitor.lease;

import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * A held lease on one profile: this monitor instance may run the profile's jobs until it releases it or it
 * expires (the holder renews it while working). Every write of a job checks the lease first ({@link #verify}) in
 * the write's own transaction: an instance that lost its lease — paused past the expiry while another took over —
 * writes nothing. The token grows with every acquisition, so a lease taken over and given back is never mistaken for
 * the old one.
 *
 * <p>Thread-safe. Close releases it.
 */
public final class Lease implements AutoCloseable {

    private final Leases leases;
    private final ProfileId profile;
    private final String holder;
    private final long token;
    private final String job;
    private volatile Instant expiresAt;
    private volatile boolean released;

    Lease(Leases leases, ProfileId profile, String holder, long token, String job, Instant expiresAt) {
        this.leases = leases;
        this.profile = profile;
        this.holder = holder;
        this.token = token;
        this.job = job;
        this.expiresAt = expiresAt;
    }

    /** @return the profile */
    public ProfileId profile() {
        return profile;
    }

    /** @return the holder: this monitor instance's id */
    public String holder() {
        return holder;
    }

    /** @return the fencing token of this acquisition */
    public long token() {
        return token;
    }

    /** @return the job it was taken for, e.g. {@code detect} */
    public String job() {
        return job;
    }

    /** @return when it expires unless renewed */
    public Instant expiresAt() {
        return expiresAt;
    }

    void expiresAt(Instant t) {
        expiresAt = t;
    }

    /** @return whether {@link #close()} ran */
    public boolean released() {
        return released;
    }

    /**
     * Checks, inside a write's transaction, that this acquisition still holds the lease, and locks the lease row
     * until the transaction ends so nobody takes it over before the commit. An expired lease nobody took over is
     * still held (nobody else ran the profile since).
     *
     * @throws LeaseLostException when another instance took it over: the caller's transaction must roll back
     */
    public void verify(StoreTransaction tx) throws SQLException {
        Objects.requireNonNull(tx, "tx");
        if (!tx.profile().equals(profile)) {
            throw new IllegalArgumentException("transaction profile must be the lease's " + profile + ", got "
                    + tx.profile());
        }
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT holder, token FROM anomaly_monitor_leases "
                + "WHERE profile_id = ? FOR UPDATE")) {
            ps.setString(1, profile.value());
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                if (!found || !holder.equals(rs.getString(1)) || rs.getLong(2) != token) {
                    String now = found ? rs.getString(1) + " (token " + rs.getLong(2) + ")" : "no lease row";
                    throw new LeaseLostException("monitor instance " + holder + " lost its lease on profile " + profile
                            + " (token " + token + ") to " + now + ": nothing of this run was written");
                }
            }
        }
    }

    /** Extends the lease by its time to live. @return whether it was still held */
    public boolean renew() {
        return !released && leases.renew(this);
    }

    /** Gives the lease back (idempotent); another instance may take it at once. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            leases.release(this);
        }
    }

    @Override
    public String toString() {
        return "lease on " + profile + " held by " + holder + " (token " + token + ", " + job + ", until " + expiresAt
                + ")";
    }
}
