package io.ppcanomaly.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of stored alerts: one by id, the active feed. Every query names the profile. Stateless. */
final class AlertQueries {

    private AlertQueries() {
    }

    /** @return the live alert, else the archived one, else empty; locks the live row when {@code forUpdate} */
    static Optional<StoredAlert> get(Connection c, ProfileId profile, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.LIVE_SELECT
                + " FROM anomaly_alerts WHERE profile_id = ? AND id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, profile.value());
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(AlertRows.read(rs));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.HISTORY_SELECT
                + " FROM anomaly_history WHERE profile_id = ? AND id = ?")) {
            ps.setString(1, profile.value());
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(AlertRows.read(rs)) : Optional.empty();
            }
        }
    }

    static AlertPage active(Connection c, ProfileId profile, AlertFilter f, Page page) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(AlertRows.LIVE_SELECT)
                .append(" FROM anomaly_alerts WHERE profile_id = ? AND status <> 'resolved'");
        List<Object> args = new ArrayList<>();
        args.add(profile.value());
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status().wireName());
        }
        if (f.entityType() != null) {
            sql.append(" AND entity_type = ?");
            args.add(f.entityType().wireName());
        }
        if (f.minSeverity() != null) {
            sql.append(" AND severity_rank >= ?");
            args.add(AlertRows.rank(f.minSeverity()));
        }
        if (f.detector() != null) {
            sql.append(" AND detector_type = ?");
            args.add(f.detector());
        }
        if (f.since() != null) {
            sql.append(" AND period >= ?");
            args.add(f.since());
        }
        sql.append(" ORDER BY severity_rank DESC, money_at_stake DESC, id LIMIT ? OFFSET ?");
        args.add(page.limit() + 1);
        args.add(page.offset());
        List<StoredAlert> out = new ArrayList<>(page.limit() + 1);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(AlertRows.read(rs));
                }
            }
        }
        boolean more = out.size() > page.limit();
        return new AlertPage(more ? out.subList(0, page.limit()) : out, page, more);
    }
}
