package io.ppcanomaly.notify.message;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.json.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Notification} as JSON: what the outbox keeps and what the {@code webhook} notifier posts.
 *
 * <pre>
 * { "delivery_id": "…",                       (webhook body only)
 *   "kind": "incident", "event": "opened", "route": "oncall", "profile_id": "…",
 *   "title": "[HIGH] Reporting outage at profile 'Main' - 3,120.55 at stake, 250 alerts",
 *   "severity": "high", "money_at_stake": 3120.55, "alert_count": 250, "alerts_omitted": 150,
 *   "created_at": "2026-03-14T06:02:11.512Z",
 *   "incident": { "id": "inc-…", "kind": "reporting_outage", "root_entity_type": "profile", "root_entity_id": "…",
 *                 "root_entity_name": "…", "profile_id": "…", "start": "2026-03-14", "end": null,
 *                 "last_period": "2026-03-14", "ongoing": true, "peak_severity": "high", "peak_score": 1,
 *                 "money_at_stake": 3120.55, "alert_count": 250, "affected": {"keyword": 250, …},
 *                 "summary": "…", "granularity": "day" },
 *   "alerts": [ { the report's alert keys: "entity_type", "entity_id", "entity_name", "period", "anomaly_score",
 *                 "threshold", "severity", "detector_type", "member_scores", "explanation", "root_causes",
 *                 "detection_timestamp", "anomaly_start", "kpi_changes", "money_at_stake", "incident_id";
 *                 then the store's and the message's: "alert_id", "event" (opened | escalated),
 *                 "previous_severity", "granularity", "first_period", "occurrences", "peak_score", "status",
 *                 "link" (webhook body, when a base URL is set) }, … ],
 *   "digest": null | { "cadence": "daily", "from": "…", "to": "…", "incident_count": 3, "alert_count": 41,
 *                      "severity_counts": {…}, "money_at_stake": …, "incidents_omitted": 0,
 *                      "incidents": [ {"incident_id", "kind", "root_entity_type", "root_entity_id",
 *                                      "root_entity_name", "summary", "peak_severity", "money_at_stake",
 *                                      "alert_count", "escalations", "top_alert_id", "top_entities"}, … ] } }
 * </pre>
 * Scores are rounded to 4 decimals and money to 2, as in the report JSON; a message read back and written again is
 * byte-identical. Stateless and thread-safe.
 */
