package io.ppcanomaly.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics roll-ups (schema version 6) kept in step with the alert rows: every write path collects what it
 * changes as a {@link Delta} — minus the rows' contributions before, plus after — and applies it in the same
 * transaction. Keys are applied in one sorted order, so two transactions moving alerts between the same keys never
 * deadlock. Mutable deltas are confined to one transaction's thread; the class is otherwise stateless.
 *
 * <ul>
 *   <li>{@code anomaly_stats_daily}: per profile, day of the first period, severity, level, detector and status —
 *       alerts, and the acknowledge / resolution times in whole milliseconds with their counts</li>
 *   <li>{@code anomaly_stats_entities}: per entity, all time — alerts, money at stake × occurrences, the first and
 *       last day (only ever widened): upper bounds for the top-entity lists of any range</li>
 *   <li>{@code anomaly_stats_feedback}: per day of the labelled period — labels and true labels</li>
 * </ul>
 */
final class StatsRollup {

    /** The alert columns {@link #row} reads. */
    static final String COLUMNS = "profile_id, first_period, severity, entity_type, entity_id, detector_type, status, "
            + "acknowledge_time_minutes, resolution_time_minutes, money_at_stake, occurrences";

    /** Rows per multi-row upsert on PostgreSQL. */
    private static final int ROWS = 250;

    private StatsRollup() {
    }

    /** What one alert row adds to the roll-ups. */
    record Row(String profile, LocalDate day, String severity, String entityType, String entityId, String detector,
               String status, Long ackMs, Long resolveMs, double money) {

        /** @return this row with another status and times (a lifecycle change) */
        Row with(String newStatus, Long newAckMs, Long newResolveMs) {
            return new Row(profile, day, severity, entityType, entityId, detector, newStatus, newAckMs, newResolveMs,
                    money);
        }
    }

    /** @return the minutes column as whole milliseconds, or {@code null} */
    static Long millis(double minutes, boolean isNull) {
        return isNull ? null : Math.round(minutes * 60_000.0);
    }

    /** Reads {@link #COLUMNS} of the current row. */
    static Row row(ResultSet rs) throws SQLException {
        double ack = rs.getDouble("acknowledge_time_minutes");
        Long ackMs = millis(ack, rs.wasNull());
        double res = rs.getDouble("resolution_time_minutes");
        Long resMs = millis(res, rs.wasNull());
        LocalDateTime first = rs.getObject("first_period", LocalDateTime.class);
        return new Row(rs.getString("profile_id"), first.toLocalDate(), rs.getString("severity"),
                rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("detector_type"),
                rs.getString("status"), ackMs, resMs, rs.getDouble("money_at_stake") * rs.getInt("occurrences"));
    }

