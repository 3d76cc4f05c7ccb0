package io.ppcanomaly.notify.testing;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built alerts and reports: the report groups its alerts into incidents by their first root cause. */
public final class TestReports {

    /** The first day. */
    public static final LocalDateTime D0 = LocalDateTime.of(2026, 3, 1, 0, 0);

    private TestReports() {
    }

    /** @return day {@code d} after {@link #D0} */
    public static LocalDateTime day(int d) {
        return D0.plusDays(d);
    }

    /** A root cause an alert names first: where its incident is rooted. */
    public record Root(EntityType type, String id, String name, RootCauseKind kind, String summary) {
        /** @return the profile-wide reporting outage's root */
        public static Root outage() {
            return new Root(EntityType.PROFILE, "pr-1", "Main account", RootCauseKind.REPORTING_OUTAGE,
                    "profile 'Main account': every volume fell to zero at once (reporting outage)");
        }

        /** @return a campaign's CPC spike */
        public static Root campaign(String id) {
            return new Root(EntityType.CAMPAIGN, id, "Campaign " + id, RootCauseKind.CPC_SPIKE,
                    "campaign 'Campaign " + id + "': CPC up 180%");
        }
    }

    /**
     * @param type     the alerted level
     * @param id       the entity
     * @param day      the period
     * @param severity the severity
     * @param money    money at stake
     * @param root     its root cause, or {@code null} for none (then it is its own incident)
     * @return an alert
     */
    public static Alert alert(EntityType type, String id, int day, Severity severity, double money, Root root) {
        Map<String, Double> explanation = new LinkedHashMap<>();
        explanation.put("impressions", 0.5);
        explanation.put("cpc", 0.2);
        explanation.put("ctr", 0.01);
        Map<String, Double> changes = new LinkedHashMap<>();
        changes.put("impressions", -0.97);
        changes.put("cpc", 1.8);
        changes.put("ctr", -0.05);
        List<AlertCause> causes = root == null ? List.of() : List.of(new AlertCause(root.type(), root.id(),
                root.name(), root.kind(), 0.9, day(day), root.summary()));
        double score = switch (severity) {
            case CRITICAL -> 0.99995;
            case HIGH -> 0.9995;
            case MEDIUM -> 0.995;
            default -> 0.991;
        };
        return new Alert(type, id, type.wireName() + " " + id, day(day), day(day), score, 0.99, severity, "ensemble",
                Map.of("half-space-trees", score), explanation, changes, money, causes,
                Instant.parse("2026-03-20T06:00:00Z"));
    }

    /** @return {@code n} keyword alerts of one day rooted at {@code root}, money 10 + i each */
    public static List<Alert> keywords(int n, int day, Severity severity, Root root) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(alert(EntityType.KEYWORD, String.format("kw-%04d", i), day, severity, 10 + i, root));
        }
        return out;
    }

    /** @return a daily report of these alerts, periods from the earliest to the latest */
    public static DetectionReport report(List<Alert> alerts) {
        LocalDateTime first = alerts.stream().map(Alert::period).min(LocalDateTime::compareTo).orElse(D0);
        LocalDateTime last = alerts.stream().map(Alert::period).max(LocalDateTime::compareTo).orElse(D0);
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        alerts.forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(first, last), 1000,
                alerts.size(), counts, alerts, 10, 0, 1000, 0, 0, 0, LoadSummary.NONE,
                new StageTimings(0, 0, 0, 0, 0, 0));
    }

    /** @return a report of these alerts */
    public static DetectionReport report(Alert... alerts) {
        return report(List.of(alerts));
    }
}