public final class NotificationJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NotificationJson() {
    }

    /** @return the message as compact JSON, without delivery id or links (the outbox's payload) */
    public static String write(Notification n) {
        return new String(bytes(n, null, null), StandardCharsets.UTF_8);
    }

    /**
     * @param n          the message
     * @param deliveryId written first as {@code delivery_id}, or {@code null}
     * @param linkBase   the dashboard's base URL (alerts get {@code "link": base + "/alerts/" + id}), or {@code null}
     * @return the message as compact UTF-8 JSON
     */
    public static byte[] bytes(Notification n, String deliveryId, String linkBase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (deliveryId != null) {
                g.writeStringField("delivery_id", deliveryId);
            }
            g.writeStringField("kind", n.kind().wireName());
            g.writeStringField("event", n.isEscalation() ? "escalated" : "opened");
            g.writeStringField("route", n.route());
            g.writeStringField("profile_id", n.profileId());
            g.writeStringField("title", n.title());
            g.writeStringField("severity", n.severity().wireName());
            ReportJson.writeRounded(g, "money_at_stake", n.moneyAtStake(), 2);
            g.writeNumberField("alert_count", n.alertCount());
            g.writeNumberField("alerts_omitted", n.alertsOmitted());
            g.writeStringField("created_at", n.createdAt().toString());
            g.writeFieldName("incident");
            if (n.incident() == null) {
                g.writeNull();
            } else {
                incident(g, n.incident());
            }
            g.writeArrayFieldStart("alerts");
            for (NotifiedAlert a : n.alerts()) {
                alert(g, a, linkBase);
            }
            g.writeEndArray();
            g.writeFieldName("digest");
            if (n.digest() == null) {
                g.writeNull();
            } else {
                digest(g, n.digest());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a notification as JSON", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a message written by {@link #write} (or {@link #bytes}; delivery id and links are ignored).
     *
     * @throws IllegalArgumentException naming the key when the JSON is not a message
     */
    public static Notification read(String json) {
        JsonNode n = tree(json);
        try {
            NotifiedIncident incident = n.path("incident").isObject() ? readIncident(n.get("incident")) : null;
            List<NotifiedAlert> alerts = new ArrayList<>();
            for (JsonNode a : n.path("alerts")) {
                alerts.add(readAlert(a));
            }
            DigestSummary digest = n.path("digest").isObject() ? readDigest(n.get("digest")) : null;
            return new Notification(Notification.Kind.parse(text(n, "kind")), text(n, "route"),
                    text(n, "profile_id"), text(n, "title"), Severity.parse(text(n, "severity")),
                    num(n, "money_at_stake"), n.path("alert_count").asInt(), Instant.parse(text(n, "created_at")),
                    incident, alerts, n.path("alerts_omitted").asInt(), digest);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("notification JSON is not a message: " + e.getMessage(), e);
        }
    }

    /** @return one alert as JSON (a digest item's {@code alert}) */
    public static String writeAlert(NotifiedAlert a) {
        return compact(g -> alert(g, a, null));
    }

    /** @return an alert read from {@link #writeAlert} */
    public static NotifiedAlert readAlert(String json) {
        return readAlert(tree(json));
    }

    /** @return one incident as JSON */
    public static String writeIncident(NotifiedIncident i) {
        return compact(g -> incident(g, i));
    }

    /** @return an incident read from {@link #writeIncident} */
    public static NotifiedIncident readIncident(String json) {
        return readIncident(tree(json));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String compact(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("notification JSON must be an object, got " + abbreviate(json));
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("notification JSON is malformed: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    private static void alert(JsonGenerator g, NotifiedAlert a, String linkBase) throws IOException {
        Granularity gran = a.granularity();
        g.writeStartObject();
        ReportJson.writeAlertFields(a.asAlert(), gran, g);
        g.writeStringField("incident_id", a.incidentId());
        g.writeNumberField("alert_id", a.alertId());
        g.writeStringField("event", a.event().wireName());
        g.writeStringField("previous_severity", a.previousSeverity() == null ? null : a.previousSeverity().wireName());
        g.writeStringField("granularity", wire(gran));
        g.writeStringField("first_period", gran.format(a.firstPeriod()));
        g.writeNumberField("occurrences", a.occurrences());
        ReportJson.writeRounded(g, "peak_score", a.peakScore(), 4);
        g.writeStringField("status", a.status());
        if (linkBase != null) {
            g.writeStringField("link", MessageText.alertLink(linkBase, a.alertId()));
        }
        g.writeEndObject();
    }

    private static NotifiedAlert readAlert(JsonNode a) {
        Granularity gran = granularity(text(a, "granularity"));
        List<AlertCause> causes = new ArrayList<>();
        for (JsonNode c : a.path("root_causes")) {
            JsonNode start = c.get("start");
            causes.add(new AlertCause(EntityType.parse(text(c, "entity_type")), text(c, "entity_id"),
                    text(c, "entity_name"), RootCauseKind.valueOf(text(c, "kind").toUpperCase(Locale.ROOT)),
                    num(c, "confidence"), start == null || start.isNull() ? null : period(gran, start.asText()),
                    text(c, "summary")));
        }
        String prev = a.path("previous_severity").isTextual() ? a.get("previous_severity").asText() : null;
        return new NotifiedAlert(a.path("alert_id").asLong(), NotifiedAlert.Event.parse(text(a, "event")),
                prev == null ? null : Severity.parse(prev), EntityType.parse(text(a, "entity_type")),
                text(a, "entity_id"), text(a, "entity_name"), gran, period(gran, text(a, "period")),
                period(gran, text(a, "first_period")), period(gran, text(a, "anomaly_start")),
                a.path("occurrences").asInt(), num(a, "anomaly_score"), num(a, "peak_score"), num(a, "threshold"),
                Severity.parse(text(a, "severity")), text(a, "detector_type"), doubles(a.path("member_scores")),
                doubles(a.path("explanation")), doubles(a.path("kpi_changes")), causes, num(a, "money_at_stake"),
                Instant.parse(text(a, "detection_timestamp")),
                a.path("incident_id").isTextual() ? a.get("incident_id").asText() : null, text(a, "status"));
    }

    private static void incident(JsonGenerator g, NotifiedIncident i) throws IOException {
        Granularity gran = i.granularity();
        g.writeStartObject();
        g.writeStringField("id", i.id());
        g.writeStringField("kind", i.kind());
        g.writeStringField("root_entity_type", i.rootEntityType().wireName());
        g.writeStringField("root_entity_id", i.rootEntityId());
        g.writeStringField("root_entity_name", i.rootEntityName());
        g.writeStringField("profile_id", i.profileId());
        g.writeStringField("start", gran.format(i.start()));
        g.writeStringField("end", i.ongoing() ? null : gran.format(i.lastPeriod()));
        g.writeStringField("last_period", gran.format(i.lastPeriod()));
        g.writeBooleanField("ongoing", i.ongoing());
        g.writeStringField("peak_severity", i.peakSeverity().wireName());
        ReportJson.writeRounded(g, "peak_score", i.peakScore(), 4);
        ReportJson.writeRounded(g, "money_at_stake", i.moneyAtStake(), 2);
        g.writeNumberField("alert_count", i.alertCount());
        g.writeObjectFieldStart("affected");
        for (Map.Entry<EntityType, Integer> e : i.affected().entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("summary", i.summary());
        g.writeStringField("granularity", wire(gran));
        g.writeEndObject();
    }

    private static NotifiedIncident readIncident(JsonNode i) {
        Granularity gran = granularity(text(i, "granularity"));
        Map<EntityType, Integer> affected = new EnumMap<>(EntityType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = i.path("affected").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            affected.put(EntityType.parse(e.getKey()), e.getValue().asInt());
        }
        return new NotifiedIncident(text(i, "id"), i.path("profile_id").isTextual() ? i.get("profile_id").asText()
                : null, i.path("kind").isTextual() ? i.get("kind").asText() : null,
                EntityType.parse(text(i, "root_entity_type")), text(i, "root_entity_id"), text(i, "root_entity_name"),
                gran, period(gran, text(i, "start")), period(gran, text(i, "last_period")),
                i.path("ongoing").asBoolean(), Severity.parse(text(i, "peak_severity")), num(i, "peak_score"),
                num(i, "money_at_stake"), i.path("alert_count").asInt(), affected, text(i, "summary"));
    }

    private static void digest(JsonGenerator g, DigestSummary d) throws IOException {
        g.writeStartObject();
        g.writeStringField("cadence", d.cadence());
        g.writeStringField("from", d.from().toString());
        g.writeStringField("to", d.to().toString());
        g.writeNumberField("incident_count", d.incidentCount());
        g.writeNumberField("alert_count", d.alertCount());
        g.writeObjectFieldStart("severity_counts");
        for (Severity s : Severity.values()) {
            g.writeNumberField(s.wireName(), d.severityCounts().get(s));
        }
        g.writeEndObject();
        ReportJson.writeRounded(g, "money_at_stake", d.moneyAtStake(), 2);
        g.writeNumberField("incidents_omitted", d.incidentsOmitted());
        g.writeArrayFieldStart("incidents");
        for (DigestSummary.Entry e : d.incidents()) {
            g.writeStartObject();
            g.writeStringField("incident_id", e.incidentId());
            g.writeStringField("kind", e.kind());
            g.writeStringField("root_entity_type", e.rootEntityType().wireName());
            g.writeStringField("root_entity_id", e.rootEntityId());
            g.writeStringField("root_entity_name", e.rootEntityName());
            g.writeStringField("summary", e.summary());
            g.writeStringField("peak_severity", e.peakSeverity().wireName());
            ReportJson.writeRounded(g, "money_at_stake", e.moneyAtStake(), 2);
            g.writeNumberField("alert_count", e.alertCount());
            g.writeNumberField("escalations", e.escalations());
            g.writeNumberField("top_alert_id", e.topAlertId());
            g.writeArrayFieldStart("top_entities");
            for (String s : e.topEntities()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static DigestSummary readDigest(JsonNode d) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = d.path("severity_counts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            counts.put(Severity.parse(e.getKey()), e.getValue().asInt());
        }
        List<DigestSummary.Entry> entries = new ArrayList<>();
        for (JsonNode e : d.path("incidents")) {
            List<String> top = new ArrayList<>();
            e.path("top_entities").forEach(t -> top.add(t.asText()));
            entries.add(new DigestSummary.Entry(e.path("incident_id").isTextual() ? e.get("incident_id").asText()
                    : null, e.path("kind").isTextual() ? e.get("kind").asText() : null,
                    EntityType.parse(text(e, "root_entity_type")), text(e, "root_entity_id"),
                    text(e, "root_entity_name"), text(e, "summary"), Severity.parse(text(e, "peak_severity")),
                    num(e, "money_at_stake"), e.path("alert_count").asInt(), e.path("escalations").asInt(),
                    e.path("top_alert_id").asLong(), top));
        }
        return new DigestSummary(text(d, "cadence"), Instant.parse(text(d, "from")), Instant.parse(text(d, "to")),
                d.path("incident_count").asInt(), d.path("alert_count").asInt(), counts, num(d, "money_at_stake"),
                entries, d.path("incidents_omitted").asInt());
    }

    private static String wire(Granularity g) {
        return g.name().toLowerCase(Locale.ROOT);
    }

    private static Granularity granularity(String v) {
        return Granularity.valueOf(v.toUpperCase(Locale.ROOT));
    }

    private static LocalDateTime period(Granularity g, String v) {
        return g == Granularity.DAY ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("'" + key + "' must be set");
        }
        return v.asText();
    }

    private static double num(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static Map<String, Double> doubles(JsonNode n) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asDouble());
        }
        return m;
    }
}
