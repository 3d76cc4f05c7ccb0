package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotificationJson;
import io.ppcanomaly.store.Database;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of the notification tables (schema version 2): every statement names the profile, so tenants stay apart on
 * H2 too, and runs in a store transaction (tenant applied on PostgreSQL, where row-level security checks it again).
 */
final class OutboxRows {

    static final String COLUMNS = "id, profile_id, route, notifier, kind, delivery_id, incident_id, severity, "
            + "money_at_stake, alert_count, title, status, attempts, next_attempt_at, lease_owner, last_error, "
            + "created_at, sent_at, dead_at";
    private static final int IN_CHUNK = 500;

    private OutboxRows() {
    }

    /** A claimed row: what the dispatcher needs to send it. */
    record Claimed(long id, String route, String deliveryId, int attempt, String payload) {
    }

    /** An alert announced on a route at a severity. */
    record Announced(long alertId, int severityRank) {
    }

    /**
     * Writes one message, due at once.
     *
     * @return its id
     */
    static long insertMessage(StoreTransaction tx, String route, String notifier, Notification n, String incidentId)
            throws SQLException {
        Instant now = tx.now();
        String sql = "INSERT INTO anomaly_notify_outbox (profile_id, route, notifier, kind, delivery_id, incident_id, "
                + "severity, money_at_stake, alert_count, title, payload, status, attempts, next_attempt_at, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + tx.database().jsonParameter()
                + ", 'pending', 0, ?, ?, ?)";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, route);
            ps.setString(3, notifier);
            ps.setString(4, n.kind().wireName());
            ps.setString(5, UUID.randomUUID().toString());
            ps.setString(6, incidentId);
            ps.setString(7, n.severity().wireName());
            ps.setDouble(8, n.moneyAtStake());
            ps.setInt(9, n.alertCount());
            ps.setString(10, cut(n.title(), 1024));
            ps.setString(11, NotificationJson.write(n));
            instant(ps, 12, now);
            instant(ps, 13, now);
            instant(ps, 14, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** @return the profile's mutes and snoozes in force at {@code now} */
    static List<Mute> activeMutes(Connection c, ProfileId p, Instant now) throws SQLException {
        return mutes(c, p, now);
    }

    /** @return the profile's mutes, those in force at {@code now} only when it is given */
    static List<Mute> mutes(Connection c, ProfileId p, Instant now) throws SQLException {
        String sql = "SELECT id, entity_type, entity_id, route, ends_at, created_by, note, created_at FROM "
                + "anomaly_notify_mutes WHERE profile_id = ?" + (now == null ? "" : " AND (ends_at IS NULL OR ends_at > ?)")
                + " ORDER BY entity_type, entity_id, route";
        List<Mute> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, p.value());
            if (now != null) {
                instant(ps, 2, now);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Mute(rs.getLong(1), p, EntityType.parse(rs.getString(2)), rs.getString(3),
                            rs.getString(4), instant(rs, 5), rs.getString(6), rs.getString(7), instant(rs, 8)));
                }
            }
        }
        return out;
    }

    /** Mutes (or snoozes) an entity on a route, replacing an earlier mute of the same entity and route. */
    static Mute mute(StoreTransaction tx, EntityType type, String entityId, String route, Instant endsAt, String who,
                     String note) throws SQLException {
        Connection c = tx.connection();
        try (PreparedStatement del = c.prepareStatement("DELETE FROM anomaly_notify_mutes WHERE profile_id = ? AND "
                + "entity_type = ? AND entity_id = ? AND route = ?")) {
            del.setString(1, tx.profile().value());
            del.setString(2, type.wireName());
            del.setString(3, entityId);
            del.setString(4, route);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_notify_mutes (profile_id, entity_type, "
                + "entity_id, route, ends_at, created_by, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, type.wireName());
            ps.setString(3, entityId);
            ps.setString(4, route);
            instant(ps, 5, endsAt);
            ps.setString(6, who);
            ps.setString(7, note);
            instant(ps, 8, tx.now());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Mute(keys.getLong(1), tx.profile(), type, entityId, route, endsAt, who, note, tx.now());
            }
        }
    }

    /** @return whether a mute of the entity on the route existed and is gone */
    static boolean unmute(StoreTransaction tx, EntityType type, String entityId, String route) throws SQLException {
        try (PreparedStatement del = tx.connection().prepareStatement("DELETE FROM anomaly_notify_mutes WHERE "
                + "profile_id = ? AND entity_type = ? AND entity_id = ? AND route = ?")) {
            del.setString(1, tx.profile().value());
            del.setString(2, type.wireName());
            del.setString(3, entityId);
            del.setString(4, route);
            return del.executeUpdate() > 0;
        }
    }

    /** @return alert id → route → the severity rank last announced there, for the given alerts */
    static Map<Long, Map<String, Integer>> announced(Connection c, ProfileId p, Collection<Long> alertIds)
            throws SQLException {
        Map<Long, Map<String, Integer>> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(alertIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String sql = "SELECT alert_id, route, severity_rank FROM anomaly_notify_state WHERE profile_id = ? AND "
                    + "alert_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, p.value());
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
        }
        return out;
    }

    /** Records what a route announced: each alert at its severity, now. */
    static void recordAnnounced(StoreTransaction tx, String route, List<Announced> alerts) throws SQLException {
        if (alerts.isEmpty()) {
            return;
        }
        String sql = tx.database() == Database.POSTGRESQL
                ? "INSERT INTO anomaly_notify_state (profile_id, alert_id, route, severity_rank, notified_at) VALUES "
                  + "(?, ?, ?, ?, ?) ON CONFLICT (profile_id, alert_id, route) DO UPDATE SET severity_rank = "
                  + "EXCLUDED.severity_rank, notified_at = EXCLUDED.notified_at"
                : "MERGE INTO anomaly_notify_state (profile_id, alert_id, route, severity_rank, notified_at) "
                  + "KEY (profile_id, alert_id, route) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            for (Announced a : alerts) {
                ps.setString(1, tx.profile().value());
                ps.setLong(2, a.alertId());
                ps.setString(3, route);
                ps.setInt(4, a.severityRank());
                instant(ps, 5, tx.now());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Queues alerts for a route's next digest: each item its alert and incident as JSON. */
    static void insertDigestItems(StoreTransaction tx, String route, List<DigestItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO anomaly_notify_digest_items (profile_id, route, alert_id, incident_id, "
                + "severity_rank, money_at_stake, item, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                + tx.database().jsonParameter() + ", ?)";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            for (DigestItem d : items) {
                ps.setString(1, tx.profile().value());
                ps.setString(2, route);
                ps.setLong(3, d.alert().alertId());
                ps.setString(4, d.incident() == null ? null : d.incident().id());
                ps.setInt(5, d.alert().severity().ordinal());
                ps.setDouble(6, d.alert().moneyAtStake());
                ps.setString(7, d.toJson());
                instant(ps, 8, tx.now());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return a message row of the profile */
    static OutboxMessage message(ResultSet rs, ProfileId p) throws SQLException {
        return new OutboxMessage(rs.getLong("id"), p, rs.getString("route"), rs.getString("notifier"),
                Notification.Kind.parse(rs.getString("kind")), rs.getString("delivery_id"),
                rs.getString("incident_id"), Severity.parse(rs.getString("severity")), rs.getDouble("money_at_stake"),
                rs.getInt("alert_count"), rs.getString("title"), MessageStatus.parse(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("lease_owner"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "dead_at"));
    }

    static void instant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Instant t) {
                    instant(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Instant t) {
                    instant(ps, i + 1, t);
                } else if (args[i] == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }
}
