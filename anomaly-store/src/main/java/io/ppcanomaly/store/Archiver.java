package io.ppcanomaly.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves resolved alerts to history (same id, every column, plus {@code archived_at}) and applies history
 * retention, in the caller's one transaction. Stateless.
 */
final class Archiver {

    private static final int CHUNK = 500;

    private Archiver() {
    }

    /**
     * @param profile           the tenant, or {@code null} for every profile
     * @param cutoff            alerts resolved before this instant move
     * @param historyCutoff     history resolved before this instant is deleted, or {@code null} to keep it
     */
    static ArchiveResult archive(StoreTransaction tx, ProfileId profile, Instant cutoff, Instant historyCutoff)
            throws SQLException {
        Connection c = tx.connection();
        if (profile == null && tx.database() == Database.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT row_security_active('anomaly_alerts')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("archiving every profile at once needs a role that row-level "
                            + "security does not restrict (the tables' owner or a BYPASSRLS role); the store's role "
                            + "sees one profile at a time: archive each profile with archive(profile, olderThan)");
                }
            }
        }
        String tenant = profile == null ? "" : "profile_id = ? AND ";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM anomaly_alerts WHERE " + tenant
                + "status = 'resolved' AND resolved_at < ? ORDER BY id FOR UPDATE")) {
            int i = 1;
            if (profile != null) {
                ps.setString(i++, profile.value());
            }
            AlertRows.setInstant(ps, i, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String in = "?" + ",?".repeat(chunk.size() - 1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_history (" + AlertRows.ALL_COLUMNS
                    + ", archived_at) SELECT " + AlertRows.ALL_COLUMNS + ", ? FROM anomaly_alerts WHERE id IN (" + in
                    + ")")) {
                AlertRows.setInstant(ps, 1, tx.now());
                for (int k = 0; k < chunk.size(); k++) {
                    ps.setLong(2 + k, chunk.get(k));
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM anomaly_alerts WHERE id IN (" + in + ")")) {
                for (int k = 0; k < chunk.size(); k++) {
                    ps.setLong(1 + k, chunk.get(k));
                }
                ps.executeUpdate();
            }
        }
        int deleted = 0;
        if (historyCutoff != null) {
            // the deleted rows leave the statistics roll-ups (archiving itself changes none: an alert counts the same
            // live or archived)
            StatsRollup.Delta stats = new StatsRollup.Delta();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + StatsRollup.COLUMNS + " FROM anomaly_history "
                    + "WHERE " + tenant + "resolved_at < ?" + " FOR UPDATE")) {
                int i = 1;
                if (profile != null) {
                    ps.setString(i++, profile.value());
                }
                AlertRows.setInstant(ps, i, historyCutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stats.add(StatsRollup.row(rs), -1);
                    }
                }
            }
            stats.apply(c, tx.database());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM anomaly_history WHERE " + tenant
                    + "resolved_at < ?")) {
                int i = 1;
                if (profile != null) {
                    ps.setString(i++, profile.value());
                }
                AlertRows.setInstant(ps, i, historyCutoff);
                deleted = ps.executeUpdate();
            }
        }
        return new ArchiveResult(ids.size(), deleted);
    }
}
