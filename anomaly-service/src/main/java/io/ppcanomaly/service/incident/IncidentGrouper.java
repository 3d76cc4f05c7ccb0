package io.ppcanomaly.service.incident;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups alerts into {@link Incident}s. Immutable and thread-safe.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>An alert's <em>root</em> is the entity of the root cause it names first; an alert without a root cause
 *       (root-cause analysis off, or nothing traced to it) is rooted at its own entity. The root decides the
 *       incident, not the root-cause kind: the analyzer may call the same problem {@code other} on its first day
 *       and {@code cpc_spike} once it has grown (it does on the built-in sample), and one problem must stay one
 *       incident. The incident's {@link Incident#kind() kind} is the kind most of its alerts name.</li>
 *   <li>Alerts of the same root (and profile) <em>touch in time</em> when each comes at most
 *       {@code 1 + gap} periods after the incident's last alert ({@link IncidentRules}); they form one incident.
 *       A longer quiet stretch ends the incident and the next alert of that root opens a new one. Alerts with
 *       different roots are different incidents, even on the same days.</li>
 *   <li>Alerts are taken in period order. An incident starts at its first alert's period and keeps that start
 *       (and so its id) for the rest of its life.</li>
 * </ol>
 *
 * <h2>Ids</h2>
 * {@link #incidentId} hashes the profile, the root entity and the start period: no counter, no clock, no
 * randomness. A backtest and a run judging one period at a time (continuing the incidents the earlier runs left
 * open), on one machine or after a restart, give the same incident the same id, and a store keys on it.
 * The id does not depend on the level checked: a keyword run and a campaign run that trace the same root from
 * the same period name the same incident.
 *
 * <h2>Continuing across runs</h2>
 * A run that judges one period at a time (a monitor) passes the incidents still {@link Incident#ongoing()
 * ongoing} after the previous run as {@code open}. An alert whose root matches an open incident, and which
 * touches it in time, joins it: the result holds the open incident under its id and start with the new alerts
 * added (an alert for an entity and period it already holds replaces it, so re-running a period changes
 * nothing). Only the incidents this call's alerts touch are returned; an open incident they do not continue is
 * over once {@link IncidentRules#isOngoing} says so for the run's last period, and its caller marks it ended
 * ({@link Incident#withOngoing}). Judged in order, one period per run gives exactly the backtest's incidents.
 */
public final class IncidentGrouper {

    /** A grouper with {@link IncidentRules#DEFAULT}. */
    public static final IncidentGrouper DEFAULT = new IncidentGrouper(IncidentRules.DEFAULT);

    /** Latest last period first, then most severe, then most money, then id. */
    public static final Comparator<Incident> ORDER = Comparator.comparing(Incident::lastPeriod).reversed()
            .thenComparing(Comparator.comparing(Incident::peakSeverity).reversed())
            .thenComparing(Comparator.comparingDouble(Incident::moneyAtStake).reversed())
            .thenComparing(Incident::id);

    private final IncidentRules rules;

    /** @param rules when alerts touch in time */
    public IncidentGrouper(IncidentRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** @return the rules */
    public IncidentRules rules() {
        return rules;
    }

    /**
     * Groups alerts into incidents, continuing the given open ones.
     *
     * @param alerts           the alerts of one or more periods, any order; at most one per entity and period
     * @param graph            the account's hierarchy, for each incident's profile and affected entities; may be
     *                         {@code null} (then the profile is {@code defaultProfileId} and only alerted
     *                         entities and roots count as affected)
     * @param defaultProfileId the profile when the graph names none above a root; may be {@code null}
     * @param g                the period length
     * @param asOf             the last period judged, not before any alert's period; decides
     *                         {@link Incident#ongoing()}
     * @param open             incidents earlier runs left ongoing (may be empty)
     * @return the incidents holding at least one of {@code alerts}, in {@link #ORDER}; every alert is in exactly
     *         one of them
     * @throws IllegalArgumentException for two alerts on one entity and period, or an alert after {@code asOf}
     */
    public List<Incident> group(Collection<IncidentAlert> alerts, EntityGraph graph, String defaultProfileId,
                                Granularity g, LocalDateTime asOf, Collection<Incident> open) {
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(g, "granularity");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(open, "open");
        List<IncidentAlert> sorted = new ArrayList<>(alerts);
        sorted.sort(Incident.ALERT_ORDER);
        Set<AlertRef> seen = new HashSet<>();
        for (IncidentAlert a : sorted) {
            if (!seen.add(a.ref())) {
                throw new IllegalArgumentException("alerts must hold one alert per entity and period, got two for "
                        + a.entityId() + " at " + g.format(a.period()));
            }
            if (a.period().isAfter(asOf)) {
                throw new IllegalArgumentException("alert periods must not be after asOf " + g.format(asOf)
                        + ", got " + g.format(a.period()) + " for " + a.entityId());
            }
        }
        Map<String, Builder> current = new HashMap<>();
        List<Incident> earlier = new ArrayList<>(open);
        earlier.sort(Comparator.comparing(Incident::lastPeriod).thenComparing(Incident::start)
                .thenComparing(Incident::id));
        for (Incident i : earlier) {
            current.put(key(i.profileId(), i.rootEntityId()), new Builder(i));
        }
        Set<Builder> touched = new LinkedHashSet<>();
        for (IncidentAlert a : sorted) {
            String rootId = a.rootEntityId();
            String profile = profileOf(graph, graph != null && graph.contains(rootId) ? rootId : a.entityId(),
                    defaultProfileId);
            String key = key(profile, rootId);
            Builder b = current.get(key);
            if (b == null || a.period().isBefore(b.start) || !rules.continues(b.last, a.period(), g)) {
                b = a.traced()
                        ? new Builder(incidentId(profile, rootId, a.period(), g), profile, a.cause().entityType(),
                                rootId, a.cause().entityName(), a.period())
                        : new Builder(incidentId(profile, rootId, a.period(), g), profile, a.entityType(), rootId,
                                a.entityName(), a.period());
                current.put(key, b);
            }
            b.add(a, graph);
            touched.add(b);
        }
        List<Incident> out = new ArrayList<>(touched.size());
        for (Builder b : touched) {
            out.add(Incident.of(b.id, b.profileId, b.rootType, b.rootId, b.rootName, b.affected, b.alerts.values(),
                    rules.isOngoing(b.last, asOf, g)));
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * The deterministic incident id: {@code inc-} and the first 16 hex digits of SHA-256 over the profile (empty
     * when none), the root entity id and the start period as {@link Granularity#format} writes it, separated by
     * NUL characters. Never changes between releases: stores key on it.
     *
     * @param profileId    the profile, or {@code null}
     * @param rootEntityId the root entity
     * @param start        the incident's first alerted period
     * @param g            the period length, for the start's text
     * @return e.g. {@code inc-3f9a0c2e7b14d5a8}
     */
    public static String incidentId(String profileId, String rootEntityId, LocalDateTime start, Granularity g) {
        Objects.requireNonNull(rootEntityId, "rootEntityId");
        String text = (profileId == null ? "" : profileId) + '\u0000' + rootEntityId + '\u0000' + g.format(start);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
        StringBuilder sb = new StringBuilder("inc-");
        for (int i = 0; i < 8; i++) {
            sb.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        return sb.toString();
    }

    private static String key(String profileId, String rootId) {
        return (profileId == null ? "" : profileId) + '\u0000' + rootId;
    }

    /** @return the profile at or above {@code entityId} in the graph, else {@code fallback} */
    static String profileOf(EntityGraph graph, String entityId, String fallback) {
        if (graph == null || !graph.contains(entityId)) {
            return fallback;
        }
        Entity e = graph.get(entityId);
        if (e.type() == EntityType.PROFILE) {
            return e.id();
        }
        Entity p = graph.ancestorOfType(entityId, EntityType.PROFILE);
        return p == null ? fallback : p.id();
    }

    /** One incident being assembled. */
    private static final class Builder {
        final String id;
        final String profileId;
        final EntityType rootType;
        final String rootId;
        final String rootName;
        final LocalDateTime start;
        LocalDateTime last;
        final Map<AlertRef, IncidentAlert> alerts = new LinkedHashMap<>();
        final Map<EntityType, Set<String>> affected = new EnumMap<>(EntityType.class);

        Builder(String id, String profileId, EntityType rootType, String rootId, String rootName,
                LocalDateTime start) {
            this.id = id;
            this.profileId = profileId;
            this.rootType = rootType;
            this.rootId = rootId;
            this.rootName = rootName;
            this.start = start;
            this.last = start;
        }

        Builder(Incident open) {
            this(open.id(), open.profileId(), open.rootEntityType(), open.rootEntityId(), open.rootEntityName(),
                    open.start());
            last = open.lastPeriod();
            for (IncidentAlert a : open.alerts()) {
                alerts.put(a.ref(), a);
            }
            open.affected().forEach((t, ids) -> affected.computeIfAbsent(t, k -> new TreeSet<>()).addAll(ids));
        }

        void add(IncidentAlert a, EntityGraph graph) {
            alerts.put(a.ref(), a);
            last = a.period().isAfter(last) ? a.period() : last;
            affected.computeIfAbsent(rootType, k -> new TreeSet<>()).add(rootId);
            affected.computeIfAbsent(a.entityType(), k -> new TreeSet<>()).add(a.entityId());
            if (graph == null || !graph.contains(a.entityId()) || a.entityId().equals(rootId)) {
                return;
            }
            List<Entity> up = graph.ancestors(a.entityId(), Integer.MAX_VALUE);
            int reach = -1;
            for (int i = 0; i < up.size(); i++) {
                if (up.get(i).id().equals(rootId)) {
                    reach = i;
                    break;
                }
            }
            for (int i = 0; i < reach; i++) {
                affected.computeIfAbsent(up.get(i).type(), k -> new TreeSet<>()).add(up.get(i).id());
            }
        }
    }
}
