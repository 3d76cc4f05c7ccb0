package io.ppcanomaly.notify.message;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.store.StoredAlert;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as a message reports it: the report's alert fields (as {@code ReportJson} writes them) plus what the
 * store knows (its id, status, span) and why it is announced. Immutable.
 *
 * @param alertId            the stored alert's id (the dashboard's {@code /alerts/{id}})
 * @param event              first announcement on the route, or an escalation
 * @param previousSeverity   the severity announced before an escalation, {@code null} otherwise
 * @param entityType         the alerted entity's level
 * @param entityId           the alerted entity
 * @param entityName         its display name
 * @param granularity        day or hour, for formatting periods
 * @param period             the latest period alerted
 * @param firstPeriod        the first period of the stored alert
 * @param anomalyStart       when the anomalous run began
 * @param occurrences        consecutive periods alerted, &ge; 1
 * @param anomalyScore       the latest score in [0, 1]
 * @param peakScore          the highest score in [0, 1]
 * @param threshold          the detector's threshold in [0, 1]
 * @param severity           the alert's severity now
 * @param detectorType       the detector's provider name
 * @param memberScores       an ensemble's member scores
 * @param explanation        feature → contribution to the score
 * @param kpiChanges         feature → relative change against the baseline ({@code 1.8} = +180%)
 * @param rootCauses         root causes, most likely first
 * @param moneyAtStake       baseline spend or sales per period, &ge; 0
 * @param detectionTimestamp when the run produced it
 * @param incidentId         the incident holding its latest period, or {@code null}
 * @param status             {@code open}, {@code acknowledged} or {@code resolved} when the message was written
 */
public record NotifiedAlert(long alertId, Event event, Severity previousSeverity, EntityType entityType,
                            String entityId, String entityName, Granularity granularity, LocalDateTime period,
                            LocalDateTime firstPeriod, LocalDateTime anomalyStart, int occurrences,
                            double anomalyScore, double peakScore, double threshold, Severity severity,
                            String detectorType, Map<String, Double> memberScores, Map<String, Double> explanation,
                            Map<String, Double> kpiChanges, List<AlertCause> rootCauses, double moneyAtStake,
                            Instant detectionTimestamp, String incidentId, String status) {

    /** Why an alert is in a message. */
    public enum Event {
        /** The route has not announced this alert before. */
        OPENED,
        /** The route announced it at a lower severity. */
        ESCALATED;

        /** @return {@code opened} or {@code escalated} */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws IllegalArgumentException for another value */
        public static Event parse(String v) {
            for (Event e : values()) {
                if (e.wireName().equals(v)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("event must be opened or escalated, got '" + v + "'");
        }
    }

    /** Validates and freezes. */
    public NotifiedAlert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(firstPeriod, "firstPeriod");
        Objects.requireNonNull(anomalyStart, "anomalyStart");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detectorType, "detectorType");
        Objects.requireNonNull(detectionTimestamp, "detectionTimestamp");
        Objects.requireNonNull(status, "status");
        if (event == Event.ESCALATED && previousSeverity == null) {
            throw new IllegalArgumentException("previousSeverity must be set for an escalation of alert " + alertId);
        }
        if (!(moneyAtStake >= 0) || Double.isInfinite(moneyAtStake)) {
            throw new IllegalArgumentException("moneyAtStake must be finite and >= 0, got " + moneyAtStake);
        }
        memberScores = freeze(memberScores);
        explanation = freeze(explanation);
        kpiChanges = freeze(kpiChanges);
        rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
    }

    /**
     * @param a                a stored alert
     * @param event            why it is announced
     * @param previousSeverity the severity announced before, for an escalation
     * @param incidentId       the incident holding its latest period, or {@code null}
     * @return the alert as a message reports it
     */
    public static NotifiedAlert of(StoredAlert a, Event event, Severity previousSeverity, String incidentId) {
        return new NotifiedAlert(a.id(), event, event == Event.ESCALATED ? previousSeverity : null, a.entityType(),
                a.entityId(), a.entityName(), a.granularity(), a.period(), a.firstPeriod(), a.anomalyStart(),
                a.occurrences(), a.anomalyScore(), a.peakScore(), a.threshold(), a.severity(), a.detectorType(),
                a.memberScores(), a.explanation(), a.kpiChanges(), a.rootCauses(), a.moneyAtStake(),
                a.detectionTimestamp(), incidentId, a.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * @return the alert's report fields as a service {@link Alert} (without window or raw metrics), so a message
     *         writes them exactly as a report does
     * @throws IllegalArgumentException when a score or a period is one a report could not hold
     */
    public Alert asAlert() {
        return new Alert(entityType, entityId, entityName, period, anomalyStart, anomalyScore, threshold, severity,
                detectorType, memberScores, explanation, kpiChanges, moneyAtStake, rootCauses, detectionTimestamp,
                null, null);
    }

    private static Map<String, Double> freeze(Map<String, Double> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
