package io.ppcanomaly.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Acknowledge, resolve and reopen: each reads the alert (locking its row), checks the caller's version and the
 * transition, and updates it only if its version is still the one read. Stateless.
 */
final class AlertLifecycle {

    /** Any version: the caller did not read the alert first. */
    static final long ANY = -1;

    private AlertLifecycle() {
    }

    private static StoredAlert current(Connection c, ProfileId profile, long id, long expected, String action)
            throws SQLException {
        StoredAlert a = AlertQueries.get(c, profile, id, true).orElseThrow(() -> new AlertNotFoundException(profile, id));
        if (expected != ANY && a.version() != expected) {
            throw new AlertConflictException(id, expected, a.version(), "alert " + id + " is at version " + a.version()
                    + ", not " + expected + ": another writer changed it (now " + a.status().wireName() + "); read it "
                    + "again before you " + action + " it");
        }
        if (a.isArchived()) {
            throw new IllegalTransitionException(id, a.status(), true, action);
        }
        return a;
    }

    static StoredAlert acknowledge(StoreTransaction tx, long id, String who, long expected) throws SQLException {
        Connection c = tx.connection();
        StoredAlert a = current(c, tx.profile(), id, expected, "acknowledge");
        if (a.status() != AlertStatus.OPEN) {
            throw new IllegalTransitionException(id, a.status(), false, "acknowledge");
        }
        Instant now = tx.now();
        update(tx, a, "status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, acknowledge_time_minutes = ?",
                ps -> {
                    ps.setString(1, who);
                    AlertRows.setInstant(ps, 2, now);
                    ps.setDouble(3, AlertRows.minutes(a.firstSeen(), now));
                    return 4;
                });
        return reread(tx, id);
    }

    static StoredAlert resolve(StoreTransaction tx, long id, Resolution r, long expected) throws SQLException {
        Connection c = tx.connection();
        StoredAlert a = current(c, tx.profile(), id, expected, "resolve");
        if (a.status() == AlertStatus.RESOLVED) {
            throw new IllegalTransitionException(id, a.status(), false, "resolve");
        }
        Instant now = tx.now();
        String j = tx.database().jsonParameter();
        update(tx, a, "status = 'resolved', resolved_by = ?, resolved_at = ?, resolution_note = ?, "
                + "resolution_time_minutes = ?, revenue_impact = ?, market_conditions = " + j + ", campaign_settings = "
                + j, ps -> {
                    ps.setString(1, r.who());
                    AlertRows.setInstant(ps, 2, now);
                    ps.setString(3, r.note());
                    ps.setDouble(4, AlertRows.minutes(a.firstSeen(), now));
                    AlertRows.setDouble(ps, 5, r.revenueImpact());
                    AlertRows.setJson(ps, 6, r.marketConditions());
                    AlertRows.setJson(ps, 7, r.campaignSettings());
                    return 8;
                });
        return reread(tx, id);
    }

    static StoredAlert reopen(StoreTransaction tx, long id, long expected) throws SQLException {
        Connection c = tx.connection();
        StoredAlert a = current(c, tx.profile(), id, expected, "reopen");
        if (a.status() == AlertStatus.OPEN) {
            throw new IllegalTransitionException(id, a.status(), false, "reopen");
        }
        update(tx, a, "status = 'open', acknowledged_by = NULL, acknowledged_at = NULL, acknowledge_time_minutes = NULL, "
                + "resolved_by = NULL, resolved_at = NULL, resolution_note = NULL, resolution_time_minutes = NULL, "
                + "revenue_impact = NULL, market_conditions = NULL, campaign_settings = NULL", ps -> 1);
        return reread(tx, id);
    }

    @FunctionalInterface
    private interface Binder {
        /** Binds the SET clause's parameters; @return the next parameter index */
        int bind(PreparedStatement ps) throws SQLException;
    }

    private static void update(StoreTransaction tx, StoredAlert a, String set, Binder binder) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_alerts SET " + set
                + ", updated_at = ?, version = version + 1 WHERE profile_id = ? AND id = ? AND version = ?")) {
            int i = binder.bind(ps);
            AlertRows.setInstant(ps, i++, tx.now());
            ps.setString(i++, tx.profile().value());
            ps.setLong(i++, a.id());
            ps.setLong(i, a.version());
            if (ps.executeUpdate() != 1) {
                throw new AlertConflictException(a.id(), a.version(), -1, "alert " + a.id() + " changed while it was "
                        + "being updated (version " + a.version() + " is gone): read it again");
            }
        }
    }

    private static StoredAlert reread(StoreTransaction tx, long id) throws SQLException {
        return AlertQueries.get(tx.connection(), tx.profile(), id, false)
                .orElseThrow(() -> new AlertNotFoundException(tx.profile(), id));
    }
}
