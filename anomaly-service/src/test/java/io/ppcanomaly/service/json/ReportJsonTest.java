package io.ppcanomaly.service.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
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
        LoadSummary load = new LoadSummary(10, 8, 1, 1, Map.of(RowProblem.NEGATIVE, 1L),
                List.of(new RowError(4, "Spend", "-1", RowProblem.NEGATIVE, "spend must be >= 0")));
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(DAY), 1000, 1,
                Map.of(Severity.HIGH, 1), List.of(alert), 412, 3, 1000, 7, 2, 60000, load,
                new StageTimings(1, 2, 3, 4, 5, 6));
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
        assertThat(counts.get("low").asInt()).isZero();
        assertThat(counts.get("high").asInt()).isEqualTo(1);
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
}
