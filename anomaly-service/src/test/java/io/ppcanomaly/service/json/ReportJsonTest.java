package io.ppcanomaly.service.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.IncidentAlerts;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 14, 0, 0);

    private static DetectionReport report() {
        AlertCause cause = new AlertCause(EntityType.CAMPAIGN, "cp-01", "Shoes", RootCauseKind.BUDGET_EXHAUSTION,
                0.9, DAY.minusDays(1), "campaign 'Shoes' ran out of budget");
        Alert alert = new Alert(EntityType.KEYWORD, "pf/Shoes/Running/trail", "trail", DAY, DAY.minusDays(1),
                0.97123456, 0.9, Severity.HIGH, "ensemble", Map.of("lstm-autoencoder", 0.99),
                Map.of("cpc", 0.41), Map.of("cpc", 1.5), 123.456, List.of(cause),
                Instant.parse("2026-03-15T06:00:00Z"));
        Alert road = new Alert(EntityType.KEYWORD, "pf/Shoes/Running/road", "road", DAY, DAY, 0.95, 0.9,
                Severity.MEDIUM, "ensemble", Map.of(), Map.of(), Map.of(), 20.0, List.of(cause),
                Instant.parse("2026-03-15T06:00:00Z"));
        Alert untraced = new Alert(EntityType.KEYWORD, "pf/Bags/Travel/duffel", "duffel", DAY, DAY, 0.93, 0.9,
                Severity.LOW, "ensemble", Map.of(), Map.of(), Map.of(), 5.0, List.of(),
                Instant.parse("2026-03-15T06:00:00Z"));
        List<Alert> alerts = List.of(alert, road, untraced);
        List<Incident> incidents = IncidentGrouper.DEFAULT.group(alerts.stream().map(IncidentAlerts::of).toList(),
                null, "p-1", Granularity.DAY, DAY, List.of());
        LoadSummary load = new LoadSummary(10, 8, 1, 1, Map.of(RowProblem.NEGATIVE, 1L),
                List.of(new RowError(4, "Spend", "-1", RowProblem.NEGATIVE, "spend must be >= 0")));
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(DAY), 1000, 3,
                Map.of(Severity.HIGH, 1, Severity.MEDIUM, 1, Severity.LOW, 1), alerts, 412, 3, 1000, 7, 2, 60000,
                load, new StageTimings(1, 2, 3, 4, 5, 6), incidents);
    }

    @Test
    void writesTheIssuesShapeFirstKeyForKey() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(report(), out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 5)).containsExactly("total_entities_checked", "anomalies_detected",
                "severity_counts", "execution_time_ms", "alerts");
        assertThat(root.get("total_entities_checked").asInt()).isEqualTo(1000);
        assertThat(root.get("execution_time_ms").asLong()).isEqualTo(412);
        JsonNode counts = root.get("severity_counts");
        assertThat(counts.get("critical").asInt()).isZero();
        assertThat(counts.get("high").asInt()).isEqualTo(1);
        assertThat(keys.get(5)).as("the incidents right beside the alerts").isEqualTo("incidents");
        assertThat(counts.size()).isEqualTo(4);

        JsonNode a = root.get("alerts").get(0);
        List<String> alertKeys = new ArrayList<>();
        a.fieldNames().forEachRemaining(alertKeys::add);
        assertThat(alertKeys.subList(0, 12)).containsExactly("entity_type", "entity_id", "entity_name", "period",
                "anomaly_score", "threshold", "severity", "detector_type", "member_scores", "explanation",
                "root_causes", "detection_timestamp");
        assertThat(a.get("entity_type").asText()).isEqualTo("keyword");
        assertThat(a.get("period").asText()).isEqualTo("2026-03-14");
        assertThat(a.get("anomaly_score").decimalValue()).isEqualByComparingTo("0.9712");
        assertThat(a.get("severity").asText()).isEqualTo("high");
        assertThat(a.get("member_scores").get("lstm-autoencoder").asDouble()).isEqualTo(0.99);
        assertThat(a.get("explanation").get("cpc").asDouble()).isEqualTo(0.41);
        JsonNode c = a.get("root_causes").get(0);
        List<String> causeKeys = new ArrayList<>();
        c.fieldNames().forEachRemaining(causeKeys::add);
        assertThat(causeKeys.subList(0, 5)).containsExactly("entity_type", "entity_id", "kind", "confidence",
                "summary");
        assertThat(c.get("kind").asText()).isEqualTo("budget_exhaustion");
        assertThat(a.get("detection_timestamp").asText()).isEqualTo("2026-03-15T06:00:00Z");
        assertThat(a.get("money_at_stake").decimalValue()).isEqualByComparingTo("123.46");
        assertThat(a.get("anomaly_start").asText()).isEqualTo("2026-03-13");

        assertThat(root.get("entities_skipped").asInt()).isEqualTo(3);
        assertThat(root.get("echoes_suppressed").asInt()).isEqualTo(7);
        assertThat(root.get("rows").get("skipped_by_problem").get("negative").asInt()).isEqualTo(1);
        assertThat(root.get("rows").get("skipped_examples").get(0).get("message").asText())
                .isEqualTo("line 4, column 'Spend': spend must be >= 0, got '-1'");
        assertThat(root.get("timings_ms").get("root_cause").asInt()).isEqualTo(6);
    }

    @Test
    void writesEachIncidentBesideTheAlertsAndEachAlertNamesItsIncident() throws IOException {
        DetectionReport report = report();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(report, out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        JsonNode incidents = root.get("incidents");
        assertThat(incidents.size()).as("the campaign's two keywords, and the untraced keyword").isEqualTo(2);

        JsonNode campaign = incidents.get(0);
        List<String> keys = new ArrayList<>();
        campaign.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "kind", "root_entity_type", "root_entity_id", "root_entity_name",
                "profile_id", "start", "end", "last_period", "ongoing", "peak_severity", "peak_score",
                "money_at_stake", "alert_count", "affected", "affected_entities", "summary", "alerts");
        assertThat(campaign.get("id").asText()).matches("inc-[0-9a-f]{16}")
                .isEqualTo(IncidentGrouper.incidentId("p-1", "cp-01", DAY, Granularity.DAY));
        assertThat(campaign.get("kind").asText()).isEqualTo("budget_exhaustion");
        assertThat(campaign.get("root_entity_type").asText()).isEqualTo("campaign");
        assertThat(campaign.get("root_entity_id").asText()).isEqualTo("cp-01");
        assertThat(campaign.get("root_entity_name").asText()).isEqualTo("Shoes");
        assertThat(campaign.get("profile_id").asText()).isEqualTo("p-1");
        assertThat(campaign.get("start").asText()).isEqualTo("2026-03-14");
        assertThat(campaign.get("end").isNull()).as("judged through its last alert: still ongoing").isTrue();
        assertThat(campaign.get("last_period").asText()).isEqualTo("2026-03-14");
        assertThat(campaign.get("ongoing").asBoolean()).isTrue();
        assertThat(campaign.get("peak_severity").asText()).isEqualTo("high");
        assertThat(campaign.get("peak_score").decimalValue()).isEqualByComparingTo("0.9712");
        assertThat(campaign.get("money_at_stake").decimalValue()).isEqualByComparingTo("143.46");
        assertThat(campaign.get("alert_count").asInt()).isEqualTo(2);
        assertThat(campaign.get("affected").get("keyword").asInt()).isEqualTo(2);
        assertThat(campaign.get("affected").get("campaign").asInt()).isEqualTo(1);
        assertThat(campaign.get("affected_entities").get("keyword").get(0).asText())
                .isEqualTo("pf/Shoes/Running/road");
        assertThat(campaign.get("summary").asText()).isEqualTo("campaign 'Shoes' ran out of budget");
        JsonNode ref = campaign.get("alerts").get(0);
        List<String> refKeys = new ArrayList<>();
        ref.fieldNames().forEachRemaining(refKeys::add);
        assertThat(refKeys).containsExactly("entity_type", "entity_id", "period");

        JsonNode plain = incidents.get(1);
        assertThat(plain.get("kind").isNull()).as("no alert of it names a root cause").isTrue();
        assertThat(plain.get("root_entity_id").asText()).isEqualTo("pf/Bags/Travel/duffel");
        assertThat(plain.get("summary").asText()).contains("no root cause traced");

        for (JsonNode a : root.get("alerts")) {
            String id = a.get("incident_id").asText();
            boolean listed = false;
            for (JsonNode i : incidents) {
                for (JsonNode r : i.get("alerts")) {
                    listed |= i.get("id").asText().equals(id) && r.get("entity_id").equals(a.get("entity_id"))
                            && r.get("period").equals(a.get("period"));
                }
            }
            assertThat(listed).as("alert %s is listed by its incident %s", a.get("entity_id"), id).isTrue();
        }
    }

    @Test
    void aReportBuiltWithoutIncidentsGroupsItsAlertsItself() {
        DetectionReport r = report();
        DetectionReport plain = new DetectionReport(r.entityType(), r.detector(), r.granularity(), r.periods(),
                r.totalEntitiesChecked(), r.anomaliesDetected(), r.severityCounts(), r.alerts(), r.executionTimeMs(),
                r.entitiesSkipped(), r.windowsScored(), r.echoesSuppressed(), r.belowMinScore(), r.trainingWindows(),
                r.load(), r.timings());
        assertThat(plain.incidents()).extracting(Incident::rootEntityId).containsExactly("cp-01",
                "pf/Bags/Travel/duffel");
        assertThat(plain.incidents()).extracting(Incident::profileId).containsOnlyNulls();
        assertThat(plain.incidentOf(r.alerts().get(1))).map(Incident::alertCount).contains(2);
    }

    @Test
    void aReportRefusesAnAlertNoIncidentHolds() {
        DetectionReport r = report();
        assertThatThrownBy(() -> new DetectionReport(r.entityType(), r.detector(), r.granularity(), r.periods(),
                r.totalEntitiesChecked(), r.anomaliesDetected(), r.severityCounts(), r.alerts(), r.executionTimeMs(),
                r.entitiesSkipped(), r.windowsScored(), r.echoesSuppressed(), r.belowMinScore(), r.trainingWindows(),
                r.load(), r.timings(), r.incidents().subList(0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incidents must hold every alert").hasMessageContaining("duffel");
    }
}
