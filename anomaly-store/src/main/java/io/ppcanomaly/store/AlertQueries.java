package io.ppcanomaly.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static AlertPage active(Connection c, Database db, ProfileId profile, AlertFilter f, Page page)
            throws SQLException {
        if (db == Database.H2) {
            return activeH2(c, profile, f, page);
        }
        List<Object> args = new ArrayList<>();
        String where = where(profile, f, f.status() == null ? null : f.status().wireName(), args);
        String sql = "SELECT " + AlertRows.LIVE_SELECT + " FROM anomaly_alerts WHERE " + where
                + " ORDER BY severity_rank DESC, money_at_stake DESC, id LIMIT ? OFFSET ?";
        args.add(page.limit() + 1);
        args.add(page.offset());
        List<StoredAlert> out = new ArrayList<>(page.limit() + 1);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(AlertRows.read(rs));
                }
            }
        }
        boolean more = out.size() > page.limit();
        return new AlertPage(more ? out.subList(0, page.limit()) : out, page, more);
    }

    /** The feed's conditions: the profile, active (or the one status asked for), the filter's criteria. */
    private static String where(ProfileId profile, AlertFilter f, String status, List<Object> args) {
        StringBuilder sql = new StringBuilder("profile_id = ?");
        args.add(profile.value());
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        } else {
            sql.append(" AND status <> 'resolved'");
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
        return sql.toString();
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private record Key(long id, int rank, double money) {
    }

    private static final Comparator<Key> FEED_ORDER = Comparator.comparingInt(Key::rank).reversed()
            .thenComparing(Comparator.comparingDouble(Key::money).reversed()).thenComparingLong(Key::id);

    /**
     * H2 has no partial index, so "not resolved" cannot be read from {@code anomaly_alerts_active_ix
     * (profile_id, status, severity_rank DESC, money_at_stake DESC, id)} in order: one query would read and sort every
     * active row with its JSON columns (seconds at 100,000 alerts). Instead each active status is read from the index
     * in order, keys only, up to the page's end; the two runs are merged, and only the page's rows are fetched.
     */
    private static AlertPage activeH2(Connection c, ProfileId profile, AlertFilter f, Page page) throws SQLException {
        int need = page.offset() + page.limit() + 1;
        List<Key> keys = new ArrayList<>();
        for (AlertStatus status : f.status() != null ? List.of(f.status())
                : List.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)) {
            List<Object> args = new ArrayList<>();
            String sql = "SELECT id, severity_rank, money_at_stake FROM anomaly_alerts WHERE "
                    + where(profile, f, status.wireName(), args)
                    // the equality columns lead the ORDER BY so that H2 sees it matches the index ("index sorted")
                    // and reads it in order instead of sorting every row: 0.1 ms instead of seconds at 100,000
                    + " ORDER BY profile_id, status, severity_rank DESC, money_at_stake DESC, id LIMIT ?";
            args.add(need);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new Key(rs.getLong(1), rs.getInt(2), rs.getDouble(3)));
                    }
                }
            }
        }
        keys.sort(FEED_ORDER);
        List<Key> window = keys.subList(Math.min(page.offset(), keys.size()), Math.min(need, keys.size()));
        if (window.isEmpty()) {
            return new AlertPage(List.of(), page, false);
        }
        Map<Long, StoredAlert> rows = new HashMap<>();
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < window.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.LIVE_SELECT
                + " FROM anomaly_alerts WHERE profile_id = ? AND id IN (" + in + ")")) {
            ps.setString(1, profile.value());
            for (int i = 0; i < window.size(); i++) {
                ps.setLong(i + 2, window.get(i).id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredAlert a = AlertRows.read(rs);
                    rows.put(a.id(), a);
                }
            }
        }
        List<StoredAlert> out = new ArrayList<>(window.size());
        for (Key k : window) {
            StoredAlert a = rows.get(k.id());
            if (a != null && a.isActive()) {
                out.add(a);
            }
        }
        boolean more = out.size() > page.limit();
        return new AlertPage(more ? out.subList(0, page.limit()) : out, page, more);
    }
}
