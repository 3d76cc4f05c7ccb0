package io.ppcanomaly.service.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link DetectionReport} as the alerts JSON (Jackson streaming, pretty-printed, UTF-8):
 *
 * <pre>
 * { "total_entities_checked": 1000, "anomalies_detected": 12,
 *   "severity_counts": {"low": 3, "medium": 5, "high": 3, "critical": 1},
 *   "execution_time_ms": 412,
 *   "alerts": [ { "entity_type": "keyword", "entity_id": "…", "entity_name": "…", "period": "2026-03-14",
 *                 "anomaly_score": 0.97, "threshold": 0.9, "severity": "high", "detector_type": "ensemble",
 *                 "member_scores": {"lstm-autoencoder": 0.99, …},
 *                 "explanation": {"cpc": 0.41, "ctr": 0.05, "acos": 0.22},
 *                 "root_causes": [ {"entity_type": "campaign", "entity_id": "…", "kind": "…",
 *                                   "confidence": 0.9, "summary": "…"} ],
 *                 "detection_timestamp": "…" } ],
 *   "incidents": [ { "id": "inc-3f9a0c2e7b14d5a8", "kind": "budget_exhaustion",
 *                    "root_entity_type": "campaign", "root_entity_id": "…", "root_entity_name": "…",
 *                    "profile_id": "…", "start": "2026-03-10", "end": "2026-03-13",
 *                    "last_period": "2026-03-13", "ongoing": false, "peak_severity": "high",
 *                    "peak_score": 0.9999, "money_at_stake": 3120.55, "alert_count": 32,
 *                    "affected": {"keyword": 10, "ad_group": 3, "campaign": 1},
 *                    "affected_entities": {"keyword": ["…", …], "ad_group": […], "campaign": ["…"]},
 *                    "summary": "…",
 *                    "alerts": [ {"entity_type": "keyword", "entity_id": "…", "period": "2026-03-10"}, … ] } ] }
 * </pre>
 * Every key above is always written ({@code explanation} is {@code {}} when explanations were turned off;
 * an incident's {@code kind} is {@code null} when none of its alerts has a root cause, its {@code end} is
 * {@code null} while it is ongoing, its {@code profile_id} {@code null} when the data names none).
 * After the alerts' keys come keys for the curious: per alert {@code anomaly_start}, {@code kpi_changes}
 * (exp(feature) − 1 of the judged period: {@code 0.41} = +41%), {@code money_at_stake}, {@code incident_id}
 * (the incident holding it), and per root cause
 * {@code entity_name} and {@code start}; per report {@code entity_type}, {@code detector}, {@code periods}
 * ({@code [first, last]}), {@code entities_skipped} (too little history), {@code windows_scored},
 * {@code echoes_suppressed} (flags that came from earlier periods only), {@code below_min_score} (flags under
 * the request's alert floor),
 * {@code training_windows}, {@code rows} (read / loaded / filtered / skipped / joined, read per dataset,
 * skipped per problem, the first skipped rows) and {@code timings_ms}. Scores, contributions and changes are
 * rounded to 4 decimals, money to 2. Stateless and thread-safe.
 */
public final class ReportJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private ReportJson() {
    }

    /** Writes the report to a stream (left open), UTF-8. */
    public static void write(DetectionReport report, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(report, g);
        }
    }

    /** Writes the report to a writer (left open). */
    public static void write(DetectionReport report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(report, g);
        }
    }

    /**
     * Writes one alert as a compact JSON object in the report's alert schema (the objects of {@code alerts}): a
     * stream of alerts, one per line, for sinks that are not reports.
     *
     * @param incidentId  the id of the incident the alert belongs to, or {@code null} to leave {@code incident_id}
     *                    out
     * @param granularity how its periods are written
     */
    public static void writeAlert(Alert alert, String incidentId, Granularity granularity, Writer out)
            throws IOException {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(granularity, "granularity");
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            alert(alert, incidentId, granularity, g);
        }
    }

    private static void write(DetectionReport r, JsonGenerator g) throws IOException {
        Objects.requireNonNull(r, "report");
        Granularity gran = r.granularity();
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("total_entities_checked", r.totalEntitiesChecked());
        g.writeNumberField("anomalies_detected", r.anomaliesDetected());
        g.writeObjectFieldStart("severity_counts");
        for (Severity s : Severity.values()) {
            g.writeNumberField(s.wireName(), r.severityCounts().get(s));
        }
        g.writeEndObject();
        g.writeNumberField("execution_time_ms", r.executionTimeMs());
        Map<AlertRef, Incident> owner = r.incidentsByAlert();
        g.writeArrayFieldStart("alerts");
        for (Alert a : r.alerts()) {
            Incident owning = owner.get(new AlertRef(a.entityType(), a.entityId(), a.period()));
            alert(a, owning == null ? null : owning.id(), gran, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("incidents");
        for (Incident i : r.incidents()) {
            incident(i, gran, g);
        }
        g.writeEndArray();
        g.writeStringField("entity_type", r.entityType().wireName());
        g.writeStringField("detector", r.detector());
        g.writeArrayFieldStart("periods");
        g.writeString(gran.format(r.periods().get(0)));
        g.writeString(gran.format(r.asOf()));
        g.writeEndArray();
        g.writeNumberField("entities_skipped", r.entitiesSkipped());
        g.writeNumberField("windows_scored", r.windowsScored());
        g.writeNumberField("echoes_suppressed", r.echoesSuppressed());
        g.writeNumberField("below_min_score", r.belowMinScore());
        g.writeNumberField("training_windows", r.trainingWindows());
        rows(r.load(), g);
        StageTimings t = r.timings();
        g.writeObjectFieldStart("timings_ms");
        g.writeNumberField("load", t.loadMs());
        g.writeNumberField("features", t.featuresMs());
        g.writeNumberField("fit", t.fitMs());
        g.writeNumberField("score", t.scoreMs());
        g.writeNumberField("explain", t.explainMs());
        g.writeNumberField("root_cause", t.rootCauseMs());
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void alert(Alert a, String incidentId, Granularity gran, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeAlertFields(a, gran, g);
        if (incidentId != null) {
            g.writeStringField("incident_id", incidentId);
        }
        g.writeEndObject();
    }

    /**
     * Writes the fields of one alert in the report's alert schema, from {@code entity_type} to
     * {@code money_at_stake}, into an object the caller has opened and will close — so other messages that carry
     * alerts (notifications) keep exactly the report's names, order and rounding, and add their own fields after.
     *
     * @param granularity how its periods are written
     * @throws IOException from the generator
     */
    public static void writeAlertFields(Alert a, Granularity granularity, JsonGenerator g) throws IOException {
        Objects.requireNonNull(a, "alert");
        Granularity gran = Objects.requireNonNull(granularity, "granularity");
        g.writeStringField("entity_type", a.entityType().wireName());
        g.writeStringField("entity_id", a.entityId());
        g.writeStringField("entity_name", a.entityName());
        g.writeStringField("period", gran.format(a.period()));
        writeRounded(g, "anomaly_score", a.anomalyScore(), 4);
        writeRounded(g, "threshold", a.threshold(), 4);
        g.writeStringField("severity", a.severity().wireName());
        g.writeStringField("detector_type", a.detectorType());
        map(g, "member_scores", a.memberScores(), 4);
        map(g, "explanation", a.explanation(), 4);
        g.writeArrayFieldStart("root_causes");
        for (AlertCause c : a.rootCauses()) {
            g.writeStartObject();
            g.writeStringField("entity_type", c.entityType().wireName());
            g.writeStringField("entity_id", c.entityId());
            g.writeStringField("kind", c.kind().wireName());
            writeRounded(g, "confidence", c.confidence(), 4);
            g.writeStringField("summary", c.summary());
            g.writeStringField("entity_name", c.entityName());
            g.writeStringField("start", c.start() == null ? null : gran.format(c.start()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("detection_timestamp", a.detectionTimestamp().toString());
        g.writeStringField("anomaly_start", gran.format(a.anomalyStart()));
        map(g, "kpi_changes", a.kpiChanges(), 4);
        writeRounded(g, "money_at_stake", a.moneyAtStake(), 2);
    }

    private static void incident(Incident i, Granularity gran, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeIncidentFields(i, gran, g);
        g.writeEndObject();
    }

    /**
     * Writes the fields of one incident in the report's incident schema (the objects of {@code incidents}), from
     * {@code id} to {@code alerts}, into an object the caller has opened and will close — so the HTTP API's stored
     * incidents keep exactly the report's names, order and rounding.
     *
     * @param granularity how its periods are written
     * @throws IOException from the generator
     */
    public static void writeIncidentFields(Incident i, Granularity granularity, JsonGenerator g) throws IOException {
        Objects.requireNonNull(i, "incident");
        Granularity gran = Objects.requireNonNull(granularity, "granularity");
        g.writeStringField("id", i.id());
        g.writeStringField("kind", i.kind() == null ? null : i.kind().wireName());
        g.writeStringField("root_entity_type", i.rootEntityType().wireName());
        g.writeStringField("root_entity_id", i.rootEntityId());
        g.writeStringField("root_entity_name", i.rootEntityName());
        g.writeStringField("profile_id", i.profileId());
        g.writeStringField("start", gran.format(i.start()));
        g.writeStringField("end", i.end() == null ? null : gran.format(i.end()));
        g.writeStringField("last_period", gran.format(i.lastPeriod()));
        g.writeBooleanField("ongoing", i.ongoing());
        g.writeStringField("peak_severity", i.peakSeverity().wireName());
        writeRounded(g, "peak_score", i.peakScore(), 4);
        writeRounded(g, "money_at_stake", i.moneyAtStake(), 2);
        g.writeNumberField("alert_count", i.alertCount());
        g.writeObjectFieldStart("affected");
        for (Map.Entry<EntityType, List<String>> e : i.affected().entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue().size());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("affected_entities");
        for (Map.Entry<EntityType, List<String>> e : i.affected().entrySet()) {
            g.writeArrayFieldStart(e.getKey().wireName());
            for (String id : e.getValue()) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeStringField("summary", i.summary());
        g.writeArrayFieldStart("alerts");
        for (IncidentAlert a : i.alerts()) {
            g.writeStartObject();
            g.writeStringField("entity_type", a.entityType().wireName());
            g.writeStringField("entity_id", a.entityId());
            g.writeStringField("period", gran.format(a.period()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void rows(LoadSummary s, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("rows");
        g.writeNumberField("read", s.rowsRead());
        g.writeNumberField("loaded", s.rowsLoaded());
        g.writeNumberField("filtered", s.rowsFiltered());
        g.writeNumberField("skipped", s.rowsSkipped());
        g.writeNumberField("joined", s.rowsJoined());
        g.writeObjectFieldStart("read_by");
        for (Map.Entry<String, Long> e : s.rowsReadBy().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("skipped_by_problem");
        for (Map.Entry<RowProblem, Long> e : s.skippedBy().entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("skipped_examples");
        for (RowError e : s.examples()) {
            g.writeStartObject();
            if (e.file() != null) {
                g.writeStringField("file", e.file());
            }
            g.writeNumberField(e.position() == RowError.Position.RECORD_FIELD ? "record" : "line", e.line());
            g.writeStringField(e.position() == RowError.Position.LINE_COLUMN ? "column" : "field", e.column());
            g.writeStringField("value", e.value());
            g.writeStringField("problem", e.problem().wireName());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void map(JsonGenerator g, String name, Map<String, Double> m, int decimals) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : m.entrySet()) {
            writeRounded(g, e.getKey(), e.getValue(), decimals);
        }
        g.writeEndObject();
    }

    /**
     * Writes a named number rounded half-even to {@code decimals} places, without trailing zeros ({@code 0.25},
     * {@code 3}) — the report's rounding of scores (4 places) and money (2).
     *
     * @throws IOException from the generator
     */
    public static void writeRounded(JsonGenerator g, String name, double v, int decimals) throws IOException {
        g.writeFieldName(name);
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        g.writeNumber(d.scale() < 0 ? d.setScale(0) : d);
    }
}
