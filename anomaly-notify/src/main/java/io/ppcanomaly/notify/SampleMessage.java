package io.ppcanomaly.notify;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotifiedAlert;
import io.ppcanomaly.notify.message.NotifiedIncident;
import io.ppcanomaly.service.AlertCause;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message {@code anomaly notify-test} sends: a made-up budget exhaustion on a sample campaign with two keyword
 * alerts, marked as a test in its kind and title, so a route's destination shows exactly what a real incident looks
 * like. Stateless.
 */
final class SampleMessage {

    private SampleMessage() {
    }

    static Notification of(String route, Instant now) {
        LocalDateTime day = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().minusDays(1);
        AlertCause cause = new AlertCause(EntityType.CAMPAIGN, "sample/SP - Sample - Broad", "SP - Sample - Broad",
                RootCauseKind.BUDGET_EXHAUSTION, 0.92, day, "campaign 'SP - Sample - Broad' ran out of budget by "
                + "midday: impressions -85%, spend capped at the budget (sample data)");
        NotifiedAlert a = alert(1, "sample/SP - Sample - Broad/Broad/running shoes", "running shoes", day, 412.5,
                Severity.HIGH, cause);
        NotifiedAlert b = alert(2, "sample/SP - Sample - Broad/Broad/trail shoes", "trail shoes", day, 187.25,
                Severity.MEDIUM, cause);
        Map<EntityType, Integer> affected = new LinkedHashMap<>();
        affected.put(EntityType.CAMPAIGN, 1);
        affected.put(EntityType.AD_GROUP, 1);
        affected.put(EntityType.KEYWORD, 2);
        NotifiedIncident i = new NotifiedIncident("inc-0000000000000000", "sample", "budget_exhaustion",
                EntityType.CAMPAIGN, cause.entityId(), cause.entityName(), Granularity.DAY, day, day, true,
                Severity.HIGH, 0.9999, 599.75, 2, affected, cause.summary());
        return new Notification(Notification.Kind.TEST, route, "sample",
                "[TEST] PPC Anomaly test message for route '" + route + "': budget exhaustion at campaign "
                        + "'SP - Sample - Broad', 599.75 at stake, 2 alerts", Severity.HIGH, 599.75, 2, now, i,
                List.of(a, b), 0, null);
    }

    private static NotifiedAlert alert(long id, String entityId, String name, LocalDateTime day, double money,
                                       Severity severity, AlertCause cause) {
        Map<String, Double> explanation = new LinkedHashMap<>();
        explanation.put("impressions", 0.41);
        explanation.put("spend", 0.22);
        explanation.put("ctr", 0.03);
        Map<String, Double> changes = new LinkedHashMap<>();
        changes.put("impressions", -0.85);
        changes.put("spend", -0.62);
        changes.put("ctr", 0.04);
        changes.put("cpc", 0.01);
        return new NotifiedAlert(id, NotifiedAlert.Event.OPENED, null, EntityType.KEYWORD, entityId, name,
                Granularity.DAY, day, day, day, 1, 0.9999, 0.9999, 0.999, severity, "ensemble",
                Map.of("half-space-trees", 0.9999), explanation, changes, List.of(cause), money, day.plusHours(30)
                        .toInstant(ZoneOffset.UTC), "inc-0000000000000000", "open");
    }
}
