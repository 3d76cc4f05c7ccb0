package io.ppcanomaly.store;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.incident.IncidentRules;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incident table: written in {@link AlertStore#save}'s transaction, read by {@link AlertStore#incidents},
 * {@link AlertStore#incident} and {@link AlertStore#ongoingIncidents}. Every query names the profile. Stateless.
 *
 * <p>A save does the three steps the service documents for a store: each report incident is inserted, or replaces
 * the stored one of the same id whole (a continued incident comes back with the earlier runs' alerts and this
 * run's) unless the stored one reaches a later period (an older report saved late changes nothing); every
 * ongoing incident of the report's granularity that the report did not continue and that is past the grouping
 * gap as of the report's last period ({@link IncidentRules#isOngoing}) is ended.
 */
final class Incidents {

    /** Ids per IN list. */
    private static final int CHUNK = 500;
    static final int MAX_INCIDENT_ID = 64;
    private static final IncidentRules RULES = IncidentGrouper.DEFAULT.rules();

    private static final String COLUMNS = "profile_id, id, incident_profile_id, granularity, kind, root_entity_type, "
            + "root_entity_id, root_entity_name, start_period, last_period, ongoing, peak_severity, severity_rank, "
            + "peak_score, money_at_stake, alert_count, summary, affected, alerts, first_seen, updated_at, version";

    private Incidents() {
    }

    /** What a save did to the incident table. */
    record Saved(int inserted, int replaced, int ended) {
    }

    /**
     * Checks the report's incidents so that a bad one is refused before anything is written.
     *
     * @throws IllegalArgumentException naming the incident, the field and the value
     */
    static void validate(DetectionReport report) {
        for (Incident i : report.incidents()) {
            if (i.id().length() > MAX_INCIDENT_ID) {
                throw new IllegalArgumentException("incident id must be at most " + MAX_INCIDENT_ID
                        + " characters, got '" + i.id() + "'");
            }
            if (i.rootEntityId().isBlank() || i.rootEntityId().length() > Validation.MAX_ID
                    || i.rootEntityName().length() > Validation.MAX_ID) {
                throw new IllegalArgumentException("incident " + i.id() + ": root entity id and name must be 1 to "
                        + Validation.MAX_ID + " characters, got '" + i.rootEntityId() + "'");
            }
            if (i.profileId() != null && i.profileId().length() > ProfileId.MAX_LENGTH) {
                throw new IllegalArgumentException("incident " + i.id() + ": profile id must be at most "
                        + ProfileId.MAX_LENGTH + " characters, got '" + i.profileId() + "'");
            }
        }
    }

    static Saved save(StoreTransaction tx, ProfileId profile, DetectionReport report) throws SQLException {
        Connection c = tx.connection();
        Granularity g = report.granularity();
        Map<String, Incident> incoming = new LinkedHashMap<>();
        report.incidents().forEach(i -> incoming.put(i.id(), i));
        Map<String, StoredIncident> stored = byIds(c, profile, new ArrayList<>(incoming.keySet()));
        List<Incident> inserts = new ArrayList<>();
        List<StoredIncident> replaces = new ArrayList<>();
        for (Incident i : incoming.values()) {
            StoredIncident s = stored.get(i.id());
            if (s == null) {
                inserts.add(i);
            } else if (!i.lastPeriod().isBefore(s.incident().lastPeriod()) && !i.equals(s.incident())) {
                replaces.add(new StoredIncident(profile, g, i, s.firstSeen(), tx.now(), s.version()));
            }
        }
        insert(tx, profile, g, inserts);
        replace(tx, replaces);
        int ended = end(tx, profile, report, incoming.keySet());
        return new Saved(inserts.size(), replaces.size(), ended);
    }

    private static void insert(StoreTransaction tx, ProfileId profile, Granularity g, List<Incident> incidents)
            throws SQLException {
        if (incidents.isEmpty()) {
            return;
        }
        String j = tx.database().jsonParameter();
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO anomaly_incidents (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + j + ", " + j + ", ?, ?, 0)")) {
            for (Incident i : incidents) {
                ps.setString(1, profile.value());
                ps.setString(2, i.id());
                int k = bindDetails(ps, 3, g, i);
                AlertRows.setInstant(ps, k++, tx.now());
                AlertRows.setInstant(ps, k, tx.now());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            throw conflictOr(e);
        } catch (SQLException e) {
            throw conflictOr(e);
        }
    }

    /** Binds incident_profile_id … alerts; @return the next index */
    private static int bindDetails(PreparedStatement ps, int k, Granularity g, Incident i) throws SQLException {
        ps.setString(k++, i.profileId());
        ps.setString(k++, g.name().toLowerCase(Locale.ROOT));
        ps.setString(k++, i.kind() == null ? null : i.kind().wireName());
        ps.setString(k++, i.rootEntityType().wireName());
        ps.setString(k++, i.rootEntityId());
        ps.setString(k++, i.rootEntityName());
        ps.setObject(k++, i.start());
        ps.setObject(k++, i.lastPeriod());
        ps.setBoolean(k++, i.ongoing());
        ps.setString(k++, i.peakSeverity().wireName());
        ps.setInt(k++, AlertRows.rank(i.peakSeverity()));
        ps.setDouble(k++, i.peakScore());
        ps.setDouble(k++, i.moneyAtStake());
        ps.setInt(k++, i.alertCount());
        ps.setString(k++, i.summary());
        AlertRows.setJson(ps, k++, IncidentJson.affected(i.affected()));
        AlertRows.setJson(ps, k++, IncidentJson.alerts(i.alerts()));
        return k;
    }

    private static void replace(StoreTransaction tx, List<StoredIncident> incidents) throws SQLException {
        if (incidents.isEmpty()) {
            return;
        }
        String j = tx.database().jsonParameter();
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_incidents SET "
                + "incident_profile_id = ?, granularity = ?, kind = ?, root_entity_type = ?, root_entity_id = ?, "
                + "root_entity_name = ?, start_period = ?, last_period = ?, ongoing = ?, peak_severity = ?, "
                + "severity_rank = ?, peak_score = ?, money_at_stake = ?, alert_count = ?, summary = ?, affected = " + j
                + ", alerts = " + j + ", updated_at = ?, version = version + 1 WHERE profile_id = ? AND id = ?")) {
            for (StoredIncident s : incidents) {
                int k = bindDetails(ps, 1, s.granularity(), s.incident());
                AlertRows.setInstant(ps, k++, s.updatedAt());
                ps.setString(k++, s.profile().value());
                ps.setString(k, s.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Ends the ongoing incidents the report did not continue and that are past the gap; @return how many */
    private static int end(StoreTransaction tx, ProfileId profile, DetectionReport report, Set<String> continued)
            throws SQLException {
        Granularity g = report.granularity();
        List<String> ended = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT id, last_period FROM anomaly_incidents "
                + "WHERE profile_id = ? AND ongoing AND granularity = ?")) {
            ps.setString(1, profile.value());
            ps.setString(2, g.name().toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    LocalDateTime last = AlertRows.period(rs, "last_period");
                    if (!continued.contains(id) && !RULES.isOngoing(last, report.asOf(), g)) {
                        ended.add(id);
                    }
                }
            }
        }
        if (ended.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_incidents SET ongoing = FALSE, "
                + "updated_at = ?, version = version + 1 WHERE profile_id = ? AND id = ? AND ongoing")) {
            for (String id : ended) {
                AlertRows.setInstant(ps, 1, tx.now());
                ps.setString(2, profile.value());
                ps.setString(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ended.size();
    }

    /** @return the stored incidents with these ids, locked for the save */
    private static Map<String, StoredIncident> byIds(Connection c, ProfileId profile, List<String> ids)
            throws SQLException {
        Map<String, StoredIncident> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM anomaly_incidents WHERE "
                    + "profile_id = ? AND id IN (?" + ",?".repeat(chunk.size() - 1) + ") FOR UPDATE")) {
                ps.setString(1, profile.value());
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredIncident s = read(rs);
                        out.put(s.id(), s);
                    }
                }
            }
        }
        return out;
    }

    static StoredIncident read(ResultSet rs) throws SQLException {
        String kindOrNull = rs.getString("kind");
        Incident i = Incident.of(rs.getString("id"), rs.getString("incident_profile_id"),
                EntityType.parse(rs.getString("root_entity_type")), rs.getString("root_entity_id"),
                rs.getString("root_entity_name"), IncidentJson.affected(rs.getString("affected")),
                IncidentJson.alerts(rs.getString("alerts")), rs.getBoolean("ongoing"));
        if (kindOrNull != null && (i.kind() == null || !i.kind().wireName().equals(kindOrNull))) {
            throw new IllegalStateException("incident " + i.id() + " is stored with kind " + kindOrNull
                    + " but its alerts give " + i.kind());
        }
        return new StoredIncident(new ProfileId(rs.getString("profile_id")),
                Granularity.valueOf(rs.getString("granularity").toUpperCase(Locale.ROOT)), i,
                AlertRows.instant(rs, "first_seen"), AlertRows.instant(rs, "updated_at"), rs.getLong("version"));
    }

    /** @return the profile's ongoing incidents, oldest last period first */
    static List<Incident> ongoing(Connection c, ProfileId profile) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM anomaly_incidents WHERE "
                + "profile_id = ? AND ongoing ORDER BY last_period, id")) {
            ps.setString(1, profile.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs).incident());
                }
            }
        }
        return out;
    }

    static IncidentPage list(Connection c, ProfileId profile, IncidentFilter f, Page page) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM anomaly_incidents WHERE profile_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(profile.value());
        if (f.ongoing() != null) {
            sql.append(f.ongoing() ? " AND ongoing" : " AND NOT ongoing");
        }
        if (f.minSeverity() != null) {
            sql.append(" AND severity_rank >= ?");
            args.add(AlertRows.rank(f.minSeverity()));
        }
        if (f.kind() != null) {
            sql.append(" AND kind = ?");
            args.add(f.kind().wireName());
        }
        if (f.since() != null) {
            sql.append(" AND last_period >= ?");
            args.add(f.since());
        }
        sql.append(" ORDER BY last_period DESC, severity_rank DESC, money_at_stake DESC, id LIMIT ? OFFSET ?");
        args.add(page.limit() + 1);
        args.add(page.offset());
        List<StoredIncident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        boolean more = out.size() > page.limit();
        return new IncidentPage(more ? out.subList(0, page.limit()) : out, page, more);
    }

    /** @return the incident and the stored alerts (live or archived) covering its alerted periods */
    static Optional<IncidentDetail> detail(Connection c, ProfileId profile, String id) throws SQLException {
        StoredIncident s = byId(c, profile, id);
        if (s == null) {
            return Optional.empty();
        }
        Map<EntityType, Map<String, List<LocalDateTime>>> periods = new LinkedHashMap<>();
        for (IncidentAlert a : s.incident().alerts()) {
            periods.computeIfAbsent(a.entityType(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(a.entityId(), e -> new ArrayList<>()).add(a.period());
        }
        List<StoredAlert> alerts = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Map.Entry<EntityType, Map<String, List<LocalDateTime>>> e : periods.entrySet()) {
            List<String> ids = new ArrayList<>(e.getValue().keySet());
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                for (String table : new String[] {"anomaly_alerts", "anomaly_history"}) {
                    String select = table.equals("anomaly_alerts") ? AlertRows.LIVE_SELECT : AlertRows.HISTORY_SELECT;
                    try (PreparedStatement ps = c.prepareStatement("SELECT " + select + " FROM " + table
                            + " WHERE profile_id = ? AND entity_type = ? AND entity_id IN (?"
                            + ",?".repeat(chunk.size() - 1) + ")")) {
                        ps.setString(1, profile.value());
                        ps.setString(2, e.getKey().wireName());
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setString(i + 3, chunk.get(i));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                StoredAlert a = AlertRows.read(rs);
                                if (a.granularity() == s.granularity() && covers(a, e.getValue().get(a.entityId()))
                                        && seen.add(a.id())) {
                                    alerts.add(a);
                                }
                            }
                        }
                    }
                }
            }
        }
        alerts.sort(Comparator.comparing(StoredAlert::severity).reversed()
                .thenComparing(Comparator.comparingDouble(StoredAlert::moneyAtStake).reversed())
                .thenComparingLong(StoredAlert::id));
        return Optional.of(new IncidentDetail(s, alerts));
    }

    private static boolean covers(StoredAlert a, List<LocalDateTime> periods) {
        for (LocalDateTime p : periods) {
            if (!p.isBefore(a.firstPeriod()) && !p.isAfter(a.period())) {
                return true;
            }
        }
        return false;
    }

    private static StoredIncident byId(Connection c, ProfileId profile, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM anomaly_incidents WHERE "
                + "profile_id = ? AND id = ?")) {
            ps.setString(1, profile.value());
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static SQLException conflictOr(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                throw new AlertConflictException(-1, -1, -1, "a concurrent save of the same profile stored some of "
                        + "these incidents first: nothing was saved; saving the report again stores only what is new");
            }
        }
        return e;
    }
}
