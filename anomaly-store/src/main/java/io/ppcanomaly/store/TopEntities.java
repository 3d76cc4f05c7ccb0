package io.ppcanomaly.store;

import io.ppcanomaly.api.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top entities of {@link AlertStore#statistics}, by alerts or by money at stake, in a range of days — exactly
 * the entities and sums that grouping every alert row of the range gives, without reading every row.
 *
 * <p>A small range (at most {@link #DIRECT_MAX} alerts, known from the daily roll-up) is grouped from its rows.
 * Otherwise the search walks {@code anomaly_stats_entities} — each entity's all-time alerts and money, read off an
 * index in the list's order, skipping entities whose first..last day misses the range — and counts each candidate's
 * alerts in the range from its rows (the unique entity index). An entity's alerts and money in a range are at most
 * its all-time ones (money at stake is never negative), so once ten entities are counted and the next candidate's
 * all-time figures cannot beat the tenth, no later one can: the walk stops. For the ranges people ask for (a month,
 * a year) the leaders of all time lead the range too and the walk reads a few dozen entities; its worst case (a
 * range whose leaders alert rarely overall) reads up to every entity the range touches, like the direct grouping.
 * Stateless.
 */
final class TopEntities {

    /** Alerts in the range up to which the rows are grouped directly. */
    static final long DIRECT_MAX = 2000;
    /** Slack on all-time money sums, which add and subtract floating-point terms as alerts change. */
    private static final double SLACK = 1e-9;
    private static final int CHUNK = 32;

    private TopEntities() {
    }

    private record Key(EntityType type, String id) {
    }

    private record Candidate(Key key, long alerts, double money) {
    }

    static List<AlertStatistics.EntityTotal> find(Connection c, ProfileId profile, LocalDate from, LocalDate to,
                                                  long total, boolean byMoney, long directMax) throws SQLException {
        if (total == 0) {
            return List.of();
        }
        LocalDateTime start = from.atStartOfDay();
        LocalDateTime end = to.plusDays(1).atStartOfDay();
        if (total <= directMax) {
            return direct(c, profile, start, end, byMoney);
        }
        Comparator<AlertStatistics.EntityTotal> order = byMoney
                ? Comparator.comparingDouble(AlertStatistics.EntityTotal::moneyAtStake).reversed()
                        .thenComparing(Comparator.comparingLong(AlertStatistics.EntityTotal::alerts).reversed())
                : Comparator.comparingLong(AlertStatistics.EntityTotal::alerts).reversed()
                        .thenComparing(Comparator.comparingDouble(AlertStatistics.EntityTotal::moneyAtStake).reversed());
        order = order.thenComparing(AlertStatistics.EntityTotal::entityId)
                .thenComparing(e -> e.entityType().wireName());
        List<AlertStatistics.EntityTotal> best = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        for (int limit = 128; ; limit *= 4) {
            List<Candidate> candidates = candidates(c, profile, from, to, byMoney, limit);
            for (int i = 0; i < candidates.size(); i += CHUNK) {
                Candidate next = candidates.get(i);
                if (best.size() >= AlertStatistics.TOP && !canBeat(next, best.get(AlertStatistics.TOP - 1), byMoney)) {
                    return best;
                }
                List<Key> chunk = new ArrayList<>();
                for (Candidate k : candidates.subList(i, Math.min(candidates.size(), i + CHUNK))) {
                    if (seen.add(k.key)) {
                        chunk.add(k.key);
                    }
                }
                best.addAll(count(c, profile, start, end, chunk));
                best.sort(order);
                if (best.size() > AlertStatistics.TOP) {
                    best.subList(AlertStatistics.TOP, best.size()).clear();
                }
            }
            if (candidates.size() < limit) {
                return best;
            }
        }
    }

    private static boolean canBeat(Candidate bound, AlertStatistics.EntityTotal tenth, boolean byMoney) {
        boolean moneyReaches = bound.money * (1 + SLACK) + SLACK >= tenth.moneyAtStake();
        if (byMoney) {
            return moneyReaches;
        }
        return bound.alerts > tenth.alerts() || bound.alerts == tenth.alerts() && moneyReaches;
    }

    /**
     * The profile's entities whose days may touch the range, in the list's order, at most {@code limit}: read in
     * index order (H2 sorts by an index only when the ORDER BY starts with its leading, here constant, column).
     */
    private static List<Candidate> candidates(Connection c, ProfileId profile, LocalDate from, LocalDate to,
                                              boolean byMoney, int limit) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, entity_id, alerts, money FROM "
                + "anomaly_stats_entities WHERE profile_id = ? AND alerts > 0 AND (first_day IS NULL OR first_day <= ?) "
                + "AND (last_day IS NULL OR last_day >= ?) ORDER BY profile_id, " + (byMoney ? "money DESC, alerts DESC"
                : "alerts DESC, money DESC") + " LIMIT " + limit)) {
            ps.setString(1, profile.value());
            ps.setObject(2, to);
            ps.setObject(3, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(new Key(EntityType.parse(rs.getString(1)), rs.getString(2)), rs.getLong(3),
                            rs.getDouble(4)));
                }
            }
        }
        return out;
    }

    /**
     * The entities' alerts and money in the range, from their rows (entities with none left out). The range is a
     * filter of the aggregates, not of the rows, so that the only index condition is the entity's: a planner given
     * the period as well may read the profile's whole range through the period index instead.
     */
    private static List<AlertStatistics.EntityTotal> count(Connection c, ProfileId profile, LocalDateTime start,
                                                           LocalDateTime end, List<Key> keys) throws SQLException {
        Map<EntityType, List<String>> byType = new LinkedHashMap<>();
        for (Key k : keys) {
            byType.computeIfAbsent(k.type, t -> new ArrayList<>()).add(k.id);
        }
        List<AlertStatistics.EntityTotal> out = new ArrayList<>();
        boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        for (Map.Entry<EntityType, List<String>> e : byType.entrySet()) {
            if (!pg) {
                // H2 reads an IN list inside the union through the profile's whole run of the entity index: one
                // entity per execution keeps it to the entity's own rows
                for (String id : e.getValue()) {
                    out.addAll(count(c, profile, start, end, e.getKey(), List.of(id)));
                }
                continue;
            }
            out.addAll(count(c, profile, start, end, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static List<AlertStatistics.EntityTotal> count(Connection c, ProfileId profile, LocalDateTime start,
                                                           LocalDateTime end, EntityType type, List<String> ids)
            throws SQLException {
        List<AlertStatistics.EntityTotal> out = new ArrayList<>();
        String in = "?" + ",?".repeat(ids.size() - 1);
        String one = "SELECT entity_type, entity_id, entity_name, money_at_stake, occurrences, first_period FROM %s "
                + "WHERE profile_id = ? AND entity_type = ? AND entity_id IN (" + in + ")";
        String inRange = "first_period >= ? AND first_period < ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, entity_id, MAX(CASE WHEN " + inRange
                + " THEN entity_name END), COUNT(CASE WHEN " + inRange + " THEN 1 END) AS n, SUM(CASE WHEN "
                + inRange + " THEN money_at_stake * occurrences END) FROM (" + String.format(one, "anomaly_alerts")
                + " UNION ALL " + String.format(one, "anomaly_history") + ") a GROUP BY entity_type, entity_id")) {
            int i = 1;
            for (int r = 0; r < 3; r++) {
                ps.setObject(i++, start);
                ps.setObject(i++, end);
            }
            for (int t = 0; t < 2; t++) {
                ps.setString(i++, profile.value());
                ps.setString(i++, type.wireName());
                for (String id : ids) {
                    ps.setString(i++, id);
                }
            }
            List<AlertStatistics.EntityTotal> all = new ArrayList<>();
            read(ps, all);
            for (AlertStatistics.EntityTotal t : all) {
                if (t.alerts() > 0) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Groups every alert row of the range (the query statistics ran before the roll-up, kept for small ranges). */
    private static List<AlertStatistics.EntityTotal> direct(Connection c, ProfileId profile, LocalDateTime start,
                                                            LocalDateTime end, boolean byMoney) throws SQLException {
        String rows = "entity_type, entity_id, entity_name, money_at_stake, occurrences";
        List<AlertStatistics.EntityTotal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, entity_id, MAX(entity_name), COUNT(*) AS n, "
                + "SUM(money_at_stake * occurrences) AS m FROM (SELECT " + rows + " FROM anomaly_alerts WHERE "
                + "profile_id = ? AND first_period >= ? AND first_period < ? UNION ALL SELECT " + rows + " FROM "
                + "anomaly_history WHERE profile_id = ? AND first_period >= ? AND first_period < ?) a GROUP BY "
                + "entity_type, entity_id ORDER BY " + (byMoney ? "m DESC, n DESC" : "n DESC, m DESC")
                + ", entity_id, entity_type LIMIT " + AlertStatistics.TOP)) {
            for (int k = 0; k < 2; k++) {
                ps.setString(3 * k + 1, profile.value());
                ps.setObject(3 * k + 2, start);
                ps.setObject(3 * k + 3, end);
            }
            read(ps, out);
        }
        return out;
    }

    private static void read(PreparedStatement ps, List<AlertStatistics.EntityTotal> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AlertStatistics.EntityTotal(EntityType.parse(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getDouble(5)));
            }
        }
    }
}
