package io.ppcanomaly.store;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Feedback: a person's label on an alert becomes (or replaces) its row in {@code anomaly_training_data}, with
 * the window and raw metrics the detector saw, copied from the alert. Stateless.
 */
final class Feedback {

    private static final String COLUMNS = "id, profile_id, alert_id, entity_type, entity_id, period, detector_type, "
            + "sequence_data, feature_snapshot, sequence_bin, snapshot_bin, is_true_anomaly, predicted_score, was_correctly_classified, "
            + "labelled_by, labelled_at";

    private Feedback() {
    }

    static TrainingExample label(StoreTransaction tx, long alertId, boolean trueAnomaly, String who)
            throws SQLException {
        Connection c = tx.connection();
        ProfileId profile = tx.profile();
        String j = tx.database().jsonParameter();
        String copy = "entity_type, entity_id, period, detector_type, anomaly_score, sequence_data, feature_snapshot, "
                + "sequence_bin, snapshot_bin";
        Object[] alert = null;
        for (String table : new String[] {"anomaly_alerts", "anomaly_history"}) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + copy + " FROM " + table
                    + " WHERE profile_id = ? AND id = ?")) {
                ps.setString(1, profile.value());
                ps.setLong(2, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        alert = new Object[] {rs.getString(1), rs.getString(2), AlertRows.period(rs, "period"),
                            rs.getString(4), rs.getDouble(5), rs.getString(6), rs.getString(7), rs.getBytes(8),
                            rs.getBytes(9)};
                        break;
                    }
                }
            }
        }
        if (alert == null) {
            throw new AlertNotFoundException(profile, alertId);
        }
        Boolean before = null;
        LocalDateTime labelledPeriod = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT is_true_anomaly, period FROM anomaly_training_data "
                + "WHERE profile_id = ? AND alert_id = ? FOR UPDATE")) {
            ps.setString(1, profile.value());
            ps.setLong(2, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    before = rs.getBoolean(1);
                    labelledPeriod = AlertRows.period(rs, "period");
                }
            }
        }
        StatsRollup.Delta stats = new StatsRollup.Delta();
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE anomaly_training_data SET is_true_anomaly = ?, "
                + "was_correctly_classified = ?, labelled_by = ?, labelled_at = ? WHERE profile_id = ? AND alert_id = ?")) {
            ps.setBoolean(1, trueAnomaly);
            ps.setBoolean(2, trueAnomaly);
            ps.setString(3, who);
            AlertRows.setInstant(ps, 4, tx.now());
            ps.setString(5, profile.value());
            ps.setLong(6, alertId);
            updated = ps.executeUpdate();
        }
        if (updated > 0 && before != null) {
            stats.label(profile, labelledPeriod.toLocalDate(), 0, (trueAnomaly ? 1 : 0) - (before ? 1 : 0));
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_training_data (profile_id, alert_id, "
                    + "entity_type, entity_id, period, detector_type, sequence_data, feature_snapshot, sequence_bin, "
                    + "snapshot_bin, is_true_anomaly, predicted_score, was_correctly_classified, labelled_by, labelled_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, " + j + ", " + j + ", ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, profile.value());
                ps.setLong(2, alertId);
                ps.setString(3, (String) alert[0]);
                ps.setString(4, (String) alert[1]);
                ps.setObject(5, alert[2]);
                ps.setString(6, (String) alert[3]);
                AlertRows.setJson(ps, 7, (String) alert[5]);
                AlertRows.setJson(ps, 8, (String) alert[6]);
                ps.setBytes(9, (byte[]) alert[7]);
                ps.setBytes(10, (byte[]) alert[8]);
                ps.setBoolean(11, trueAnomaly);
                ps.setDouble(12, (Double) alert[4]);
                ps.setBoolean(13, trueAnomaly);
                ps.setString(14, who);
                AlertRows.setInstant(ps, 15, tx.now());
                ps.executeUpdate();
                stats.label(profile, ((LocalDateTime) alert[2]).toLocalDate(), 1, trueAnomaly ? 1 : 0);
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new AlertConflictException(alertId, -1, -1, "alert " + alertId + " was labelled by someone "
                            + "else at the same moment: read its feedback again");
                }
                throw e;
            }
        }
        stats.apply(c, tx.database());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM anomaly_training_data WHERE profile_id = ? AND alert_id = ?")) {
            ps.setString(1, profile.value());
            ps.setLong(2, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    static List<TrainingExample> examples(Connection c, ProfileId profile, EntityType type, LocalDateTime from,
                                          LocalDateTime to) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM anomaly_training_data WHERE profile_id = ?"
                + (type == null ? "" : " AND entity_type = ?") + " AND period >= ? AND period < ? ORDER BY period, id";
        List<TrainingExample> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, profile.value());
            if (type != null) {
                ps.setString(i++, type.wireName());
            }
            ps.setObject(i++, from);
            ps.setObject(i, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** The window in the binary column (schema version 6), or in the JSON one of rows labelled before. */
    private static FeatureWindow window(ResultSet rs) throws SQLException {
        byte[] bin = rs.getBytes("sequence_bin");
        return bin != null ? AlertBinary.window(bin) : AlertJson.window(rs.getString("sequence_data"));
    }

    private static Metrics metrics(ResultSet rs) throws SQLException {
        byte[] bin = rs.getBytes("snapshot_bin");
        return bin != null ? AlertBinary.metrics(bin) : AlertJson.metrics(rs.getString("feature_snapshot"));
    }

    private static TrainingExample read(ResultSet rs) throws SQLException {
        return new TrainingExample(rs.getLong("id"), new ProfileId(rs.getString("profile_id")), rs.getLong("alert_id"),
                EntityType.parse(rs.getString("entity_type")), rs.getString("entity_id"), AlertRows.period(rs, "period"),
                rs.getString("detector_type"), window(rs), metrics(rs), rs.getBoolean("is_true_anomaly"),
                rs.getDouble("predicted_score"), rs.getBoolean("was_correctly_classified"), rs.getString("labelled_by"),
                AlertRows.instant(rs, "labelled_at"));
    }
}
