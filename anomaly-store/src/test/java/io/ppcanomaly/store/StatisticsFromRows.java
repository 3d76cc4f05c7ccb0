package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference for the roll-up tests: statistics grouped straight from every alert row of the range, exactly as
 * {@code StatisticsQuery} computed them before the roll-ups (schema version 6). Stateless.
 * One grouped pass over the range's alerts, live and archived, two top-entity queries and the feedback count.
 */
final class StatisticsFromRows {

    private static final String ROWS = "entity_type, entity_id, entity_name, severity, detector_type, status, "
            + "first_period, occurrences, money_at_stake, acknowledge_time_minutes, resolution_time_minutes";

    private StatisticsFromRows() {
    }

    private static String union() {
        return "(SELECT " + ROWS + " FROM anomaly_alerts WHERE profile_id = ? AND first_period >= ? AND first_period < ?"
                + " UNION ALL SELECT " + ROWS + " FROM anomaly_history WHERE profile_id = ? AND first_period >= ? "
                + "AND first_period < ?) a";
    }

    private static void bindUnion(PreparedStatement ps, ProfileId p, LocalDateTime from, LocalDateTime to)
            throws SQLException {
        for (int k = 0; k < 2; k++) {
            ps.setString(3 * k + 1, p.value());
            ps.setObject(3 * k + 2, from);
            ps.setObject(3 * k + 3, to);
        }
    }

    static AlertStatistics run(Connection c, ProfileId profile, LocalDate from, LocalDate to) throws SQLException {
        LocalDateTime start = from.atStartOfDay();
        LocalDateTime end = to.plusDays(1).atStartOfDay();
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        Map<EntityType, Long> byType = new EnumMap<>(EntityType.class);
        Map<String, Long> byDetector = new TreeMap<>();
        Map<AlertStatus, Long> byStatus = new EnumMap<>(AlertStatus.class);
        Map<LocalDate, Map<Severity, Long>> byDay = new TreeMap<>();
        long total = 0;
        double ackSum = 0;
        long ackCount = 0;
        double resSum = 0;
        long resCount = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT severity, entity_type, detector_type, status, "
                + "CAST(first_period AS DATE), COUNT(*), SUM(acknowledge_time_minutes), COUNT(acknowledge_time_minutes), "
                + "SUM(resolution_time_minutes), COUNT(resolution_time_minutes) FROM " + union()
                + " GROUP BY severity, entity_type, detector_type, status, CAST(first_period AS DATE)")) {
            bindUnion(ps, profile, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Severity s = Severity.parse(rs.getString(1));
                    long n = rs.getLong(6);
                    total += n;
                    bySeverity.merge(s, n, Long::sum);
                    byType.merge(EntityType.parse(rs.getString(2)), n, Long::sum);
                    byDetector.merge(rs.getString(3), n, Long::sum);
                    byStatus.merge(AlertStatus.parse(rs.getString(4)), n, Long::sum);
                    LocalDate day = rs.getObject(5, LocalDate.class);
                    byDay.computeIfAbsent(day, d -> new EnumMap<>(Severity.class)).merge(s, n, Long::sum);
                    ackSum += rs.getDouble(7);
                    ackCount += rs.getLong(8);
                    resSum += rs.getDouble(9);
                    resCount += rs.getLong(10);
                }
            }
        }
        List<AlertStatistics.DayCount> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(new AlertStatistics.DayCount(d, byDay.getOrDefault(d, Map.of())));
        }
        List<AlertStatistics.EntityTotal> topAlerts = top(c, profile, start, end, "n DESC, m DESC");
        List<AlertStatistics.EntityTotal> topMoney = top(c, profile, start, end, "m DESC, n DESC");
        long labelled = 0;
        long labelledTrue = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN is_true_anomaly THEN 1 ELSE 0 END)"
                + " FROM anomaly_training_data WHERE profile_id = ? AND period >= ? AND period < ?")) {
            ps.setString(1, profile.value());
            ps.setObject(2, start);
            ps.setObject(3, end);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                labelled = rs.getLong(1);
                labelledTrue = rs.getLong(2);
            }
        }
        return new AlertStatistics(profile, from, to, total, bySeverity, byType, byDetector, byStatus, days,
                mean(ackSum, ackCount), mean(resSum, resCount), topAlerts, topMoney, labelled, labelledTrue);
    }

    private static Duration mean(double sumMinutes, long n) {
        return n == 0 ? null : Duration.ofMillis(Math.round(sumMinutes * 60_000.0 / n));
    }

    private static List<AlertStatistics.EntityTotal> top(Connection c, ProfileId profile, LocalDateTime start,
                                                         LocalDateTime end, String order) throws SQLException {
        List<AlertStatistics.EntityTotal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, entity_id, MAX(entity_name), COUNT(*) AS n, "
                + "SUM(money_at_stake * occurrences) AS m FROM " + union() + " GROUP BY entity_type, entity_id ORDER BY "
                + order + ", entity_id, entity_type LIMIT " + AlertStatistics.TOP)) {
            bindUnion(ps, profile, start, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertStatistics.EntityTotal(EntityType.parse(rs.getString(1)), rs.getString(2),
                            rs.getString(3), rs.getLong(4), rs.getDouble(5)));
                }
            }
        }
        return out;
    }
}
