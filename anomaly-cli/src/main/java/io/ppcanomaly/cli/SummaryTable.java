package io.ppcanomaly.cli;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The readable summary {@code detect} prints: counts, the top incidents, the top alerts, and the root causes
 * behind them.
 */
final class SummaryTable {

    private static final int NAME = 34;
    private static final int MOVED = 26;
    private static final int CAUSE = 44;

    private SummaryTable() {
    }

    static String render(DetectionReport r, int top) {
        Granularity g = r.granularity();
        StringBuilder sb = new StringBuilder();
        String level = r.entityType().wireName().replace('_', ' ');
        String when = r.periods().size() == 1 ? g.format(r.asOf())
                : g.format(r.periods().get(0)) + " to " + g.format(r.asOf()) + " (" + r.periods().size()
                + " periods, backtest)";
        sb.append(String.format(Locale.ROOT, "%s check with %s, %s%n", cap(level), r.detector(), when));
        sb.append(String.format(Locale.ROOT, "%,d %ss checked", r.totalEntitiesChecked(), level));
        if (r.entitiesSkipped() > 0) {
            sb.append(String.format(Locale.ROOT, ", %,d skipped (too little history)", r.entitiesSkipped()));
        }
        if (r.load().rowsJoined() > 0) {
            sb.append(String.format(Locale.ROOT, ", %,d conversion records joined", r.load().rowsJoined()));
        }
        if (r.load().rowsSkipped() > 0) {
            sb.append(String.format(Locale.ROOT, ", %,d rows skipped %s", r.load().rowsSkipped(),
                    r.load().skippedBy().toString().toLowerCase(Locale.ROOT)));
        }
        sb.append(String.format(Locale.ROOT, " in %,d ms%n", r.executionTimeMs()));
        sb.append(String.format(Locale.ROOT, "%,d anomalies: %d critical, %d high, %d medium, %d low",
                r.anomaliesDetected(), r.severityCounts().get(Severity.CRITICAL),
                r.severityCounts().get(Severity.HIGH), r.severityCounts().get(Severity.MEDIUM),
                r.severityCounts().get(Severity.LOW)));
        if (r.echoesSuppressed() > 0 || r.belowMinScore() > 0) {
            sb.append(String.format(Locale.ROOT, " (not alerted: %,d flags from earlier periods still in the window"
                    + "%s)", r.echoesSuppressed(), r.belowMinScore() > 0
                    ? String.format(Locale.ROOT, ", %,d below --min-score", r.belowMinScore()) : ""));
        }
        sb.append(String.format(Locale.ROOT, "%n"));
        if (r.alerts().isEmpty() || top == 0) {
            return sb.toString();
        }
        incidents(r, top, level, sb);
        List<Alert> shown = new ArrayList<>(r.alerts());
        shown.sort(Comparator.comparing(Alert::severity).reversed()
                .thenComparing(Comparator.comparingDouble(Alert::anomalyScore).reversed())
                .thenComparing(Alert::period, Comparator.reverseOrder()).thenComparing(Alert::entityId));
        shown = shown.subList(0, Math.min(top, shown.size()));
        sb.append(String.format(Locale.ROOT, "%nAlerts%n"));
        String fmt = "%-8s  %-6s  %-10s  %-" + NAME + "s  %-" + MOVED + "s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "SEVERITY", "SCORE", "PERIOD", cap(level), "WHAT MOVED",
                "ROOT CAUSE"));
        for (Alert a : shown) {
            sb.append(String.format(Locale.ROOT, fmt, a.severity().wireName(), score(a.anomalyScore()),
                    g.format(a.period()), fit(a.entityName() + " (" + a.entityId() + ")", NAME),
                    fit(moved(a), MOVED), fit(cause(a), CAUSE)));
        }
        if (shown.size() < r.alerts().size()) {
            sb.append(String.format(Locale.ROOT, "(top %d of %,d alerts by severity and score)%n", shown.size(),
                    r.alerts().size()));
        }
        causes(r, sb);
        return sb.toString();
    }

    /** The incidents, most severe and most money at stake first: what a person reads before the rows. */
    private static void incidents(DetectionReport r, int top, String level, StringBuilder sb) {
        Granularity g = r.granularity();
        List<Incident> shown = new ArrayList<>(r.incidents());
        long ongoing = shown.stream().filter(Incident::ongoing).count();
        shown.sort(Comparator.comparing(Incident::peakSeverity).reversed()
                .thenComparing(Comparator.comparingDouble(Incident::moneyAtStake).reversed())
                .thenComparing(Incident::lastPeriod, Comparator.reverseOrder()).thenComparing(Incident::id));
        shown = shown.subList(0, Math.min(top, shown.size()));
        sb.append(String.format(Locale.ROOT, "%n%,d incident%s (%d ongoing): alerts sharing a root cause and touching "
                + "in time%n", r.incidents().size(), r.incidents().size() == 1 ? "" : "s", ongoing));
        int when = 0;
        for (Incident i : shown) {
            when = Math.max(when, periods(i, g).length());
        }
        String fmt = "%-20s  %-8s  %-" + when + "s  %6s  %-" + (NAME - 6) + "s  %10s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "INCIDENT", "SEVERITY", "PERIODS", "ALERTS", "AFFECTED",
                "AT STAKE", "ROOT CAUSE"));
        for (Incident i : shown) {
            Set<String> entities = new HashSet<>();
            for (IncidentAlert a : i.alerts()) {
                entities.add(a.entityId());
            }
            String affected = String.format(Locale.ROOT, "%,d %s%s", entities.size(), level,
                    entities.size() == 1 ? "" : "s");
            String cause = i.rootEntityType().wireName() + " " + i.rootEntityId() + ": "
                    + (i.kind() == null ? "no root cause traced" : i.kind().wireName());
            sb.append(String.format(Locale.ROOT, fmt, i.id(), i.peakSeverity().wireName(), periods(i, g),
                    String.format(Locale.ROOT, "%,d", i.alertCount()), fit(affected, NAME - 6),
                    String.format(Locale.ROOT, "%,.0f", i.moneyAtStake()), fit(cause, CAUSE)));
        }
        if (shown.size() < r.incidents().size()) {
            sb.append(String.format(Locale.ROOT, "(top %d of %,d incidents by severity and money at stake)%n",
                    shown.size(), r.incidents().size()));
        }
    }

    /** {@code start}, {@code start..end}, or {@code start..(ongoing)}. */
    private static String periods(Incident i, Granularity g) {
        if (i.ongoing()) {
            return g.format(i.start()) + "..(ongoing)";
        }
        return i.start().equals(i.lastPeriod()) ? g.format(i.start())
                : g.format(i.start()) + ".." + g.format(i.lastPeriod());
    }

    /** The root causes behind the alerts, each with how many alerts it explains. */
    private static void causes(DetectionReport r, StringBuilder sb) {
        Map<String, AlertCause> byKey = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (Alert a : r.alerts()) {
            if (a.rootCauses().isEmpty()) {
                continue;
            }
            AlertCause c = a.rootCauses().get(0);
            String key = c.entityId() + "|" + c.kind();
            byKey.merge(key, c, (x, y) -> x.confidence() >= y.confidence() ? x : y);
            count.merge(key, 1, Integer::sum);
        }
        if (byKey.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        keys.sort(Comparator.comparing((String k) -> count.get(k)).reversed()
                .thenComparing(k -> -byKey.get(k).confidence()).thenComparing(k -> k));
        sb.append(String.format(Locale.ROOT, "%nRoot causes (first cause of each alert)%n"));
        int shown = 0;
        for (String k : keys) {
            if (shown++ == 10) {
                sb.append(String.format(Locale.ROOT, "  ... and %d more%n", keys.size() - 10));
                break;
            }
            AlertCause c = byKey.get(k);
            sb.append(String.format(Locale.ROOT, "  %4d alert%s  %-17s  %s %s  conf %.2f  %s%n", count.get(k),
                    count.get(k) == 1 ? " " : "s", c.kind().wireName(), c.entityType().wireName(), c.entityId(),
                    c.confidence(), fit(c.summary(), 70)));
        }
    }

    /** The two KPIs that drove the score (by explanation when there is one, else by size of the move). */
    static String moved(Alert a) {
        Map<String, Double> rank = a.explained() ? a.explanation() : a.kpiChanges();
        List<String> names = new ArrayList<>(rank.keySet());
        names.sort(Comparator.comparingDouble((String n) -> -Math.abs(rank.get(n)))
                .thenComparing(Comparator.naturalOrder()));
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            Double change = a.kpiChanges().get(n);
            if (change == null) {
                continue;
            }
            parts.add(n + " " + percent(change));
            if (parts.size() == 2) {
                break;
            }
        }
        return String.join(", ", parts);
    }

    private static String cause(Alert a) {
        if (a.rootCauses().isEmpty()) {
            return "-";
        }
        AlertCause c = a.rootCauses().get(0);
        return c.entityType().wireName() + " " + c.entityId() + ": " + c.kind().wireName();
    }

    static String percent(double change) {
        double p = change * 100;
        if (Math.abs(p) >= 999.5) {
            return String.format(Locale.ROOT, "%+.0fx", change + 1);
        }
        return String.format(Locale.ROOT, "%+.0f%%", p);
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.4f", Math.floor(s * 10_000) / 10_000);
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