    /** @return the contributions of the profile's live alerts with these ids */
    static List<Row> live(Connection c, ProfileId profile, Collection<Long> ids) throws SQLException {
        List<Row> out = new ArrayList<>(ids.size());
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM anomaly_alerts WHERE "
                    + "profile_id = ? AND id IN (?" + ",?".repeat(chunk.size() - 1) + ")")) {
                ps.setString(1, profile.value());
                for (int k = 0; k < chunk.size(); k++) {
                    ps.setLong(2 + k, chunk.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
        }
        return out;
    }

    private record DayKey(String profile, LocalDate day, String severity, String entityType, String detector,
                          String status) {
    }

    private record EntityKey(String profile, String entityType, String entityId) {
    }

    private record FeedbackKey(String profile, LocalDate day) {
    }

    private static final Comparator<DayKey> DAY_ORDER = Comparator.comparing(DayKey::profile)
            .thenComparing(DayKey::day).thenComparing(DayKey::severity).thenComparing(DayKey::entityType)
            .thenComparing(DayKey::detector).thenComparing(DayKey::status);
    private static final Comparator<EntityKey> ENTITY_ORDER = Comparator.comparing(EntityKey::profile)
            .thenComparing(EntityKey::entityType).thenComparing(EntityKey::entityId);
    private static final Comparator<FeedbackKey> FEEDBACK_ORDER = Comparator.comparing(FeedbackKey::profile)
            .thenComparing(FeedbackKey::day);

    /** One entity's change: alerts, money, and the days to widen its range to ({@code null}: no widening). */
    private static final class EntityChange {
        long alerts;
        double money;
        LocalDate first;
        LocalDate last;
    }

    /** The changes one transaction makes to the roll-ups, applied with {@link #apply}. */
    static final class Delta {
        private final Map<DayKey, long[]> daily = new TreeMap<>(DAY_ORDER);
        private final Map<EntityKey, EntityChange> entities = new TreeMap<>(ENTITY_ORDER);
        private final Map<FeedbackKey, long[]> feedback = new TreeMap<>(FEEDBACK_ORDER);

        /** Adds ({@code sign} 1) or removes ({@code -1}) one alert row's contribution. */
        Delta add(Row r, int sign) {
            long[] d = daily.computeIfAbsent(new DayKey(r.profile, r.day, r.severity, r.entityType, r.detector,
                    r.status), k -> new long[5]);
            d[0] += sign;
            if (r.ackMs != null) {
                d[1] += sign * r.ackMs;
                d[2] += sign;
            }
            if (r.resolveMs != null) {
                d[3] += sign * r.resolveMs;
                d[4] += sign;
            }
            EntityChange e = entities.computeIfAbsent(new EntityKey(r.profile, r.entityType, r.entityId),
                    k -> new EntityChange());
            e.alerts += sign;
            e.money += sign * r.money;
            if (sign > 0) {
                e.first = e.first == null || r.day.isBefore(e.first) ? r.day : e.first;
                e.last = e.last == null || r.day.isAfter(e.last) ? r.day : e.last;
            }
            return this;
        }

        /** Counts a label added ({@code labelled} 1), removed (-1) or changed (0) on a day. */
        Delta label(ProfileId profile, LocalDate day, int labelled, int labelledTrue) {
            long[] f = feedback.computeIfAbsent(new FeedbackKey(profile.value(), day), k -> new long[2]);
            f[0] += labelled;
            f[1] += labelledTrue;
            return this;
        }

        /** Writes the changes (upserts in key order) on the transaction's connection. */
        void apply(Connection c, Database db) throws SQLException {
            List<Object[]> dayRows = new ArrayList<>();
            daily.forEach((k, v) -> {
                if (v[0] != 0 || v[1] != 0 || v[2] != 0 || v[3] != 0 || v[4] != 0) {
                    dayRows.add(new Object[] {k.profile, k.day, k.severity, k.entityType, k.detector, k.status, v[0],
                        v[1], v[2], v[3], v[4]});
                }
            });
            List<Object[]> entityRows = new ArrayList<>();
            entities.forEach((k, v) -> {
                if (v.alerts != 0 || v.money != 0 || v.first != null) {
                    entityRows.add(new Object[] {k.profile, k.entityType, k.entityId, v.alerts, v.money, v.first,
                        v.last});
                }
            });
            List<Object[]> feedbackRows = new ArrayList<>();
            feedback.forEach((k, v) -> {
                if (v[0] != 0 || v[1] != 0) {
                    feedbackRows.add(new Object[] {k.profile, k.day, v[0], v[1]});
                }
            });
            upsert(c, db, DAILY, dayRows);
            upsert(c, db, ENTITIES, entityRows);
            upsert(c, db, FEEDBACK, feedbackRows);
        }
    }

    /** A roll-up table: its columns (keys first), PostgreSQL's merge of an existing row, H2's update of one. */
    private record Table(String name, String[] keys, String[] values, String pgMerge, String h2Set) {
        String columns() {
            return String.join(", ", keys) + ", " + String.join(", ", values);
        }

        String keyCondition() {
            return String.join(" = ? AND ", keys) + " = ?";
        }
    }

    private static final Table DAILY = new Table("anomaly_stats_daily",
            new String[] {"profile_id", "period_day", "severity", "entity_type", "detector_type", "status"},
            new String[] {"alerts", "ack_ms", "ack_count", "resolve_ms", "resolve_count"},
            "alerts = s.alerts + EXCLUDED.alerts, ack_ms = s.ack_ms + EXCLUDED.ack_ms, ack_count = s.ack_count + "
                    + "EXCLUDED.ack_count, resolve_ms = s.resolve_ms + EXCLUDED.resolve_ms, resolve_count = "
                    + "s.resolve_count + EXCLUDED.resolve_count",
            "alerts = alerts + ?, ack_ms = ack_ms + ?, ack_count = ack_count + ?, resolve_ms = resolve_ms + ?, "
                    + "resolve_count = resolve_count + ?");
    private static final Table ENTITIES = new Table("anomaly_stats_entities",
            new String[] {"profile_id", "entity_type", "entity_id"},
            new String[] {"alerts", "money", "first_day", "last_day"},
            "alerts = s.alerts + EXCLUDED.alerts, money = s.money + EXCLUDED.money, first_day = LEAST(s.first_day, "
                    + "EXCLUDED.first_day), last_day = GREATEST(s.last_day, EXCLUDED.last_day)",
            // H2's LEAST and GREATEST are NULL when an argument is (PostgreSQL's skip it): a removal widens nothing
            "alerts = alerts + ?, money = money + ?, first_day = LEAST(first_day, COALESCE(CAST(? AS DATE), "
                    + "first_day)), last_day = GREATEST(last_day, COALESCE(CAST(? AS DATE), last_day))");
    private static final Table FEEDBACK = new Table("anomaly_stats_feedback", new String[] {"profile_id", "period_day"},
            new String[] {"labelled", "labelled_true"},
            "labelled = s.labelled + EXCLUDED.labelled, labelled_true = s.labelled_true + EXCLUDED.labelled_true",
            "labelled = labelled + ?, labelled_true = labelled_true + ?");

    private static void upsert(Connection c, Database db, Table t, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (db == Database.POSTGRESQL) {
            int width = t.keys.length + t.values.length;
            String one = "(?" + ",?".repeat(width - 1) + ")";
            for (int from = 0; from < rows.size(); from += ROWS) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS));
                StringBuilder sql = new StringBuilder("INSERT INTO ").append(t.name).append(" AS s (")
                        .append(t.columns()).append(") VALUES ").append(one);
                sql.append((", " + one).repeat(chunk.size() - 1));
                sql.append(" ON CONFLICT (").append(String.join(", ", t.keys)).append(") DO UPDATE SET ")
                        .append(t.pgMerge);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int i = 1;
                    for (Object[] r : chunk) {
                        for (Object v : r) {
                            ps.setObject(i++, v);
                        }
                    }
                    ps.executeUpdate();
                }
            }
            return;
        }
        upsertH2(c, t, rows);
    }

    /**
     * H2: a batch of updates by key; the keys no row has yet are inserted in a batch; a key another transaction
     * inserted meanwhile (the insert fails on the primary key once that one commits) is updated after all.
     */
    private static void upsertH2(Connection c, Table t, List<Object[]> rows) throws SQLException {
        int k = t.keys.length;
        List<Object[]> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.name + " SET " + t.h2Set + " WHERE "
                + t.keyCondition())) {
            for (Object[] r : rows) {
                bindUpdate(ps, t, r);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(rows.get(i));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String insert = "INSERT INTO " + t.name + " (" + t.columns() + ") VALUES (?" + ",?".repeat(
                k + t.values.length - 1) + ")";
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Object[] r : missing) {
                for (int i = 0; i < r.length; i++) {
                    ps.setObject(i + 1, r[i]);
                }
                ps.addBatch();
            }
            try {
                counts = ps.executeBatch();
            } catch (BatchUpdateException e) {
                if (!duplicate(e)) {
                    throw e;
                }
                counts = e.getUpdateCounts();
            }
        }
        for (int i = 0; i < missing.size(); i++) {
            if (i >= counts.length) {
                insertOrUpdate(c, t, insert, missing.get(i));
            } else if (counts[i] == Statement.EXECUTE_FAILED) {
                updateOne(c, t, missing.get(i));
            }
        }
    }

    private static void insertOrUpdate(Connection c, Table t, String insert, Object[] r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (int i = 0; i < r.length; i++) {
                ps.setObject(i + 1, r[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!duplicate(e)) {
                throw e;
            }
            updateOne(c, t, r);
        }
    }

    private static void updateOne(Connection c, Table t, Object[] r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.name + " SET " + t.h2Set + " WHERE "
                + t.keyCondition())) {
            bindUpdate(ps, t, r);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the statistics roll-up row of " + t.name + " vanished while it was updated");
            }
        }
    }

    private static void bindUpdate(PreparedStatement ps, Table t, Object[] r) throws SQLException {
        int k = t.keys.length;
        int i = 1;
        for (int v = 0; v < t.values.length; v++) {
            ps.setObject(i++, r[k + v]);
        }
        for (int v = 0; v < k; v++) {
            ps.setObject(i++, r[v]);
        }
    }

    private static boolean duplicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
