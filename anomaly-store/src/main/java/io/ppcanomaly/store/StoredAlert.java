package io.ppcanomaly.store;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.AlertCause;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert as the store keeps it: one entity's anomaly over one or more consecutive periods, with its lifecycle.
 * Immutable; read it again after a change ({@link #version()} increases by one per change).
 *
 * <p>An entity alerting on consecutive periods continues its open (or acknowledged) alert instead of opening a
 * new one: {@code occurrences} counts the periods, {@code firstPeriod}..{@code period} spans them, the detection
 * details (score, explanation, KPI changes, root causes, money at stake) are those of the latest period,
 * {@code peakScore} the highest score and {@code severity} the highest severity seen — an alert never
 * de-escalates while it is active.
 *
 * @param id                 the store's id, unique across profiles; kept when the alert is archived
 * @param profile            the tenant
 * @param entityType         the entity's level
 * @param entityId           the entity's id (the report's {@code entity_id})
 * @param entityName         its display name
 * @param granularity        the period length of the data it was found in
 * @param period             the latest period alerted (the one the details describe)
 * @param firstPeriod        the first period alerted; {@code period - firstPeriod + 1 == occurrences}
 * @param anomalyStart       when the anomalous run began, as the detector traced it back (&le; firstPeriod)
 * @param occurrences        consecutive periods alerted, &ge; 1
 * @param anomalyScore       the latest period's score in [0, 1]
 * @param peakScore          the highest score over the occurrences, in [0, 1]
 * @param threshold          the detector's threshold in [0, 1] in the latest period
 * @param severity           the highest severity over the occurrences
 * @param detectorType       the detector's provider name
 * @param memberScores       for an ensemble, each member's score in the latest period
 * @param explanation        feature → contribution to the latest score; empty when not explained
 * @param kpiChanges         feature → relative change of the latest period against the entity's baseline
 * @param rootCauses         the latest period's root causes, most likely first
 * @param moneyAtStake       the latest period's money at stake (baseline spend or sales per period), &ge; 0
 * @param status             open, acknowledged or resolved
 * @param acknowledgedBy     who acknowledged it, or {@code null}
 * @param acknowledgedAt     when, or {@code null}
 * @param resolvedBy         who resolved it, or {@code null}
 * @param resolvedAt         when, or {@code null}; set exactly when {@code status} is resolved
 * @param resolutionNote     the resolver's note, or {@code null}
 * @param revenueImpact      the revenue impact the resolver recorded (in the account's currency; may be
 *                           negative), or {@code null}
 * @param marketConditions   a JSON object the resolver attached (market conditions at the time), or {@code null}
 * @param campaignSettings   a JSON object the resolver attached (the campaign's settings), or {@code null}
 * @param firstSeen          when the store first saved it (the store's clock): the start of time to acknowledge
 *                           and time to resolve
 * @param lastSeen           when the store last saved an occurrence
 * @param detectionTimestamp when the detection run produced the latest occurrence (the run's clock)
 * @param updatedAt          when the row last changed
 * @param version            optimistic-locking version, 0 when opened, +1 per change
 * @param archivedAt         when it was moved to history, or {@code null} while live
 * @param incidentId         the incident its latest period belongs to ({@link AlertStore#incident}), or {@code null}
 *                           for an alert saved before the store kept incidents (schema version 4)
 */
public record StoredAlert(long id, ProfileId profile, EntityType entityType, String entityId, String entityName,
                          Granularity granularity, LocalDateTime period, LocalDateTime firstPeriod,
                          LocalDateTime anomalyStart, int occurrences, double anomalyScore, double peakScore,
                          double threshold, Severity severity, String detectorType, Map<String, Double> memberScores,
                          Map<String, Double> explanation, Map<String, Double> kpiChanges,
                          List<AlertCause> rootCauses, double moneyAtStake, AlertStatus status,
                          String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt,
                          String resolutionNote, Double revenueImpact, String marketConditions,
                          String campaignSettings, Instant firstSeen, Instant lastSeen, Instant detectionTimestamp,
                          Instant updatedAt, long version, Instant archivedAt, String incidentId) {

    /** Checks the required fields and freezes the collections. */
    public StoredAlert {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(firstPeriod, "firstPeriod");
        Objects.requireNonNull(anomalyStart, "anomalyStart");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detectorType, "detectorType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(detectionTimestamp, "detectionTimestamp");
        Objects.requireNonNull(updatedAt, "updatedAt");
        memberScores = freeze(memberScores);
        explanation = freeze(explanation);
        kpiChanges = freeze(kpiChanges);
        rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
    }

    private static Map<String, Double> freeze(Map<String, Double> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** @return whether it is open or acknowledged and not archived */
    public boolean isActive() {
        return status.isActive() && archivedAt == null;
    }

    /** @return whether it has been moved to history */
    public boolean isArchived() {
        return archivedAt != null;
    }

    /** @return from first seen to acknowledgement, empty when not acknowledged */
    public Optional<Duration> timeToAcknowledge() {
        return acknowledgedAt == null ? Optional.empty() : Optional.of(Duration.between(firstSeen, acknowledgedAt));
    }

    /** @return from first seen to resolution, empty when not resolved */
    public Optional<Duration> timeToResolve() {
        return resolvedAt == null ? Optional.empty() : Optional.of(Duration.between(firstSeen, resolvedAt));
    }
}
