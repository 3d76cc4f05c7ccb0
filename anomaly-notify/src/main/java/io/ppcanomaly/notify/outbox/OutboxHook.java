package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.notify.message.MessageText;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotifiedAlert;
import io.ppcanomaly.notify.message.NotifiedIncident;
import io.ppcanomaly.notify.routing.Route;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import io.ppcanomaly.store.SaveHook;
import io.ppcanomaly.store.SaveResult;
import io.ppcanomaly.store.StoreTransaction;
import io.ppcanomaly.store.StoredAlert;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notifications in the transaction that stores the alerts ({@link SaveHook}): the outbox row exists exactly
 * when its alerts do, so a crash or a rolled-back save never loses or invents a message.
 *
 * <p>For each route hearing the profile, the save's opened and continued alerts are grouped by the incident holding
 * their latest period (a profile-wide outage flagging 250 keywords is one group). A group qualifies when its
 * incident's alerts at the route's levels, muted ones left out, reach the route's severity and/or money at stake.
 * Each alert of a qualifying group is announced on the route once — again only when its severity rises — using
 * {@code anomaly_notify_state}: an immediate route gets one message per group (the alerts highest stake first), a
 * digest route a queued item per alert. An alert whose entity, or whose incident's root, is muted or snoozed for
 * the route is left out and not recorded, so it is announced after the mute ends if it is still active and
 * continues. Thread-safe (no state of its own).
 */
