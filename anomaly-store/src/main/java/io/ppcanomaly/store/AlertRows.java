package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** The alert tables' columns and the mapping between a row and a {@link StoredAlert}. Stateless. */
final class AlertRows {

    /** Every column {@code anomaly_alerts} and {@code anomaly_history} share, in table order. */
    static final String ALL_COLUMNS = "id, profile_id, entity_type, entity_id, entity_name, granularity, period, "
            + "first_period, anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, severity_rank, "
            + "detector_type, member_scores, explanation, kpi_changes, root_causes, sequence_data, feature_snapshot, "
            + "sequence_bin, snapshot_bin, money_at_stake, status, acknowledged_by, acknowledged_at, acknowledge_time_minutes, resolved_by, "
            + "resolved_at, resolution_note, resolution_time_minutes, revenue_impact, market_conditions, "
            + "campaign_settings, first_seen, last_seen, detection_timestamp, updated_at, version, incident_id";

    /** What {@link #read} maps, from the live table: the window and raw metrics stay in the database. */
    static final String READ_COLUMNS = "id, profile_id, entity_type, entity_id, entity_name, granularity, period, "
            + "first_period, anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, "
            + "detector_type, member_scores, explanation, kpi_changes, root_causes, money_at_stake, status, "
            + "acknowledged_by, acknowledged_at, resolved_by, resolved_at, resolution_note, revenue_impact, "
            + "market_conditions, campaign_settings, first_seen, last_seen, detection_timestamp, updated_at, version, incident_id";

    /** {@link #READ_COLUMNS} of the live table, with no archive time. */
    static final String LIVE_SELECT = READ_COLUMNS + ", CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS archived_at";

    /** {@link #READ_COLUMNS} of history, with the archive time. */
    static final String HISTORY_SELECT = READ_COLUMNS + ", archived_at";

    private AlertRows() {
    }

    static StoredAlert read(ResultSet rs) throws SQLException {
        double revenue = rs.getDouble("revenue_impact");
        Double revenueImpact = rs.wasNull() ? null : revenue;
        return new StoredAlert(rs.getLong("id"), new ProfileId(rs.getString("profile_id")),
                EntityType.parse(rs.getString("entity_type")), rs.getString("entity_id"), rs.getString("entity_name"),
                Granularity.valueOf(rs.getString("granularity").toUpperCase(Locale.ROOT)),
                period(rs, "period"), period(rs, "first_period"), period(rs, "anomaly_start"),
                rs.getInt("occurrences"), rs.getDouble("anomaly_score"), rs.getDouble("peak_score"),
                rs.getDouble("threshold"), Severity.parse(rs.getString("severity")), rs.getString("detector_type"),
                AlertJson.map(rs.getString("member_scores")), AlertJson.map(rs.getString("explanation")),
                AlertJson.map(rs.getString("kpi_changes")), AlertJson.causes(rs.getString("root_causes")),
                rs.getDouble("money_at_stake"), AlertStatus.parse(rs.getString("status")),
                rs.getString("acknowledged_by"), instant(rs, "acknowledged_at"), rs.getString("resolved_by"),
                instant(rs, "resolved_at"), rs.getString("resolution_note"), revenueImpact,
                rs.getString("market_conditions"), rs.getString("campaign_settings"), instant(rs, "first_seen"),
                instant(rs, "last_seen"), instant(rs, "detection_timestamp"), instant(rs, "updated_at"),
                rs.getLong("version"), instant(rs, "archived_at"), rs.getString("incident_id"));
    }

    static LocalDateTime period(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            // Built from the epoch second: OffsetDateTime.ofInstant asks ZoneOffset.UTC for its rules, and JDK 17
            // builds a new ZoneRules object on every such call (a tenth of a 10,000-alert save's caller CPU).
            ps.setObject(i, OffsetDateTime.of(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(),
                    ZoneOffset.UTC), ZoneOffset.UTC));
        }
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Binds JSON text (or SQL NULL) to a {@link Database#jsonParameter()}. */
    static void setJson(PreparedStatement ps, int i, String json) throws SQLException {
        if (json == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, json);
        }
    }

    /** @return the rank the {@code severity_rank} column sorts by: 0 for low to 3 for critical */
    static int rank(Severity s) {
        return s.ordinal();
    }

    /** @return minutes between two instants, fractional */
    static double minutes(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 60_000.0;
    }
}
