package io.ppcanomaly.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

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
        double minutes = AlertRows.minutes(a.firstSeen(), now);
        update(tx, a, r -> r.with(AlertStatus.ACKNOWLEDGED.wireName(), StatsRollup.millis(minutes, false),
                r.resolveMs()), "status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, acknowledge_time_minutes = ?",
                ps -> {
                    ps.setString(1, who);
                    AlertRows.setInstant(ps, 2, now);
                    ps.setDouble(3, minutes);
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
        double minutes = AlertRows.minutes(a.firstSeen(), now);
        update(tx, a, s -> s.with(AlertStatus.RESOLVED.wireName(), s.ackMs(), StatsRollup.millis(minutes, false)),
                "status = 'resolved', resolved_by = ?, resolved_at = ?, resolution_note = ?, "
                + "resolution_time_minutes = ?, revenue_impact = ?, market_conditions = " + j + ", campaign_settings = "
                + j, ps -> {
                    ps.setString(1, r.who());
                    AlertRows.setInstant(ps, 2, now);
                    ps.setString(3, r.note());
                    ps.setDouble(4, minutes);
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
        update(tx, a, s -> s.with(AlertStatus.OPEN.wireName(), null, null), "status = 'open', acknowledged_by = NULL, acknowledged_at = NULL, acknowledge_time_minutes = NULL, "
                + "resolved_by = NULL, resolved_at = NULL, resolution_note = NULL, resolution_time_minutes = NULL, "
                + "revenue_impact = NULL, market_conditions = NULL, campaign_settings = NULL", ps -> 1);
        return reread(tx, id);
    }

    @FunctionalInterface
    private interface Binder {
        /** Binds the SET clause's parameters; @return the next parameter index */
        int bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Updates the alert (at the version read) and moves its contribution to the statistics roll-up from its state
     * before to {@code after} of it.
     */
    private static void update(StoreTransaction tx, StoredAlert a, UnaryOperator<StatsRollup.Row> after, String set,
                               Binder binder) throws SQLException {
        List<StatsRollup.Row> before = StatsRollup.live(tx.connection(), tx.profile(), List.of(a.id()));
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
        StatsRollup.Delta delta = new StatsRollup.Delta();
        for (StatsRollup.Row r : before) {
            delta.add(r, -1).add(after.apply(r), 1);
        }
        delta.apply(tx.connection(), tx.database());
    }

    private static StoredAlert reread(StoreTransaction tx, long id) throws SQLException {
        return AlertQueries.get(tx.connection(), tx.profile(), id, false)
                .orElseThrow(() -> new AlertNotFoundException(tx.profile(), id));
    }
}
