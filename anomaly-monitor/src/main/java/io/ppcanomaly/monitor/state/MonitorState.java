package io.ppcanomaly.monitor.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.OngoingAnomaly;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The monitor's live state and ledger tables ({@code anomaly_monitor_state}, {@code anomaly_monitor_periods}), read
 * and written inside store transactions: a run advances the watermark, stores the learnt model and records the
 * periods it judged in the same transaction as its alerts. Stateless; every method names the profile through the
 * transaction's tenant.
 */
public final class MonitorState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitorState() {
    }

    /** @return the watermark of a level, without the model bytes */
    public static Optional<Watermark> watermark(StoreTransaction tx, EntityType level) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT model_version_id, judged_through, "
                + "revision, updated_at FROM anomaly_monitor_state WHERE profile_id = ? AND entity_type = ?")) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, level.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(watermark(rs, tx.profile(), level)) : Optional.empty();
            }
        }
    }

    /** @return the whole live state of a level */
    public static Optional<StoredLiveState> read(StoreTransaction tx, EntityType level) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT model_version_id, judged_through, "
                + "revision, updated_at, live_model, ongoing FROM anomaly_monitor_state WHERE profile_id = ? "
                + "AND entity_type = ?")) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, level.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Watermark w = watermark(rs, tx.profile(), level);
                return Optional.of(new StoredLiveState(w, rs.getBytes("live_model"),
                        ongoing(rs.getString("ongoing"), w.judgedThrough())));
            }
        }
    }

    /**
     * Writes a level's live state, compare-and-set on the revision read before.
     *
     * @param expectedRevision the revision the writer started from, or -1 when it found no state
     * @return the new revision
     * @throws StateConflictException when the state moved since (another writer): the caller's transaction must roll
     *                                back
     */
    public static long write(StoreTransaction tx, EntityType level, long expectedRevision, long modelVersionId,
                             LocalDateTime judgedThrough, byte[] model, Map<String, OngoingAnomaly> ongoing)
            throws SQLException {
        String json = ongoingJson(ongoing);
        if (expectedRevision < 0) {
            if (watermark(tx, level).isPresent()) {
                throw conflict(tx.profile(), level, "exists already");
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO anomaly_monitor_state "
                    + "(profile_id, entity_type, model_version_id, judged_through, live_model, ongoing, revision, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, " + tx.database().jsonParameter() + ", 0, ?)")) {
                ps.setString(1, tx.profile().value());
                ps.setString(2, level.wireName());
                ps.setLong(3, modelVersionId);
                ps.setObject(4, judgedThrough);
                ps.setBytes(5, model);
                ps.setString(6, json);
                Sql.setInstant(ps, 7, tx.now());
                ps.executeUpdate();
            }
            return 0;
        }
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_monitor_state SET "
                + "model_version_id = ?, judged_through = ?, live_model = ?, ongoing = " + tx.database().jsonParameter()
                + ", revision = revision + 1, updated_at = ? WHERE profile_id = ? AND entity_type = ? AND revision = ?")) {
            ps.setLong(1, modelVersionId);
            ps.setObject(2, judgedThrough);
            ps.setBytes(3, model);
            ps.setString(4, json);
            Sql.setInstant(ps, 5, tx.now());
            ps.setString(6, tx.profile().value());
            ps.setString(7, level.wireName());
            ps.setLong(8, expectedRevision);
            if (ps.executeUpdate() != 1) {
                throw conflict(tx.profile(), level, "is no longer at revision " + expectedRevision);
            }
        }
        return expectedRevision + 1;
    }

    /**
     * Records periods judged in the ledger. A period already there fails the insert (its primary key): a period is
     * judged once.
     */
    public static void recordPeriods(StoreTransaction tx, EntityType level, long modelVersionId,
                                     Map<LocalDateTime, Long> windows, Map<LocalDateTime, Integer> alerts)
            throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO anomaly_monitor_periods (profile_id, "
                + "entity_type, period, model_version_id, windows_scored, alerts, judged_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<LocalDateTime, Long> e : windows.entrySet()) {
                ps.setString(1, tx.profile().value());
                ps.setString(2, level.wireName());
                ps.setObject(3, e.getKey());
                ps.setLong(4, modelVersionId);
                ps.setLong(5, e.getValue());
                ps.setInt(6, alerts.getOrDefault(e.getKey(), 0));
                Sql.setInstant(ps, 7, tx.now());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return what the ledger holds for periods in [{@code from}, {@code to}] */
    public static LedgerTotals totals(StoreTransaction tx, EntityType level, LocalDateTime from, LocalDateTime to)
            throws SQLException {
        Set<LocalDateTime> periods = new HashSet<>();
        long windows = 0;
        long alerts = 0;
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT period, windows_scored, alerts FROM "
                + "anomaly_monitor_periods WHERE profile_id = ? AND entity_type = ? AND period >= ? AND period <= ?")) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, level.wireName());
            ps.setObject(3, from);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    periods.add(Sql.period(rs, "period"));
                    windows += rs.getLong("windows_scored");
                    alerts += rs.getInt("alerts");
                }
            }
        }
        return new LedgerTotals(periods, windows, alerts);
    }

    /** Deletes ledger rows of periods before {@code cutoff}; @return rows deleted */
    public static int deleteLedgerBefore(StoreTransaction tx, LocalDateTime cutoff) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("DELETE FROM anomaly_monitor_periods WHERE "
                + "profile_id = ? AND period < ?")) {
            ps.setString(1, tx.profile().value());
            ps.setObject(2, cutoff);
            return ps.executeUpdate();
        }
    }

    private static Watermark watermark(ResultSet rs, ProfileId profile, EntityType level) throws SQLException {
        return new Watermark(profile, level, rs.getLong("model_version_id"), Sql.period(rs, "judged_through"),
                rs.getLong("revision"), Sql.instant(rs, "updated_at"));
    }

    private static StateConflictException conflict(ProfileId profile, EntityType level, String what) {
        return new StateConflictException("the monitor state of profile " + profile + ", level " + level.wireName()
                + " " + what + ": another monitor instance ran it meanwhile; nothing of this run was written, and the "
                + "next run continues from the newer state");
    }

    /** @return ongoing anomalies as JSON: {@code {"kw-1": ["2026-03-01T00:00", "2026-03-03T00:00", 0.9991]}} */
    static String ongoingJson(Map<String, OngoingAnomaly> ongoing) {
        ObjectNode o = JSON.createObjectNode();
        for (Map.Entry<String, OngoingAnomaly> e : new TreeMap<>(ongoing).entrySet()) {
            ArrayNode a = o.putArray(e.getKey());
            a.add(e.getValue().start().toString());
            a.add(e.getValue().last().toString());
            a.add(e.getValue().peakScore());
        }
        return o.toString();
    }

    static Map<String, OngoingAnomaly> ongoing(String json, LocalDateTime judgedThrough) {
        try {
            JsonNode o = JSON.readTree(json);
            Map<String, OngoingAnomaly> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = e.getValue();
                out.put(e.getKey(), new OngoingAnomaly(LocalDateTime.parse(a.get(0).asText()),
                        LocalDateTime.parse(a.get(1).asText()), a.get(2).asDouble()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("stored ongoing anomalies must be JSON, got '" + json + "'", e);
        }
    }
}
