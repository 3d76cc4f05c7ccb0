package io.ppcanomaly.cli;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.store.AlertStatistics;
import io.ppcanomaly.store.IncidentDetail;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.StoredIncident;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the {@code alerts} subcommands print the store's alerts, incidents and statistics. Stateless. */
final class AlertsOutput {

    private AlertsOutput() {
    }

    static String alerts(List<StoredAlert> alerts) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-8s %-12s %-42s %-23s %6s %10s  %s%n",
                "ID", "SEVERITY", "STATUS", "ENTITY", "PERIODS", "SCORE", "AT STAKE", "INCIDENT"));
        for (StoredAlert a : alerts) {
            sb.append(String.format(Locale.ROOT, "%-8d %-8s %-12s %-42s %-23s %6.4f %,10.0f  %s%n", a.id(),
                    a.severity().wireName(), a.status().wireName(),
                    cut(a.entityType().wireName() + " " + a.entityId(), 42), periods(a), a.peakScore(),
                    a.moneyAtStake(), a.incidentId() == null ? "" : a.incidentId()));
        }
        return sb.toString();
    }

    private static String periods(StoredAlert a) {
        Granularity g = a.granularity();
        return a.occurrences() == 1 ? g.format(a.period())
                : g.format(a.firstPeriod()) + ".." + g.format(a.period()).substring(g == Granularity.DAY ? 5 : 0);
    }

    static String alert(StoredAlert a) {
        StringBuilder sb = new StringBuilder();
        Granularity g = a.granularity();
        line(sb, "alert", a.id() + " (version " + a.version() + (a.isArchived() ? ", archived " + a.archivedAt()
                : "") + ")");
        line(sb, "entity", a.entityType().wireName() + " " + a.entityId() + " '" + a.entityName() + "'");
        line(sb, "periods", g.format(a.firstPeriod()) + " to " + g.format(a.period()) + " (" + a.occurrences()
                + " period" + (a.occurrences() == 1 ? "" : "s") + ", anomaly started " + g.format(a.anomalyStart())
                + ")");
        line(sb, "severity", a.severity().wireName() + ", score " + fmt(a.anomalyScore()) + " (peak "
                + fmt(a.peakScore()) + ", threshold " + fmt(a.threshold()) + ", " + a.detectorType() + ")");
        line(sb, "at stake", String.format(Locale.ROOT, "%,.2f per period", a.moneyAtStake()));
        line(sb, "status", a.status().wireName()
                + (a.acknowledgedBy() == null ? "" : ", acknowledged by " + a.acknowledgedBy() + " at "
                   + a.acknowledgedAt())
                + (a.resolvedBy() == null ? "" : ", resolved by " + a.resolvedBy() + " at " + a.resolvedAt()));
        if (a.resolutionNote() != null) {
            line(sb, "note", a.resolutionNote());
        }
        if (a.revenueImpact() != null) {
            line(sb, "revenue", String.format(Locale.ROOT, "%,.2f", a.revenueImpact()));
        }
        if (a.incidentId() != null) {
            line(sb, "incident", a.incidentId());
        }
        if (!a.kpiChanges().isEmpty()) {
            line(sb, "moved", changes(a.kpiChanges()));
        }
        if (!a.explanation().isEmpty()) {
            line(sb, "explained", numbers(a.explanation()));
        }
        for (AlertCause c : a.rootCauses()) {
            line(sb, "root cause", c.kind().wireName() + " at " + c.entityType().wireName() + " " + c.entityId()
                    + " (confidence " + fmt(c.confidence()) + "): " + c.summary());
        }
        line(sb, "seen", "first " + a.firstSeen() + ", last " + a.lastSeen());
        return sb.toString();
    }

    static String incidents(List<StoredIncident> incidents) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-21s %-8s %-24s %6s %10s  %s%n",
                "INCIDENT", "SEVERITY", "PERIODS", "ALERTS", "AT STAKE", "ROOT CAUSE"));
        for (StoredIncident s : incidents) {
            Incident i = s.incident();
            sb.append(String.format(Locale.ROOT, "%-21s %-8s %-24s %6d %,10.0f  %s%n", i.id(),
                    i.peakSeverity().wireName(), span(s), i.alertCount(), i.moneyAtStake(),
                    i.rootEntityType().wireName() + " " + i.rootEntityId()
                            + (i.kind() == null ? "" : ": " + i.kind().wireName())));
        }
        return sb.toString();
    }

    private static String span(StoredIncident s) {
        Granularity g = s.granularity();
        Incident i = s.incident();
        return g.format(i.start()) + ".." + (i.ongoing() ? "(ongoing)" : g.format(i.lastPeriod()));
    }

    static String incident(IncidentDetail d) {
        Incident i = d.incident().incident();
        StringBuilder sb = new StringBuilder();
        line(sb, "incident", i.id() + (i.kind() == null ? "" : " (" + i.kind().wireName() + ")"));
        line(sb, "root", i.rootEntityType().wireName() + " " + i.rootEntityId() + " '" + i.rootEntityName() + "'");
        line(sb, "periods", span(d.incident()));
        line(sb, "severity", i.peakSeverity().wireName() + ", peak score " + fmt(i.peakScore()));
        line(sb, "at stake", String.format(Locale.ROOT, "%,.2f", i.moneyAtStake()));
        StringBuilder affected = new StringBuilder();
        i.affectedCounts().forEach((t, n) -> affected.append(affected.length() == 0 ? "" : ", ").append(n)
                .append(' ').append(t.wireName()));
        line(sb, "affected", affected.toString());
        line(sb, "summary", i.summary());
        line(sb, "alerts", i.alertCount() + " alerted periods in " + d.alerts().size() + " stored alerts:");
        sb.append(alerts(d.alerts()));
        return sb.toString();
    }

    static String statistics(AlertStatistics s) {
        StringBuilder sb = new StringBuilder();
        line(sb, "profile", s.profile() + ", alerts first seen " + s.from() + " to " + s.to());
        line(sb, "alerts", Long.toString(s.total()));
        StringBuilder sev = new StringBuilder();
        for (Severity v : Severity.values()) {
            sev.append(sev.length() == 0 ? "" : ", ").append(v.wireName()).append(' ').append(s.bySeverity().get(v));
        }
        line(sb, "by severity", sev.toString());
        line(sb, "by status", counts(s.byStatus()));
        line(sb, "by level", counts(s.byEntityType()));
        line(sb, "by detector", counts(s.byDetector()));
        line(sb, "to acknowledge", s.meanTimeToAcknowledge() == null ? "none acknowledged"
                : "mean " + duration(s.meanTimeToAcknowledge()));
        line(sb, "to resolve", s.meanTimeToResolve() == null ? "none resolved"
                : "mean " + duration(s.meanTimeToResolve()));
        line(sb, "precision", s.precision().isPresent() ? String.format(Locale.ROOT, "%d/%d labelled true = %.2f",
                s.labelledTrue(), s.labelled(), s.precision().getAsDouble()) : "no feedback yet");
        if (!s.topByMoneyAtStake().isEmpty()) {
            sb.append("top entities by money at stake:\n");
            for (AlertStatistics.EntityTotal e : s.topByMoneyAtStake()) {
                sb.append(String.format(Locale.ROOT, "  %-50s %4d alerts %,12.0f%n",
                        cut(e.entityType().wireName() + " " + e.entityId(), 50), e.alerts(), e.moneyAtStake()));
            }
        }
        sb.append("days with alerts:\n");
        for (AlertStatistics.DayCount d : s.byDay()) {
            if (d.total() > 0) {
                sb.append(String.format(Locale.ROOT, "  %s %5d%n", d.day(), d.total()));
            }
        }
        return sb.toString();
    }

    static String duration(Duration d) {
        long m = d.toMinutes();
        return m < 60 ? m + " min" : m < 2880 ? String.format(Locale.ROOT, "%.1f h", m / 60.0)
                : String.format(Locale.ROOT, "%.1f days", m / 1440.0);
    }

    private static String counts(Map<?, Long> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(name(k)).append(' ').append(v));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String name(Object k) {
        return k instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : k.toString();
    }

    private static String changes(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%+.0f%%", v * 100)));
        return sb.toString();
    }

    private static String numbers(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(fmt(v)));
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-15s %s%n", label + ":", value));
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
