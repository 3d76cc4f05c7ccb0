package io.ppcanomaly.store;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AlertStore#save}: a report's alerts in one transaction, idempotent, consecutive periods continuing the
 * entity's active alert. Thread-safe (each call works on its own transaction).
 */
final class AlertSaver {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSaver.class);
    /** Entity ids per IN list when looking up what the store holds. */
    private static final int CHUNK = 500;

    private final Transactions transactions;
    private final List<SaveHook> hooks;

    AlertSaver(Transactions transactions, List<SaveHook> hooks) {
        this.transactions = transactions;
        this.hooks = hooks;
    }

    private record EntityKey(EntityType type, String id) {
    }

    /** What the store holds of one entity: the periods its alerts cover, and its latest alert. */
    private static final class Known {
        final List<LocalDateTime[]> covered = new ArrayList<>();
        AlertDraft latest;
        StoredAlert latestStored;

        boolean covers(LocalDateTime p) {
            for (LocalDateTime[] r : covered) {
                if (!p.isBefore(r[0]) && !p.isAfter(r[1])) {
                    return true;
                }
            }
            return false;
        }
    }

    SaveResult save(ProfileId profile, DetectionReport report, SaveHook extra) {
        Validation.alerts(report.alerts());
        Incidents.validate(report);
        Map<AlertRef, Incident> incidentOf = report.incidentsByAlert();
        List<Alert> alerts = new ArrayList<>(report.alerts());
        alerts.sort(Comparator.comparing(Alert::period).thenComparing(a -> a.entityType().ordinal())
                .thenComparing(Alert::entityId));
        String action = "save " + alerts.size() + " alerts of profile " + profile;
        AlertEncoding encoding = AlertEncoding.start(alerts);
        try {
            return save(profile, report, extra, alerts, incidentOf, action, encoding);
        } finally {
            encoding.cancel();
        }
    }

    private SaveResult save(ProfileId profile, DetectionReport report, SaveHook extra, List<Alert> alerts,
                            Map<AlertRef, Incident> incidentOf, String action, AlertEncoding encoding) {
        return transactions.run(profile, action, tx -> {
            Connection c = tx.connection();
            Map<EntityKey, Known> known = load(c, tx.database(), profile, alerts);
            Granularity g = report.granularity();
            Instant now = tx.now();
            List<AlertDraft> opened = new ArrayList<>();
            Map<Long, AlertDraft> continued = new LinkedHashMap<>();
            int already = 0;
            for (Alert a : alerts) {
                Known k = known.computeIfAbsent(new EntityKey(a.entityType(), a.entityId()), x -> new Known());
                if (k.covers(a.period())) {
                    already++;
                    continue;
                }
                AlertDraft latest = k.latest;
                if (latest == null && k.latestStored != null && k.latestStored.status().isActive()
                        && k.latestStored.granularity() == g) {
                    latest = AlertDraft.of(k.latestStored);
                }
                if (latest != null && latest.granularity == g && g.plus(latest.period, 1).equals(a.period())) {
                    latest.continueWith(a, now);
                    latest.incidentId = incidentId(incidentOf, a);
                    extend(k, latest.firstPeriod, a.period());
                    k.latest = latest;
                    if (latest.base != null) {
                        continued.put(latest.id, latest);
                    }
                } else {
                    AlertDraft d = AlertDraft.open(profile, g, a, now);
                    d.incidentId = incidentId(incidentOf, a);
                    opened.add(d);
                    k.covered.add(new LocalDateTime[] {a.period(), a.period()});
                    if (latest == null || a.period().isAfter(latest.period)) {
                        k.latest = d;
                    }
                }
            }
            insert(tx, opened, encoding);
            StatsRollup.Delta stats = new StatsRollup.Delta();
            for (AlertDraft d : opened) {
                stats.add(new StatsRollup.Row(profile.value(), d.firstPeriod.toLocalDate(), d.severity.wireName(),
                        d.entityType.wireName(), d.entityId, d.detector, AlertStatus.OPEN.wireName(), null, null,
                        d.money * d.occurrences), 1);
            }
            List<Long> continuedIds = new ArrayList<>(continued.keySet());
            for (StatsRollup.Row r : StatsRollup.live(c, profile, continuedIds)) {
                stats.add(r, -1);
            }
            update(tx, continued.values(), encoding);
            for (StatsRollup.Row r : StatsRollup.live(c, profile, continuedIds)) {
                stats.add(r, 1);
            }
            stats.apply(c, tx.database());
            Incidents.Saved incidents = Incidents.save(tx, profile, report);
            List<StoredAlert> openedOut = new ArrayList<>(opened.size());
            for (AlertDraft d : opened) {
                openedOut.add(d.toStored(0, now));
            }
            List<StoredAlert> continuedOut = new ArrayList<>();
            List<StoredAlert> escalatedOut = new ArrayList<>();
            for (AlertDraft d : continued.values()) {
                StoredAlert s = d.toStored(d.base.version() + 1, now);
                continuedOut.add(s);
                if (d.escalated) {
                    escalatedOut.add(s);
                }
            }
            SaveResult result = new SaveResult(profile, report, openedOut, continuedOut, escalatedOut, already);
            for (SaveHook h : hooks) {
                h.afterSave(tx, result);
            }
            if (extra != null) {
                extra.afterSave(tx, result);
            }
            LOG.debug("Saved profile {}: {} opened, {} continued ({} escalated), {} already stored; incidents {} new, "
                    + "{} continued, {} ended", profile, openedOut.size(), continuedOut.size(), escalatedOut.size(),
                    already, incidents.inserted(), incidents.replaced(), incidents.ended());
            return result;
        });
    }

    private static String incidentId(Map<AlertRef, Incident> incidentOf, Alert a) {
        Incident i = incidentOf.get(new AlertRef(a.entityType(), a.entityId(), a.period()));
        return i == null ? null : i.id();
    }

    private static void extend(Known k, LocalDateTime first, LocalDateTime last) {
        for (LocalDateTime[] r : k.covered) {
            if (r[0].equals(first)) {
                r[1] = last;
                return;
            }
        }
        k.covered.add(new LocalDateTime[] {first, last});
    }

    /**
     * Reads the live and archived alerts of the report's entities: on PostgreSQL every id of a level in one array
     * parameter (one statement text, planned once, probing the entity index per id); on H2 in IN lists of
     * {@value #CHUNK}.
     */
    private static Map<EntityKey, Known> load(Connection c, Database db, ProfileId profile, List<Alert> alerts)
            throws SQLException {
        Map<EntityType, List<String>> ids = new LinkedHashMap<>();
        Map<EntityKey, Known> out = new HashMap<>();
        for (Alert a : alerts) {
            if (out.putIfAbsent(new EntityKey(a.entityType(), a.entityId()), new Known()) == null) {
                ids.computeIfAbsent(a.entityType(), t -> new ArrayList<>()).add(a.entityId());
            }
        }
        boolean array = db == Database.POSTGRESQL;
        for (Map.Entry<EntityType, List<String>> e : ids.entrySet()) {
            List<String> all = e.getValue();
            int step = array ? all.size() : CHUNK;
            for (int from = 0; from < all.size(); from += step) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + step));
                String in = array ? "entity_id = ANY(CAST(? AS text[]))"
                        : "entity_id IN (?" + ",?".repeat(chunk.size() - 1) + ")";
                try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.LIVE_SELECT
                        + " FROM anomaly_alerts WHERE profile_id = ? AND entity_type = ? AND " + in)) {
                    bind(ps, profile, e.getKey(), chunk, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StoredAlert s = AlertRows.read(rs);
                            Known k = out.get(new EntityKey(s.entityType(), s.entityId()));
                            k.covered.add(new LocalDateTime[] {s.firstPeriod(), s.period()});
                            if (k.latestStored == null || s.period().isAfter(k.latestStored.period())) {
                                k.latestStored = s;
                            }
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT entity_id, first_period, period FROM "
                        + "anomaly_history WHERE profile_id = ? AND entity_type = ? AND " + in)) {
                    bind(ps, profile, e.getKey(), chunk, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.get(new EntityKey(e.getKey(), rs.getString(1))).covered.add(new LocalDateTime[] {
                                AlertRows.period(rs, "first_period"), AlertRows.period(rs, "period")});
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, ProfileId profile, EntityType type, List<String> ids,
                             boolean array) throws SQLException {
        ps.setString(1, profile.value());
        ps.setString(2, type.wireName());
        if (array) {
            ps.setArray(3, ps.getConnection().createArrayOf("text", ids.toArray()));
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            ps.setString(3 + i, ids.get(i));
        }
    }

    private static final String INSERT_COLUMNS = "profile_id, entity_type, entity_id, entity_name, granularity, "
            + "period, first_period, anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, "
            + "severity_rank, detector_type, member_scores, explanation, kpi_changes, root_causes, sequence_bin, "
            + "snapshot_bin, money_at_stake, status, first_seen, last_seen, detection_timestamp, updated_at, "
            + "version, incident_id";

    /** Rows per multi-row INSERT on PostgreSQL: 29 parameters each, far below the protocol's 32,767. */
    static final int INSERT_ROWS = 250;

    private static String valuesRow(String j) {
        return "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + j + ", " + j + ", " + j + ", " + j
                + ", ?, ?, ?, 'open', ?, ?, ?, ?, 0, ?)";
    }

    private static void insert(StoreTransaction tx, List<AlertDraft> drafts, AlertEncoding enc)
            throws SQLException {
        if (drafts.isEmpty()) {
            return;
        }
        try {
            if (tx.database() == Database.POSTGRESQL) {
                insertRows(tx.connection(), drafts, enc);
            } else {
                insertBatch(tx, drafts, enc);
            }
        } catch (SQLException e) {
            throw conflictOr(e);
        }
    }

    /**
     * PostgreSQL: the new alerts' ids reserved from the identity's sequence in one statement, in the order the
     * alerts are written (as the identity would number them), then multi-row INSERTs of {@link #INSERT_ROWS}
     * alerts sent as one JDBC batch: with nothing to return, the driver streams statement k + 1 while the server
     * executes statement k, instead of a round trip each. One statement per alert cost about 0.1 ms of server time
     * per alert in executor start-up alone (StoreRun: 10,000 alerts).
     */
    private static void insertRows(Connection c, List<AlertDraft> drafts, AlertEncoding enc) throws SQLException {
        reserveIds(c, drafts);
        String row = "(?, " + valuesRow(Database.POSTGRESQL.jsonParameter()).substring(1);
        int full = drafts.size() / INSERT_ROWS;
        if (full > 0) {
            insertChunks(c, row, drafts.subList(0, full * INSERT_ROWS), INSERT_ROWS, enc);
        }
        if (drafts.size() > full * INSERT_ROWS) {
            insertChunks(c, row, drafts.subList(full * INSERT_ROWS, drafts.size()), drafts.size() - full * INSERT_ROWS,
                    enc);
        }
    }

    private static void reserveIds(Connection c, List<AlertDraft> drafts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval(pg_get_serial_sequence('anomaly_alerts', "
                + "'id')) FROM generate_series(1, ?)")) {
            ps.setInt(1, drafts.size());
            long[] ids = new long[drafts.size()];
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == ids.length) {
                        throw new SQLException("the id sequence returned more than the " + ids.length + " ids asked");
                    }
                    ids[n++] = rs.getLong(1);
                }
            }
            if (n != ids.length) {
                throw new SQLException("the id sequence returned " + n + " ids for " + ids.length + " alerts");
            }
            Arrays.sort(ids);
            for (int i = 0; i < ids.length; i++) {
                drafts.get(i).id = ids[i];
            }
        }
    }

    /** Inserts {@code drafts} (ids assigned) {@code rows} per statement, every statement one entry of a batch. */
    private static void insertChunks(Connection c, String row, List<AlertDraft> drafts, int rows, AlertEncoding enc)
            throws SQLException {
        StringBuilder sql = new StringBuilder(64 + rows * (row.length() + 2))
                .append("INSERT INTO anomaly_alerts (id, ").append(INSERT_COLUMNS).append(") VALUES ").append(row);
        for (int k = 1; k < rows; k++) {
            sql.append(", ").append(row);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int from = 0; from < drafts.size(); from += rows) {
                int i = 1;
                for (AlertDraft d : drafts.subList(from, from + rows)) {
                    ps.setLong(i++, d.id);
                    i = bindInsert(ps, i, d, enc);
                }
                ps.addBatch();
            }
            int[] counts;
            try {
                counts = ps.executeBatch();
            } catch (BatchUpdateException e) {
                throw conflictOr(e);
            }
            for (int n : counts) {
                if (n != rows && n != Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("a statement inserting " + rows + " alerts inserted " + n);
                }
            }
        }
    }

    /** H2: one batched statement per alert, the generated ids in order. */
    private static void insertBatch(StoreTransaction tx, List<AlertDraft> drafts, AlertEncoding enc)
            throws SQLException {
        String sql = "INSERT INTO anomaly_alerts (" + INSERT_COLUMNS + ") VALUES "
                + valuesRow(tx.database().jsonParameter());
        try (PreparedStatement ps = tx.connection().prepareStatement(sql, new String[] {"id"})) {
            for (AlertDraft d : drafts) {
                bindInsert(ps, 1, d, enc);
                ps.addBatch();
            }
            try {
                ps.executeBatch();
            } catch (BatchUpdateException e) {
                throw conflictOr(e);
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                for (AlertDraft d : drafts) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned fewer generated ids than alerts inserted ("
                                + drafts.size() + ")");
                    }
                    d.id = keys.getLong(1);
                }
            }
        }
    }

    /** Binds one alert's row of the INSERT from parameter {@code i}; @return the next parameter index */
    private static int bindInsert(PreparedStatement ps, int i, AlertDraft d, AlertEncoding enc)
            throws SQLException {
        ps.setString(i++, d.profile.value());
        ps.setString(i++, d.entityType.wireName());
        ps.setString(i++, d.entityId);
        ps.setString(i++, d.entityName);
        ps.setString(i++, d.granularity.name().toLowerCase(Locale.ROOT));
        ps.setObject(i++, d.period);
        ps.setObject(i++, d.firstPeriod);
        ps.setObject(i++, d.anomalyStart);
        i = details(ps, i, d, enc);
        AlertRows.setInstant(ps, i++, d.firstSeen);
        AlertRows.setInstant(ps, i++, d.lastSeen);
        AlertRows.setInstant(ps, i++, d.detectionTimestamp);
        AlertRows.setInstant(ps, i++, d.lastSeen);
        ps.setString(i++, d.incidentId);
        return i;
    }

    /** Binds occurrences … money_at_stake (the columns a continuation rewrites); @return the next index */
    private static int details(PreparedStatement ps, int i, AlertDraft d, AlertEncoding enc) throws SQLException {
        AlertEncoding.Encoded e = d.source != null ? enc.get(d.source) : AlertEncoding.Encoded.of(d);
        ps.setInt(i++, d.occurrences);
        ps.setDouble(i++, d.score);
        ps.setDouble(i++, d.peakScore);
        ps.setDouble(i++, d.threshold);
        ps.setString(i++, d.severity.wireName());
        ps.setInt(i++, AlertRows.rank(d.severity));
        ps.setString(i++, d.detector);
        AlertRows.setJson(ps, i++, e.memberScores());
        AlertRows.setJson(ps, i++, e.explanation());
        AlertRows.setJson(ps, i++, e.kpiChanges());
        AlertRows.setJson(ps, i++, e.causes());
        ps.setBytes(i++, e.window());
        ps.setBytes(i++, e.metrics());
        ps.setDouble(i++, d.money);
        return i;
    }

    private static void update(StoreTransaction tx, Iterable<AlertDraft> drafts, AlertEncoding enc)
            throws SQLException {
        List<AlertDraft> list = new ArrayList<>();
        drafts.forEach(list::add);
        if (list.isEmpty()) {
            return;
        }
        String j = tx.database().jsonParameter();
        String sql = "UPDATE anomaly_alerts SET occurrences = ?, anomaly_score = ?, peak_score = ?, threshold = ?, "
                + "severity = ?, severity_rank = ?, detector_type = ?, member_scores = " + j + ", explanation = " + j
                + ", kpi_changes = " + j + ", root_causes = " + j + ", sequence_bin = ?, snapshot_bin = ?, "
                + "sequence_data = NULL, feature_snapshot = NULL, money_at_stake = ?, entity_name = ?, period = ?, last_seen = ?, detection_timestamp = ?, "
                + "updated_at = ?, incident_id = ?, version = version + 1 WHERE profile_id = ? AND id = ? AND version = ?";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            for (AlertDraft d : list) {
                int i = details(ps, 1, d, enc);
                ps.setString(i++, d.entityName);
                ps.setObject(i++, d.period);
                AlertRows.setInstant(ps, i++, d.lastSeen);
                AlertRows.setInstant(ps, i++, d.detectionTimestamp);
                AlertRows.setInstant(ps, i++, d.lastSeen);
                ps.setString(i++, d.incidentId);
                ps.setString(i++, d.profile.value());
                ps.setLong(i++, d.id);
                ps.setLong(i, d.base.version());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 0) {
                    AlertDraft d = list.get(k);
                    throw new AlertConflictException(d.id, d.base.version(), -1, "alert " + d.id + " of profile "
                            + d.profile + " changed while this save continued it (version " + d.base.version()
                            + " is gone): nothing was saved; save the report again");
                }
            }
        }
    }

    private static SQLException conflictOr(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                throw new AlertConflictException(-1, -1, -1, "a concurrent save of the same profile stored some of "
                        + "these alerts first: nothing was saved; saving the report again stores only what is new");
            }
        }
        return e;
    }
}
