package io.ppcanomaly.notify.message;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a digest message sums up: one route's announcements over one period, grouped by incident, highest stake
 * first. Immutable.
 *
 * @param cadence          {@code daily} or {@code weekly}
 * @param from             the period's start (the previous digest's end)
 * @param to               the period's end, exclusive
 * @param incidentCount    incidents reported, &ge; 1
 * @param alertCount       alerts announced in the period, &ge; 1
 * @param severityCounts   those alerts per severity
 * @param moneyAtStake     their money at stake added up
 * @param incidents        the incidents, highest stake first (at most the configured number)
 * @param incidentsOmitted incidents beyond those listed
 */
public record DigestSummary(String cadence, Instant from, Instant to, int incidentCount, int alertCount,
                            Map<Severity, Integer> severityCounts, double moneyAtStake, List<Entry> incidents,
                            int incidentsOmitted) {

    /**
     * One incident of a digest (or one alert's own group when it has no incident).
     *
     * @param incidentId     the incident's id, or {@code null} for an alert outside any incident
     * @param kind           the root-cause kind's wire name, or {@code null}
     * @param rootEntityType the root entity's level
     * @param rootEntityId   the root entity
     * @param rootEntityName its display name
     * @param summary        one line for a person
     * @param peakSeverity   the highest severity announced
     * @param moneyAtStake   money at stake of its alerts announced in the period
     * @param alertCount     its alerts announced in the period
     * @param escalations    how many of those announcements were escalations
     * @param topAlertId     the alert with the most money at stake, for a link
     * @param topEntities    the names of the entities with the most money at stake (at most 5)
     */
    public record Entry(String incidentId, String kind, EntityType rootEntityType, String rootEntityId,
                        String rootEntityName, String summary, Severity peakSeverity, double moneyAtStake,
                        int alertCount, int escalations, long topAlertId, List<String> topEntities) {

        /** Validates and freezes. */
        public Entry {
            Objects.requireNonNull(rootEntityType, "rootEntityType");
            Objects.requireNonNull(rootEntityId, "rootEntityId");
            Objects.requireNonNull(rootEntityName, "rootEntityName");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(peakSeverity, "peakSeverity");
            topEntities = List.copyOf(topEntities);
        }
    }

    /** Validates and freezes. */
    public DigestSummary {
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to " + to + ", got " + from);
        }
        Map<Severity, Integer> c = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            c.put(s, severityCounts == null ? 0 : severityCounts.getOrDefault(s, 0));
        }
        severityCounts = Collections.unmodifiableMap(c);
        incidents = List.copyOf(incidents);
    }
}
