package io.ppcanomaly.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.server.auth.ApiKey;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.json.ReportJson;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStatistics;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.IncidentDetail;
import io.ppcanomaly.store.IncidentPage;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.StoredIncident;
import io.ppcanomaly.store.TrainingExample;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON shapes for the store's objects, field for field as {@code openapi.yaml} documents them
 * (snake_case, every documented field present, {@code null} where a value is absent). Stateless.
 */
public final class Wire {

    private Wire() {
    }

    /** Writes a stored alert as an object. */
    public static void alert(JsonGenerator g, StoredAlert a) throws IOException {
        Granularity gr = a.granularity();
        g.writeStartObject();
        g.writeNumberField("id", a.id());
        g.writeStringField("profile_id", a.profile().value());
        g.writeStringField("entity_type", a.entityType().wireName());
        g.writeStringField("entity_id", a.entityId());
        g.writeStringField("entity_name", a.entityName());
        g.writeStringField("granularity", gr.name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("period", gr.format(a.period()));
        g.writeStringField("first_period", gr.format(a.firstPeriod()));
        g.writeStringField("anomaly_start", gr.format(a.anomalyStart()));
        g.writeNumberField("occurrences", a.occurrences());
        g.writeNumberField("anomaly_score", a.anomalyScore());
        g.writeNumberField("peak_score", a.peakScore());
        g.writeNumberField("threshold", a.threshold());
        g.writeStringField("severity", a.severity().wireName());
        g.writeStringField("detector_type", a.detectorType());
        Json.numbers(g, "member_scores", a.memberScores());
        Json.numbers(g, "explanation", a.explanation());
        Json.numbers(g, "kpi_changes", a.kpiChanges());
        g.writeArrayFieldStart("root_causes");
        for (AlertCause c : a.rootCauses()) {
            cause(g, c, gr);
        }
        g.writeEndArray();
        g.writeNumberField("money_at_stake", a.moneyAtStake());
        Json.text(g, "incident_id", a.incidentId());
        g.writeStringField("status", a.status().wireName());
        Json.text(g, "acknowledged_by", a.acknowledgedBy());
        Json.instant(g, "acknowledged_at", a.acknowledgedAt());
        Json.text(g, "resolved_by", a.resolvedBy());
        Json.instant(g, "resolved_at", a.resolvedAt());
        Json.text(g, "resolution_note", a.resolutionNote());
        Json.number(g, "revenue_impact", a.revenueImpact());
        Json.raw(g, "market_conditions", a.marketConditions());
        Json.raw(g, "campaign_settings", a.campaignSettings());
        Json.instant(g, "first_seen", a.firstSeen());
        Json.instant(g, "last_seen", a.lastSeen());
        Json.instant(g, "detection_timestamp", a.detectionTimestamp());
        Json.instant(g, "updated_at", a.updatedAt());
        g.writeNumberField("version", a.version());
        Json.instant(g, "archived_at", a.archivedAt());
        g.writeEndObject();
    }

    private static void cause(JsonGenerator g, AlertCause c, Granularity gr) throws IOException {
        g.writeStartObject();
        g.writeStringField("entity_type", c.entityType().wireName());
        g.writeStringField("entity_id", c.entityId());
        g.writeStringField("entity_name", c.entityName());
        g.writeStringField("kind", c.kind().wireName());
        g.writeNumberField("confidence", c.confidence());
        Json.text(g, "start", c.start() == null ? null : gr.format(c.start()));
        g.writeStringField("summary", c.summary());
        g.writeEndObject();
    }

    /** @return a stored alert as JSON bytes */
    public static byte[] alert(StoredAlert a) {
        return Json.bytes(g -> alert(g, a));
    }

    /** @return one page of the feed: its alerts and how to get the next page */
    public static byte[] page(ProfileId profile, AlertPage page, String nextLink) {
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("profile_id", profile.value());
            g.writeArrayFieldStart("alerts");
            for (StoredAlert a : page.alerts()) {
                alert(g, a);
            }
            g.writeEndArray();
            g.writeNumberField("offset", page.page().offset());
            g.writeNumberField("limit", page.page().limit());
            g.writeBooleanField("has_more", page.hasMore());
            Json.text(g, "next", page.hasMore() ? nextLink : null);
            g.writeEndObject();
        });
    }

    /** @return one page of a profile's incidents and how to get the next page */
    public static byte[] incidentPage(ProfileId profile, IncidentPage page, String nextLink) {
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("profile_id", profile.value());
            g.writeArrayFieldStart("incidents");
            for (StoredIncident i : page.incidents()) {
                g.writeStartObject();
                incidentFields(g, i);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("offset", page.page().offset());
            g.writeNumberField("limit", page.page().limit());
            g.writeBooleanField("has_more", page.hasMore());
            Json.text(g, "next", page.hasMore() ? nextLink : null);
            g.writeEndObject();
        });
    }

    /** @return one incident with its stored alerts (live or archived) */
    public static byte[] incident(IncidentDetail d) {
        return Json.bytes(g -> {
            g.writeStartObject();
            incidentFields(g, d.incident());
            g.writeArrayFieldStart("alerts");
            for (StoredAlert a : d.alerts()) {
                alert(g, a);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * The incident as the report writes it (its {@code profile_id} the profile the store keeps it under, as every
     * answer of the API names it), then what the store adds (granularity, times, version).
     */
    private static void incidentFields(JsonGenerator g, StoredIncident i) throws IOException {
        g.writeObjectFieldStart("incident");
        ReportJson.writeIncidentFields(i.incident().withProfileId(i.profile().value()), i.granularity(), g);
        g.writeEndObject();
        g.writeStringField("granularity", i.granularity().name().toLowerCase(java.util.Locale.ROOT));
        Json.instant(g, "first_seen", i.firstSeen());
        Json.instant(g, "updated_at", i.updatedAt());
        g.writeNumberField("version", i.version());
    }

    /** @return a profile's statistics */
    public static byte[] statistics(AlertStatistics s) {
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("profile_id", s.profile().value());
            g.writeStringField("from", s.from().toString());
            g.writeStringField("to", s.to().toString());
            g.writeNumberField("total", s.total());
            severities(g, "by_severity", s.bySeverity());
            g.writeObjectFieldStart("by_entity_type");
            for (Map.Entry<EntityType, Long> e : s.byEntityType().entrySet()) {
                g.writeNumberField(e.getKey().wireName(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("by_detector");
            for (Map.Entry<String, Long> e : s.byDetector().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("by_status");
            for (Map.Entry<AlertStatus, Long> e : s.byStatus().entrySet()) {
                g.writeNumberField(e.getKey().wireName(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("by_day");
            for (AlertStatistics.DayCount d : s.byDay()) {
                g.writeStartObject();
                g.writeStringField("day", d.day().toString());
                g.writeNumberField("total", d.total());
                severities(g, "by_severity", d.bySeverity());
                g.writeEndObject();
            }
            g.writeEndArray();
            Json.number(g, "mean_time_to_acknowledge_minutes", minutes(s.meanTimeToAcknowledge()));
            Json.number(g, "mean_time_to_resolve_minutes", minutes(s.meanTimeToResolve()));
            totals(g, "top_by_alerts", s.topByAlerts());
            totals(g, "top_by_money_at_stake", s.topByMoneyAtStake());
            g.writeNumberField("labelled", s.labelled());
            g.writeNumberField("labelled_true", s.labelledTrue());
            Json.number(g, "precision", s.precision().isPresent() ? s.precision().getAsDouble() : null);
            g.writeEndObject();
        });
    }

    private static Double minutes(Duration d) {
        return d == null ? null : d.toMillis() / 60_000.0;
    }

    private static void severities(JsonGenerator g, String name, Map<Severity, Long> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<Severity, Long> e : m.entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, String name, List<AlertStatistics.EntityTotal> list)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (AlertStatistics.EntityTotal t : list) {
            g.writeStartObject();
            g.writeStringField("entity_type", t.entityType().wireName());
            g.writeStringField("entity_id", t.entityId());
            Json.text(g, "entity_name", t.entityName());
            g.writeNumberField("alerts", t.alerts());
            g.writeNumberField("money_at_stake", t.moneyAtStake());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** @return a feedback row (training example) without its window */
    public static byte[] feedback(TrainingExample t, Granularity gr) {
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("id", t.id());
            g.writeStringField("profile_id", t.profile().value());
            g.writeNumberField("alert_id", t.alertId());
            g.writeStringField("entity_type", t.entityType().wireName());
            g.writeStringField("entity_id", t.entityId());
            g.writeStringField("period", gr.format(t.period()));
            g.writeStringField("detector_type", t.detectorType());
            g.writeBooleanField("is_true_anomaly", t.trueAnomaly());
            g.writeNumberField("predicted_score", t.predictedScore());
            g.writeBooleanField("was_correctly_classified", t.correctlyClassified());
            g.writeBooleanField("has_window", t.window() != null);
            g.writeStringField("labelled_by", t.labelledBy());
            Json.instant(g, "labelled_at", t.labelledAt());
            g.writeEndObject();
        });
    }

    /** Writes an API key (never its secret or hash). */
    public static void key(JsonGenerator g, ApiKey k) throws IOException {
        g.writeStartObject();
        g.writeStringField("key_id", k.keyId());
        g.writeStringField("role", k.role().wireName());
        g.writeArrayFieldStart("profiles");
        for (ProfileId p : k.profiles().stream().sorted(Comparator.comparing(ProfileId::value)).toList()) {
            g.writeString(p.value());
        }
        g.writeEndArray();
        g.writeStringField("name", k.name());
        g.writeStringField("created_by", k.createdBy());
        Json.instant(g, "created_at", k.createdAt());
        Json.instant(g, "revoked_at", k.revokedAt());
        g.writeEndObject();
    }

    /** @return an error body */
    public static byte[] error(ApiException e) {
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("error", e.code());
            g.writeStringField("message", e.getMessage());
            if (e.field() != null) {
                g.writeStringField("field", e.field());
                Json.text(g, "value", e.value());
            }
            if (!e.allowed().isEmpty()) {
                g.writeArrayFieldStart("allowed");
                for (String a : e.allowed()) {
                    g.writeString(a);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }
}
