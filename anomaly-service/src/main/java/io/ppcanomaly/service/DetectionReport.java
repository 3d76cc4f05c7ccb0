package io.ppcanomaly.service;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.source.LoadSummary;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one detection run. Immutable. {@link io.ppcanomaly.service.json.ReportJson} writes it as the
 * documented alerts JSON.
 *
 * @param entityType           the level checked
 * @param detector             the detector's provider name
 * @param granularity          the period length, for formatting periods
 * @param periods              the periods judged, oldest first (one, or the backtest's)
 * @param totalEntitiesChecked entities of the level scored in at least one period
 * @param anomaliesDetected    the number of alerts (entity × period)
 * @param severityCounts       alerts per severity, every severity present (0 when none)
 * @param alerts               the alerts: latest period first, then most severe, then highest score
 * @param executionTimeMs      wall time of the whole run, source included
 * @param entitiesSkipped      entities of the level never scored because their history was too short
 * @param windowsScored        feature windows scored (entities × periods)
 * @param echoesSuppressed     flagged windows not alerted because the judged period itself was normal: the flag
 *                             came from earlier periods still inside the window
 *                             ({@link DetectionRequest#confirmPeriod()})
 * @param belowMinScore        flagged windows not alerted because their score was under the request's
 *                             {@link DetectionRequest#minScore() floor}
 * @param trainingWindows      windows the detector was fitted on (0 with a saved model)
 * @param load                 rows read, loaded, filtered and skipped by the source
 * @param timings              where the time went
 * @param incidents            the alerts grouped into incidents
 *                             ({@link io.ppcanomaly.service.incident.IncidentGrouper}): latest last period first,
 *                             then most severe, then most money at stake; every alert is in exactly one. An
 *                             incident continued from an earlier run also holds that run's alerts.
 */
public record DetectionReport(EntityType entityType, String detector, Granularity granularity,
                              List<LocalDateTime> periods, int totalEntitiesChecked, int anomaliesDetected,
                              Map<Severity, Integer> severityCounts, List<Alert> alerts, long executionTimeMs,
                              int entitiesSkipped, long windowsScored, long echoesSuppressed, long belowMinScore,
                              int trainingWindows, LoadSummary load,
                              StageTimings timings, List<Incident> incidents) {

    /** Validates counts and freezes collections. */
    public DetectionReport {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(granularity, "granularity");
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("periods must not be empty");
        }
        alerts = List.copyOf(alerts);
        if (anomaliesDetected != alerts.size()) {
            throw new IllegalArgumentException("anomaliesDetected must equal the number of alerts (" + alerts.size()
                    + "), got " + anomaliesDetected);
        }
        if (totalEntitiesChecked < 0 || entitiesSkipped < 0 || windowsScored < 0 || echoesSuppressed < 0 || belowMinScore < 0
                || trainingWindows < 0 || executionTimeMs < 0) {
            throw new IllegalArgumentException("counts and time must be >= 0");
        }
        EnumMap<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, severityCounts.getOrDefault(s, 0));
        }
        int sum = 0;
        for (int c : counts.values()) {
            sum += c;
        }
        if (sum != alerts.size()) {
            throw new IllegalArgumentException("severityCounts must add up to the number of alerts (" + alerts.size()
                    + "), got " + sum);
        }
        severityCounts = Collections.unmodifiableMap(counts);
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(timings, "timings");
        incidents = List.copyOf(incidents);
        Map<AlertRef, Incident> owner = index(incidents);
        for (Alert a : alerts) {
            if (!owner.containsKey(ref(a))) {
                throw new IllegalArgumentException("incidents must hold every alert, got none holding "
                        + a.entityId() + " at " + a.period());
            }
        }
    }

    /**
     * A report whose alerts are grouped into incidents here, by {@link IncidentGrouper#DEFAULT} without the
     * account's hierarchy (each incident's profile is {@code null}, its affected entities the alerted ones and
     * the root), as of the last period: for reports built by hand or read back. The service builds its reports
     * with the hierarchy and the incidents earlier runs left open.
     *
     * @throws IllegalArgumentException as the canonical constructor, or for an alert after the last period
     */
    public DetectionReport(EntityType entityType, String detector, Granularity granularity,
                           List<LocalDateTime> periods, int totalEntitiesChecked, int anomaliesDetected,
                           Map<Severity, Integer> severityCounts, List<Alert> alerts, long executionTimeMs,
                           int entitiesSkipped, long windowsScored, long echoesSuppressed, long belowMinScore,
                           int trainingWindows, LoadSummary load, StageTimings timings) {
        this(entityType, detector, granularity, periods, totalEntitiesChecked, anomaliesDetected, severityCounts,
                alerts, executionTimeMs, entitiesSkipped, windowsScored, echoesSuppressed, belowMinScore,
                trainingWindows, load, timings, groupWithoutHierarchy(alerts, granularity, periods));
    }

    private static List<Incident> groupWithoutHierarchy(List<Alert> alerts, Granularity g,
                                                        List<LocalDateTime> periods) {
        if (periods == null || periods.isEmpty() || alerts == null || g == null) {
            return List.of();   // the canonical constructor names what is missing
        }
        List<IncidentAlert> members = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            members.add(IncidentAlerts.of(a));
        }
        return IncidentGrouper.DEFAULT.group(members, null, null, g, periods.get(periods.size() - 1), List.of());
    }

    /** @return the incident holding each alert (this report's and, for continued incidents, earlier runs') */
    public Map<AlertRef, Incident> incidentsByAlert() {
        return Collections.unmodifiableMap(index(incidents));
    }

    /**
     * Finds an alert's incident by scanning the incidents; for many look-ups use {@link #incidentsByAlert()}.
     *
     * @param alert an alert of this report
     * @return the incident holding it, empty when the alert is not from this report
     */
    public Optional<Incident> incidentOf(Alert alert) {
        AlertRef r = ref(alert);
        for (Incident i : incidents) {
            for (IncidentAlert a : i.alerts()) {
                if (a.ref().equals(r)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    private static AlertRef ref(Alert a) {
        return new AlertRef(a.entityType(), a.entityId(), a.period());
    }

    private static Map<AlertRef, Incident> index(List<Incident> incidents) {
        Map<AlertRef, Incident> owner = new HashMap<>();
        for (Incident i : incidents) {
            for (IncidentAlert a : i.alerts()) {
                Incident other = owner.put(a.ref(), i);
                if (other != null) {
                    throw new IllegalArgumentException("incidents must not share an alert, got " + a.entityId()
                            + " at " + a.period() + " in " + other.id() + " and " + i.id());
                }
            }
        }
        return owner;
    }

    /** @return the last period judged */
    public LocalDateTime asOf() {
        return periods.get(periods.size() - 1);
    }
}