public final class OutboxHook implements SaveHook {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxHook.class);

    private final List<Route> routes;
    private final int maxAlerts;

    /**
     * @param routes    the routes
     * @param maxAlerts alerts listed in one message (the rest are counted), &ge; 1
     */
    public OutboxHook(List<Route> routes, int maxAlerts) {
        this.routes = List.copyOf(routes);
        if (maxAlerts < 1) {
            throw new IllegalArgumentException("maxAlerts must be >= 1, got " + maxAlerts);
        }
        this.maxAlerts = maxAlerts;
    }

    /** The save's alerts of one incident. */
    private static final class Group {
        final Incident incident;
        final List<StoredAlert> alerts = new ArrayList<>();

        Group(Incident incident) {
            this.incident = incident;
        }
    }

    /** What a route announces of one group. */
    private record Decision(NotifiedIncident incident, List<NotifiedAlert> alerts, Severity peak, double money) {
    }

    @Override
    public void afterSave(StoreTransaction tx, SaveResult saved) throws SQLException {
        List<Route> hearing = routes.stream().filter(r -> r.hears(tx.profile())).toList();
        if (hearing.isEmpty() || saved.isEmpty()) {
            return;
        }
        Map<Long, StoredAlert> candidates = new LinkedHashMap<>();
        saved.opened().forEach(a -> candidates.putIfAbsent(a.id(), a));
        saved.continued().forEach(a -> candidates.putIfAbsent(a.id(), a));
        Map<AlertRef, Incident> owner = saved.report().incidentsByAlert();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (StoredAlert a : candidates.values()) {
            Incident i = owner.get(new AlertRef(a.entityType(), a.entityId(), a.period()));
            groups.computeIfAbsent(i != null ? i.id() : "alert-" + a.id(), k -> new Group(i)).alerts.add(a);
        }
        Instant now = tx.now();
        List<Mute> mutes = OutboxRows.activeMutes(tx.connection(), tx.profile(), now);
        Map<Long, Map<String, Integer>> announced = OutboxRows.announced(tx.connection(), tx.profile(),
                candidates.keySet());
        Granularity gran = saved.report().granularity();
        int messages = 0;
        int queued = 0;
        for (Route r : hearing) {
            List<OutboxRows.Announced> record = new ArrayList<>();
            List<DigestItem> items = new ArrayList<>();
            for (Group g : groups.values()) {
                Decision d = decide(r, g, mutes, announced, now, gran);
                if (d == null) {
                    continue;
                }
                if (r.isDigest()) {
                    d.alerts().forEach(a -> items.add(new DigestItem(a, d.incident())));
                } else {
                    OutboxRows.insertMessage(tx, r.name(), r.type(), message(r, tx, d), g.incident == null ? null
                            : g.incident.id());
                    messages++;
                }
                d.alerts().forEach(a -> record.add(new OutboxRows.Announced(a.alertId(), a.severity().ordinal())));
            }
            OutboxRows.insertDigestItems(tx, r.name(), items);
            OutboxRows.recordAnnounced(tx, r.name(), record);
            queued += items.size();
        }
        if (messages > 0 || queued > 0) {
            LOG.debug("Profile {}: {} notification messages written, {} alerts queued for digests ({} incidents)",
                    tx.profile(), messages, queued, groups.size());
        }
    }

    private Notification message(Route r, StoreTransaction tx, Decision d) {
        List<NotifiedAlert> all = d.alerts();
        Severity previous = null;
        boolean escalation = all.stream().allMatch(a -> a.event() == NotifiedAlert.Event.ESCALATED);
        if (escalation) {
            previous = all.stream().map(NotifiedAlert::previousSeverity).max(Comparator.naturalOrder()).orElse(null);
        }
        String title = MessageText.incidentTitle(d.incident(), d.peak(), previous, d.money(), all.size());
        List<NotifiedAlert> listed = all.subList(0, Math.min(maxAlerts, all.size()));
        return new Notification(Notification.Kind.INCIDENT, r.name(), tx.profile().value(), title, d.peak(),
                d.money(), all.size(), tx.now(), d.incident(), listed, all.size() - listed.size(), null);
    }

    private static Decision decide(Route r, Group g, List<Mute> mutes, Map<Long, Map<String, Integer>> announced,
                                   Instant now, Granularity gran) {
        Incident inc = g.incident;
        if (inc != null && muted(mutes, r, now, inc.rootEntityType(), inc.rootEntityId())) {
            return null;
        }
        Severity peak = null;
        double money = 0;
        if (inc != null) {
            for (IncidentAlert x : inc.alerts()) {
                if (r.hears(x.entityType()) && !muted(mutes, r, now, x.entityType(), x.entityId())) {
                    peak = max(peak, x.severity());
                    money += x.moneyAtStake();
                }
            }
        }
        List<NotifiedAlert> out = new ArrayList<>();
        for (StoredAlert a : g.alerts) {
            if (!r.hears(a.entityType()) || muted(mutes, r, now, a.entityType(), a.entityId())) {
                continue;
            }
            if (inc == null) {
                money += a.moneyAtStake();
            }
            peak = max(peak, a.severity());
            Integer before = announced.getOrDefault(a.id(), Map.of()).get(r.name());
            if (before == null) {
                out.add(NotifiedAlert.of(a, NotifiedAlert.Event.OPENED, null, inc == null ? null : inc.id()));
            } else if (a.severity().ordinal() > before) {
                out.add(NotifiedAlert.of(a, NotifiedAlert.Event.ESCALATED, Severity.values()[before],
                        inc == null ? null : inc.id()));
            }
        }
        if (out.isEmpty() || peak == null || !r.qualifies(peak, money)) {
            return null;
        }
        out.sort(Comparator.comparingDouble(NotifiedAlert::moneyAtStake).reversed()
                .thenComparing(NotifiedAlert::severity, Comparator.reverseOrder())
                .thenComparingLong(NotifiedAlert::alertId));
        NotifiedIncident ni = inc != null ? NotifiedIncident.of(inc, gran) : alone(g.alerts.get(0), gran);
        return new Decision(ni, out, peak, money);
    }

    /** An incident of one alert, for an alert the report's incidents do not hold (a hand-built report). */
    private static NotifiedIncident alone(StoredAlert a, Granularity gran) {
        AlertCause c = a.rootCauses().isEmpty() ? null : a.rootCauses().get(0);
        String summary = c != null ? c.summary() : MessageText.entity(a.entityType(), a.entityName()) + " anomalous in "
                + a.occurrences() + (a.occurrences() == 1 ? " period" : " periods") + ", no root cause traced";
        return new NotifiedIncident("alert-" + a.id(), a.profile().value(), c == null ? null : c.kind().wireName(),
                c == null ? a.entityType() : c.entityType(), c == null ? a.entityId() : c.entityId(),
                c == null ? a.entityName() : c.entityName(), gran, a.firstPeriod(), a.period(), true, a.severity(),
                a.peakScore(), a.moneyAtStake(), 1, Map.of(a.entityType(), 1), summary);
    }

    private static boolean muted(List<Mute> mutes, Route r, Instant now, EntityType type, String id) {
        for (Mute m : mutes) {
            if (m.entityType() == type && m.entityId().equals(id) && m.silences(r.name(), now)) {
                return true;
            }
        }
        return false;
    }

    private static Severity max(Severity a, Severity b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    @Override
    public String toString() {
        return "OutboxHook" + routes.stream().map(Route::name).toList();
    }
}
