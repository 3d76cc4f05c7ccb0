package io.ppcanomaly.service.incident;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alerts that share a root and touch in time, read as one problem: what went wrong where, since when, how bad,
 * how much money rides on it, and which alerts it holds. Immutable; built by {@link IncidentGrouper} (or
 * {@link #of} when a store rebuilds one it saved).
 *
 * <p>Everything but the id, the profile, the root entity, the affected entities and the ongoing flag follows
 * from the alerts, and the constructor checks that it does.
 *
 * @param id             deterministic: {@link IncidentGrouper#incidentId} of the profile, the root entity and
 *                       the start, so every run that sees this incident names it the same
 * @param profileId      the advertiser profile above the root entity, or {@code null} when the data names none
 * @param kind           the root-cause kind most of its alerts name first (ties: the higher confidence, then
 *                       the enum's order); {@code null} when none of its alerts names a root cause
 * @param rootEntityType the root entity's level
 * @param rootEntityId   where the problem starts: the root entity its alerts name first, or, for alerts without
 *                       a root cause, the alerted entity itself
 * @param rootEntityName its display name
 * @param start          the period of its first alert
 * @param lastPeriod     the period of its last alert, not before {@code start}
 * @param ongoing        whether a later run may still continue it ({@link IncidentRules#isOngoing}); while it is,
 *                       {@link #end()} is {@code null}
 * @param peakSeverity   the highest severity of its alerts
 * @param peakScore      the highest score of its alerts, in [0, 1]
 * @param moneyAtStake   the money at stake of all its alerts added up: the baseline spend or sales per period of
 *                       each affected entity, times the periods it was alerted
 * @param summary        one line for a person: the summary of the most confident root cause of its kind, or a
 *                       plain statement when no alert is traced
 * @param affected       the entities involved, by level ({@link EntityType} order, ids sorted): every alerted
 *                       entity and its ancestors up to and including the root entity
 * @param alerts         its alerts, oldest first (then by level and id); non-empty, at most one per entity and
 *                       period. An incident continued from an earlier run holds that run's alerts too.
 */
public record Incident(String id, String profileId, RootCauseKind kind, EntityType rootEntityType,
                       String rootEntityId, String rootEntityName, LocalDateTime start, LocalDateTime lastPeriod,
                       boolean ongoing, Severity peakSeverity, double peakScore, double moneyAtStake, String summary,
                       Map<EntityType, List<String>> affected, List<IncidentAlert> alerts) {

    /** Oldest first, then by level, then by id. */
    static final Comparator<IncidentAlert> ALERT_ORDER = Comparator.comparing(IncidentAlert::period)
            .thenComparing(IncidentAlert::entityType).thenComparing(IncidentAlert::entityId);

    /**
     * Validates, sorts and freezes.
     *
     * @throws IllegalArgumentException when a field does not follow from the alerts (start, last period, peak
     *                                  severity and score, money, kind), an alert is listed twice, names another
     *                                  root, or its entity is missing from {@code affected}
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rootEntityType, "rootEntityType");
        Objects.requireNonNull(rootEntityId, "rootEntityId");
        Objects.requireNonNull(rootEntityName, "rootEntityName");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(lastPeriod, "lastPeriod");
        Objects.requireNonNull(peakSeverity, "peakSeverity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(affected, "affected");
        Objects.requireNonNull(alerts, "alerts");
        if (id.isBlank()) {
            throw new IllegalArgumentException("incident id must not be blank, got '" + id + "'");
        }
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("alerts of incident " + id + " must not be empty");
        }
        List<IncidentAlert> sorted = new ArrayList<>(alerts);
        sorted.sort(ALERT_ORDER);
        alerts = List.copyOf(sorted);
        affected = freeze(affected);
        Aggregate a = Aggregate.of(alerts);
        if (a.refs.size() != alerts.size()) {
            throw new IllegalArgumentException("alerts of incident " + id + " must be unique by entity and period");
        }
        require(id, "start", start.equals(a.start), a.start, start);
        require(id, "lastPeriod", lastPeriod.equals(a.last), a.last, lastPeriod);
        require(id, "peakSeverity", peakSeverity == a.peakSeverity, a.peakSeverity, peakSeverity);
        require(id, "peakScore", peakScore == a.peakScore, a.peakScore, peakScore);
        require(id, "moneyAtStake", Math.abs(moneyAtStake - a.money) <= 1e-9 * Math.max(1, a.money), a.money,
                moneyAtStake);
        require(id, "kind", kind == a.kind, a.kind, kind);
        for (IncidentAlert x : alerts) {
            if (x.traced() && !x.cause().entityId().equals(rootEntityId)) {
                throw new IllegalArgumentException("alerts of incident " + id + " must name root " + rootEntityId
                        + " first, got " + x.cause().entityId() + " on " + x.entityId() + " at " + x.period());
            }
            List<String> level = affected.get(x.entityType());
            if (level == null || Collections.binarySearch(level, x.entityId()) < 0) {
                throw new IllegalArgumentException("affected of incident " + id + " must hold alerted entity "
                        + x.entityId());
            }
        }
    }

    /**
     * An incident from its alerts; the aggregates (start, last period, peaks, money, kind, summary) are computed.
     * This is how {@link IncidentGrouper} builds one and how a store rebuilds one from its rows.
     *
     * @param id             the incident's id (as {@link IncidentGrouper#incidentId} made it)
     * @param profileId      the profile above the root, or {@code null}
     * @param rootEntityType the root entity's level
     * @param rootEntityId   the root entity
     * @param rootEntityName its display name
     * @param affected       entities by level; the alerted entities are added when missing
     * @param alerts         its alerts, any order; non-empty, at most one per entity and period
     * @param ongoing        whether a later run may still continue it
     * @return the incident
     * @throws IllegalArgumentException as the constructor
     */
    public static Incident of(String id, String profileId, EntityType rootEntityType, String rootEntityId,
                              String rootEntityName, Map<EntityType, ? extends Collection<String>> affected,
                              Collection<IncidentAlert> alerts, boolean ongoing) {
        Objects.requireNonNull(alerts, "alerts");
        List<IncidentAlert> list = List.copyOf(alerts);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("alerts of incident " + id + " must not be empty");
        }
        Map<EntityType, Set<String>> all = new EnumMap<>(EntityType.class);
        Objects.requireNonNull(affected, "affected").forEach((t, ids) -> all.computeIfAbsent(t,
                k -> new TreeSet<>()).addAll(ids));
        for (IncidentAlert x : list) {
            all.computeIfAbsent(x.entityType(), k -> new TreeSet<>()).add(x.entityId());
        }
        Aggregate a = Aggregate.of(list);
        String summary = a.summary != null ? a.summary
                : rootEntityType.wireName().replace('_', ' ') + " '" + rootEntityName + "' anomalous in "
                  + a.periods + (a.periods == 1 ? " period" : " periods") + ", no root cause traced";
        Map<EntityType, List<String>> lists = new EnumMap<>(EntityType.class);
        all.forEach((t, ids) -> lists.put(t, new ArrayList<>(ids)));
        return new Incident(id, profileId, a.kind, rootEntityType, rootEntityId, rootEntityName, a.start, a.last,
                ongoing, a.peakSeverity, a.peakScore, a.money, summary, lists, list);
    }

    /** @return the last alerted period once the incident has ended, {@code null} while it is ongoing */
    public LocalDateTime end() {
        return ongoing ? null : lastPeriod;
    }

    /** @return whether at least one of its alerts names a root cause ({@link #kind()} is then not null) */
    public boolean traced() {
        return kind != null;
    }

    /** @return the number of alerts */
    public int alertCount() {
        return alerts.size();
    }

    /** @return the references of its alerts, oldest first */
    public List<AlertRef> alertRefs() {
        List<AlertRef> out = new ArrayList<>(alerts.size());
        for (IncidentAlert a : alerts) {
            out.add(a.ref());
        }
        return out;
    }

    /** @return the number of entities involved at each level, in {@link EntityType} order */
    public Map<EntityType, Integer> affectedCounts() {
        Map<EntityType, Integer> out = new EnumMap<>(EntityType.class);
        affected.forEach((t, ids) -> out.put(t, ids.size()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * @param ongoing the new flag
     * @return this incident with another ongoing flag (a store closes an incident no run continued)
     */
    public Incident withOngoing(boolean ongoing) {
        return new Incident(id, profileId, kind, rootEntityType, rootEntityId, rootEntityName, start, lastPeriod,
                ongoing, peakSeverity, peakScore, moneyAtStake, summary, affected, alerts);
    }

    /**
     * @param profileId the profile to name, or {@code null}
     * @return this incident under another profile id (a store answers with the tenant it keeps the incident
     *         under, which a report's data may name differently)
     */
    public Incident withProfileId(String profileId) {
        return new Incident(id, profileId, kind, rootEntityType, rootEntityId, rootEntityName, start, lastPeriod,
                ongoing, peakSeverity, peakScore, moneyAtStake, summary, affected, alerts);
    }

    private static Map<EntityType, List<String>> freeze(Map<EntityType, List<String>> m) {
        Map<EntityType, List<String>> out = new EnumMap<>(EntityType.class);
        m.forEach((t, ids) -> {
            List<String> s = new ArrayList<>(new TreeSet<>(Objects.requireNonNull(ids, "affected ids")));
            if (!s.isEmpty()) {
                out.put(Objects.requireNonNull(t, "affected level"), List.copyOf(s));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static void require(String id, String field, boolean ok, Object expected, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(field + " of incident " + id + " must be " + expected
                    + " (from its alerts), got " + got);
        }
    }

    /** What follows from the alerts. */
    private static final class Aggregate {
        LocalDateTime start;
        LocalDateTime last;
        Severity peakSeverity;
        double peakScore = -1;
        double money;
        RootCauseKind kind;
        String summary;
        int periods;
        final Set<AlertRef> refs = new HashSet<>();

        static Aggregate of(List<IncidentAlert> alerts) {
            Aggregate a = new Aggregate();
            Map<RootCauseKind, int[]> count = new EnumMap<>(RootCauseKind.class);
            Map<RootCauseKind, Double> conf = new EnumMap<>(RootCauseKind.class);
            Set<LocalDateTime> periods = new HashSet<>();
            for (IncidentAlert x : alerts) {
                a.refs.add(x.ref());
                periods.add(x.period());
                a.start = a.start == null || x.period().isBefore(a.start) ? x.period() : a.start;
                a.last = a.last == null || x.period().isAfter(a.last) ? x.period() : a.last;
                a.peakSeverity = a.peakSeverity == null || x.severity().compareTo(a.peakSeverity) > 0
                        ? x.severity() : a.peakSeverity;
                a.peakScore = Math.max(a.peakScore, x.anomalyScore());
                a.money += x.moneyAtStake();
                if (x.traced()) {
                    count.computeIfAbsent(x.cause().kind(), k -> new int[1])[0]++;
                    conf.merge(x.cause().kind(), x.cause().confidence(), Math::max);
                }
            }
            a.periods = periods.size();
            for (RootCauseKind k : count.keySet()) {   // enum order: the first of equals wins
                if (a.kind == null || count.get(k)[0] > count.get(a.kind)[0]
                        || (count.get(k)[0] == count.get(a.kind)[0] && conf.get(k) > conf.get(a.kind))) {
                    a.kind = k;
                }
            }
            IncidentAlert best = null;
            for (IncidentAlert x : alerts) {   // oldest first: on equal confidence the latest wins
                if (x.traced() && x.cause().kind() == a.kind
                        && (best == null || x.cause().confidence() >= best.cause().confidence())) {
                    best = x;
                }
            }
            a.summary = best == null ? null : best.cause().summary();
            return a;
        }
    }
}
