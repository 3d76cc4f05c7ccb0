package io.ppcanomaly.notify.message;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.incident.Incident;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The incident a message reports, with the report's incident fields ({@code ReportJson}'s {@code incidents}
 * objects, without the alert list). Immutable.
 *
 * @param id             the incident's deterministic id ({@code inc-…})
 * @param profileId      the profile above the root entity, or {@code null}
 * @param kind           the root-cause kind's wire name ({@code budget_exhaustion}), or {@code null} when untraced
 * @param rootEntityType the root entity's level
 * @param rootEntityId   where the problem starts
 * @param rootEntityName its display name
 * @param granularity    day or hour, for formatting periods
 * @param start          its first alerted period
 * @param lastPeriod     its last alerted period
 * @param ongoing        whether a later run may still continue it
 * @param peakSeverity   the highest severity of its alerts
 * @param peakScore      the highest score, in [0, 1]
 * @param moneyAtStake   its alerts' money at stake added up, &ge; 0
 * @param alertCount     its alerts (every run's), &ge; 1
 * @param affected       entities involved per level
 * @param summary        one line for a person
 */
public record NotifiedIncident(String id, String profileId, String kind, EntityType rootEntityType,
                               String rootEntityId, String rootEntityName, Granularity granularity,
                               LocalDateTime start, LocalDateTime lastPeriod, boolean ongoing,
                               Severity peakSeverity, double peakScore, double moneyAtStake, int alertCount,
                               Map<EntityType, Integer> affected, String summary) {

    /** Validates and freezes. */
    public NotifiedIncident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rootEntityType, "rootEntityType");
        Objects.requireNonNull(rootEntityId, "rootEntityId");
        Objects.requireNonNull(rootEntityName, "rootEntityName");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(lastPeriod, "lastPeriod");
        Objects.requireNonNull(peakSeverity, "peakSeverity");
        Objects.requireNonNull(summary, "summary");
        if (alertCount < 1) {
            throw new IllegalArgumentException("alertCount of incident " + id + " must be >= 1, got " + alertCount);
        }
        Map<EntityType, Integer> a = new EnumMap<>(EntityType.class);
        if (affected != null) {
            a.putAll(affected);
        }
        affected = Collections.unmodifiableMap(a);
    }

    /**
     * @param i           an incident of a detection report
     * @param granularity the report's
     * @return it as a message reports it
     */
    public static NotifiedIncident of(Incident i, Granularity granularity) {
        return new NotifiedIncident(i.id(), i.profileId(), i.kind() == null ? null : i.kind().wireName(),
                i.rootEntityType(), i.rootEntityId(), i.rootEntityName(), granularity, i.start(), i.lastPeriod(),
                i.ongoing(), i.peakSeverity(), i.peakScore(), i.moneyAtStake(), i.alertCount(), i.affectedCounts(),
                i.summary());
    }
}
