package io.ppcanomaly.service;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.service.incident.AlertRef;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a detection report on a generated account does against the account's labelled incidents. Immutable.
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li>An incident is <em>judged</em> when its days overlap the report's judged periods.</li>
 *   <li>An alert <em>matches</em> an incident when its period lies in the incident's days and its entity
 *       touches the incident: an affected keyword, or for higher levels an entity with an affected keyword
 *       below it. Incidents are disjoint (in entities, or in time for the outage), so an alert matches at most
 *       one.</li>
 *   <li><b>Incident recall</b> = judged incidents with at least one matching alert / judged incidents.</li>
 *   <li><b>Alert precision</b> = matching alerts / all alerts. Every alert counts, so a reporting outage that
 *       (correctly) flags hundreds of keywords weighs heavily; {@link #precisionExcludingOutages()} leaves
 *       those days out.</li>
 *   <li><b>Root-cause top-1</b>, per detected incident: the root entity named first by most of its matching
 *       alerts (ties: the higher confidence) must be the incident's true root entity.</li>
 *   <li>A <em>reported</em> incident is one of the report's {@link DetectionReport#incidents() incidents}; it
 *       <em>matches</em> a labelled incident when at least one of its alerts in this report matches it.</li>
 *   <li><b>Incident precision</b> = reported incidents matching a labelled incident / reported incidents: the
 *       share of what a person reads that is real. A reporting outage grouped into one incident counts once,
 *       where alert precision counts its hundreds of keyword alerts.</li>
 *   <li><b>Fragments</b>, per detected labelled incident: how many reported incidents match it (1 is ideal: the
 *       person reads the problem once).</li>
 * </ul>
 *
 * @param judgedIncidents     incidents overlapping the judged periods
 * @param detectedIncidents   of those, with at least one matching alert
 * @param alerts              all alerts
 * @param matchingAlerts      alerts matching an incident
 * @param outageAlerts        alerts on the days of a reporting outage (matching or not)
 * @param outageMatching      of those, matching
 * @param rootCauseCorrect    detected incidents whose top-1 root entity is right
 * @param alertsRootCorrect   matching alerts whose own first root cause is the true root entity
 * @param reportedIncidents   the report's incidents
 * @param matchingIncidents   of those, matching a labelled incident
 * @param outcomes            one line per judged incident
 */
public record LabelEvaluation(int judgedIncidents, int detectedIncidents, int alerts, int matchingAlerts,
                              int outageAlerts, int outageMatching, int rootCauseCorrect, int alertsRootCorrect,
                              int reportedIncidents, int matchingIncidents, List<Outcome> outcomes) {

    /**
     * What happened to one incident.
     *
     * @param incident      the label
     * @param alerts        matching alerts
     * @param firstAlert    the earliest period with a matching alert, or {@code null}
     * @param predictedRoot the top-1 root entity, or {@code null}
     * @param fragments     reported incidents matching it (0 when missed)
     */
    public record Outcome(Incident incident, int alerts, LocalDateTime firstAlert, String predictedRoot,
                          int fragments) {

        /** @return whether at least one alert matched */
        public boolean detected() {
            return alerts > 0;
        }

        /** @return whether the top-1 root entity is the true one */
        public boolean rootCorrect() {
            return incident.rootEntityId().equals(predictedRoot);
        }
    }

    /** Freezes the outcomes. */
    public LabelEvaluation {
        outcomes = List.copyOf(outcomes);
    }

    /** @return detected / judged incidents, 1 when none is judged */
    public double recall() {
        return judgedIncidents == 0 ? 1.0 : (double) detectedIncidents / judgedIncidents;
    }

    /** @return matching / all alerts, 1 when there is no alert */
    public double precision() {
        return alerts == 0 ? 1.0 : (double) matchingAlerts / alerts;
    }

    /** @return precision over the alerts outside reporting-outage days */
    public double precisionExcludingOutages() {
        int a = alerts - outageAlerts;
        return a == 0 ? 1.0 : (double) (matchingAlerts - outageMatching) / a;
    }

    /** @return correct top-1 root entities / detected incidents, 1 when none is detected */
    public double rootCauseTop1() {
        return detectedIncidents == 0 ? 1.0 : (double) rootCauseCorrect / detectedIncidents;
    }

    /** @return matching / reported incidents, 1 when there is no incident */
    public double incidentPrecision() {
        return reportedIncidents == 0 ? 1.0 : (double) matchingIncidents / reportedIncidents;
    }

    /** @return reported incidents per detected labelled incident (mean fragments), 0 when none is detected */
    public double fragmentsPerIncident() {
        int sum = 0;
        for (Outcome o : outcomes) {
            sum += o.fragments();
        }
        return detectedIncidents == 0 ? 0 : (double) sum / detectedIncidents;
    }

    /** @return matching alerts whose first root cause is the true root / matching alerts */
    public double alertRootCauseTop1() {
        return matchingAlerts == 0 ? 1.0 : (double) alertsRootCorrect / matchingAlerts;
    }

    /**
     * Scores a report against the account it was run on.
     *
     * @param report  a report on {@code account}'s entities (ids as the generator made them)
     * @param account the labelled account
     */
    public static LabelEvaluation evaluate(DetectionReport report, SampleAccount account) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(account, "account");
        EntityGraph graph = account.graph();
        LocalDateTime first = report.periods().get(0);
        LocalDateTime last = report.asOf();
        List<Incident> judged = new ArrayList<>();
        for (Incident i : account.incidents()) {
            if (!i.end().isBefore(first) && !i.start().isAfter(last)) {
                judged.add(i);
            }
        }
        Map<String, Set<String>> leavesCache = new HashMap<>();
        int[] matchingPer = new int[judged.size()];
        LocalDateTime[] firstAlert = new LocalDateTime[judged.size()];
        List<Map<String, double[]>> votes = new ArrayList<>();
        for (int k = 0; k < judged.size(); k++) {
            votes.add(new HashMap<>());
        }
        int matching = 0;
        int outage = 0;
        int outageMatching = 0;
        int alertRootOk = 0;
        Map<AlertRef, io.ppcanomaly.service.incident.Incident> owner = report.incidentsByAlert();
        Set<String> matchingIds = new HashSet<>();
        List<Set<String>> fragments = new ArrayList<>();
        for (int k = 0; k < judged.size(); k++) {
            fragments.add(new HashSet<>());
        }
        for (Alert a : report.alerts()) {
            String incidentId = owner.get(new AlertRef(a.entityType(), a.entityId(), a.period())).id();
            boolean onOutage = false;
            for (Incident i : account.incidents()) {
                if (i.kind() == io.ppcanomaly.api.sample.IncidentKind.REPORTING_OUTAGE && i.activeAt(a.period())) {
                    onOutage = true;
                }
            }
            outage += onOutage ? 1 : 0;
            for (int k = 0; k < judged.size(); k++) {
                Incident i = judged.get(k);
                if (!i.activeAt(a.period()) || !touches(graph, a.entityId(), i, leavesCache)) {
                    continue;
                }
                matching++;
                matchingIds.add(incidentId);
                fragments.get(k).add(incidentId);
                outageMatching += onOutage ? 1 : 0;
                matchingPer[k]++;
                if (firstAlert[k] == null || a.period().isBefore(firstAlert[k])) {
                    firstAlert[k] = a.period();
                }
                if (!a.rootCauses().isEmpty()) {
                    AlertCause c = a.rootCauses().get(0);
                    double[] v = votes.get(k).computeIfAbsent(c.entityId(), x -> new double[2]);
                    v[0]++;
                    v[1] = Math.max(v[1], c.confidence());
                    if (c.entityId().equals(i.rootEntityId())) {
                        alertRootOk++;
                    }
                }
                break;
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        int detected = 0;
        int rootOk = 0;
        for (int k = 0; k < judged.size(); k++) {
            String best = null;
            double[] bestV = null;
            for (Map.Entry<String, double[]> e : votes.get(k).entrySet()) {
                double[] v = e.getValue();
                if (bestV == null || v[0] > bestV[0] || (v[0] == bestV[0] && v[1] > bestV[1])
                        || (v[0] == bestV[0] && v[1] == bestV[1] && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestV = v;
                }
            }
            Outcome o = new Outcome(judged.get(k), matchingPer[k], firstAlert[k], best, fragments.get(k).size());
            outcomes.add(o);
            if (o.detected()) {
                detected++;
                rootOk += o.rootCorrect() ? 1 : 0;
            }
        }
        return new LabelEvaluation(judged.size(), detected, report.alerts().size(), matching, outage,
                outageMatching, rootOk, alertRootOk, report.incidents().size(), matchingIds.size(), outcomes);
    }

    private static boolean touches(EntityGraph g, String entityId, Incident i, Map<String, Set<String>> cache) {
        if (i.affectedKeywordIds().contains(entityId)) {
            return true;
        }
        if (!g.contains(entityId)) {
            return false;
        }
        Set<String> leaves = cache.computeIfAbsent(entityId, id -> {
            Set<String> s = new HashSet<>();
            for (Entity e : g.leaves(id)) {
                s.add(e.id());
            }
            return s;
        });
        if (leaves.size() == 1 && leaves.contains(entityId)) {
            return false;
        }
        for (String k : i.affectedKeywordIds()) {
            if (leaves.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** @return a few lines for a person: the three figures and what was missed or mis-traced */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Against the sample's labels (").append(judgedIncidents).append(" incidents in the judged periods)")
                .append('\n');
        sb.append(String.format(Locale.ROOT, "  incident recall    %d/%d = %.2f%n", detectedIncidents, judgedIncidents,
                recall()));
        sb.append(String.format(Locale.ROOT, "  alert precision    %d/%d = %.2f (%.2f outside reporting outages)%n",
                matchingAlerts, alerts, precision(), precisionExcludingOutages()));
        sb.append(String.format(Locale.ROOT, "  incident precision %d/%d = %.2f (%d alerts grouped into %d incidents; "
                + "%.2f reported per detected labelled incident)%n", matchingIncidents, reportedIncidents,
                incidentPrecision(), alerts, reportedIncidents, fragmentsPerIncident()));
        sb.append(String.format(Locale.ROOT, "  root-cause top-1   %d/%d = %.2f%n", rootCauseCorrect,
                detectedIncidents, rootCauseTop1()));
        for (Outcome o : outcomes) {
            Granularity g = o.incident().granularity();
            Incident i = o.incident();
            String what = i.id() + " " + i.kind().wireName() + " at " + i.rootEntityId() + " (" + g.format(i.start())
                    + ".." + g.format(i.end()) + ")";
            if (!o.detected()) {
                sb.append("  missed: ").append(what).append('\n');
            } else if (!o.rootCorrect()) {
                sb.append("  wrong root: ").append(what).append(", found ").append(o.predictedRoot()).append('\n');
            }
        }
        return sb.toString();
    }
}
