package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link AlertStore#statistics}: read from the roll-ups ({@link StatsRollup}) rather than the alert rows — the
 * range's rows of {@code anomaly_stats_daily} (at most days × severities × levels × detectors × statuses, whatever
 * the profile's size), the feedback per day, and the top entities ({@link TopEntities}). Stateless.
 */
final class StatisticsQuery {

    /** The longest range accepted, in days (ten years). */
    static final long MAX_DAYS = 3660;

    private StatisticsQuery() {
    }

    static AlertStatistics run(Connection c, ProfileId profile, LocalDate from, LocalDate to) throws SQLException {
        return run(c, profile, from, to, TopEntities.DIRECT_MAX);
    }

    /**
     * @param directMax the range's alert count up to which the top entities are grouped from the rows directly
     *                  (tests pass 0 to exercise the roll-up's pruned search on small data)
     */
    static AlertStatistics run(Connection c, ProfileId profile, LocalDate from, LocalDate to, long directMax)
            throws SQLException {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        Map<EntityType, Long> byType = new EnumMap<>(EntityType.class);
        Map<String, Long> byDetector = new TreeMap<>();
        Map<AlertStatus, Long> byStatus = new EnumMap<>(AlertStatus.class);
        Map<LocalDate, Map<Severity, Long>> byDay = new TreeMap<>();
        long total = 0;
        long ackMs = 0;
        long ackCount = 0;
        long resMs = 0;
        long resCount = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT period_day, severity, entity_type, detector_type, status, "
                + "alerts, ack_ms, ack_count, resolve_ms, resolve_count FROM anomaly_stats_daily WHERE profile_id = ? "
                + "AND period_day >= ? AND period_day <= ? AND alerts <> 0")) {
            ps.setString(1, profile.value());
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Severity s = Severity.parse(rs.getString(2));
                    long n = rs.getLong(6);
                    total += n;
                    bySeverity.merge(s, n, Long::sum);
                    byType.merge(EntityType.parse(rs.getString(3)), n, Long::sum);
                    byDetector.merge(rs.getString(4), n, Long::sum);
                    byStatus.merge(AlertStatus.parse(rs.getString(5)), n, Long::sum);
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    byDay.computeIfAbsent(day, d -> new EnumMap<>(Severity.class)).merge(s, n, Long::sum);
                    ackMs += rs.getLong(7);
                    ackCount += rs.getLong(8);
                    resMs += rs.getLong(9);
                    resCount += rs.getLong(10);
                }
            }
        }
        List<AlertStatistics.DayCount> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(new AlertStatistics.DayCount(d, byDay.getOrDefault(d, Map.of())));
        }
        List<AlertStatistics.EntityTotal> topAlerts = TopEntities.find(c, profile, from, to, total, false, directMax);
        List<AlertStatistics.EntityTotal> topMoney = TopEntities.find(c, profile, from, to, total, true, directMax);
        long labelled;
        long labelledTrue;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(labelled), 0), COALESCE(SUM(labelled_true), "
                + "0) FROM anomaly_stats_feedback WHERE profile_id = ? AND period_day >= ? AND period_day <= ?")) {
            ps.setString(1, profile.value());
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                labelled = rs.getLong(1);
                labelledTrue = rs.getLong(2);
            }
        }
        return new AlertStatistics(profile, from, to, total, bySeverity, byType, byDetector, byStatus, days,
                mean(ackMs, ackCount), mean(resMs, resCount), topAlerts, topMoney, labelled, labelledTrue);
    }

    private static Duration mean(long sumMillis, long n) {
        return n == 0 ? null : Duration.ofMillis(Math.round((double) sumMillis / n));
    }
}
