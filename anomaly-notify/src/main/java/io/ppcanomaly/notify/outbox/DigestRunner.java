package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.notify.message.DigestSummary;
import io.ppcanomaly.notify.message.MessageText;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotifiedAlert;
import io.ppcanomaly.notify.message.NotifiedIncident;
import io.ppcanomaly.notify.routing.DigestSchedule;
import io.ppcanomaly.notify.routing.Route;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreException;
import io.ppcanomaly.store.StoreTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the digests that are due: for each daily or weekly route hearing a profile, once its period has ended
 * ({@link DigestSchedule#lastEnd}), the alerts queued for it before that end become one message — incidents highest
 * stake first — written to the outbox in the same transaction that marks the items reported and records the digest
 * (one per route and period end, guarded by a unique index, so two instances write it once). A period with nothing
 * queued sends nothing. Items left from periods whose digest was missed (the process was down) go into the next one.
 * Thread-safe.
 */
public final class DigestRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DigestRunner.class);
    private static final int MAX_INCIDENTS = 50;

    private final AlertStore store;
    private final List<Route> routes;
    private final int maxAlerts;

    /**
     * @param store     the store holding the queue and the outbox
     * @param routes    the routes (immediate ones are ignored)
     * @param maxAlerts alerts listed in a digest message
     */
    public DigestRunner(AlertStore store, List<Route> routes, int maxAlerts) {
        this.store = Objects.requireNonNull(store, "store");
        this.routes = routes.stream().filter(Route::isDigest).toList();
        this.maxAlerts = maxAlerts;
    }

    /**
     * Writes the profile's due digests.
     *
     * @return the number of digest messages written
     */
    public int run(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        int written = 0;
        for (Route r : routes) {
            if (!r.hears(profile)) {
                continue;
            }
            try {
                written += store.inTransaction(profile, tx -> digest(tx, r)) ? 1 : 0;
            } catch (StoreException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                LOG.debug("Another instance wrote route {}'s digest of profile {} first", r.name(), profile);
            }
        }
        return written;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private record Row(long id, Instant createdAt, DigestItem item) {
    }

    private boolean digest(StoreTransaction tx, Route r) throws SQLException {
        DigestSchedule schedule = r.digest();
        Instant end = schedule.lastEnd(tx.now());
        if (OutboxRows.count(tx.connection(), "SELECT count(*) FROM anomaly_notify_digests WHERE profile_id = ? AND "
                + "route = ? AND period_end = ?", tx.profile().value(), r.name(), end) > 0) {
            return false;
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT id, created_at, item FROM "
                + "anomaly_notify_digest_items WHERE profile_id = ? AND route = ? AND digest_id IS NULL AND "
                + "created_at < ? ORDER BY created_at, id FOR UPDATE")) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, r.name());
            OutboxRows.instant(ps, 3, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), OutboxRows.instant(rs, 2), DigestItem.fromJson(rs.getString(3))));
                }
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        Instant start = schedule.startOf(end);
        if (rows.get(0).createdAt().isBefore(start)) {
            start = rows.get(0).createdAt();
        }
        Notification n = compose(tx.profile(), r, start, end, rows, tx.now());
        long outboxId = OutboxRows.insertMessage(tx, r.name(), r.type(), n, null);
        long digestId;
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO anomaly_notify_digests (profile_id, "
                + "route, period_start, period_end, outbox_id, item_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setString(1, tx.profile().value());
            ps.setString(2, r.name());
            OutboxRows.instant(ps, 3, start);
            OutboxRows.instant(ps, 4, end);
            ps.setLong(5, outboxId);
            ps.setInt(6, rows.size());
            OutboxRows.instant(ps, 7, tx.now());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                digestId = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = tx.connection().prepareStatement("UPDATE anomaly_notify_digest_items SET digest_id "
                + "= ? WHERE id = ? AND profile_id = ?")) {
            for (Row row : rows) {
                ps.setLong(1, digestId);
                ps.setLong(2, row.id());
                ps.setString(3, tx.profile().value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        LOG.info("Digest of route {} for profile {} ({} to {}): {} incidents, {} alerts", r.name(), tx.profile(), start,
                end, n.digest().incidentCount(), n.digest().alertCount());
        return true;
    }

    /** An incident's entry being built. */
    private static final class Entry {
        NotifiedIncident incident;
        final Map<Long, NotifiedAlert> alerts = new LinkedHashMap<>();
    }

    private Notification compose(ProfileId profile, Route r, Instant start, Instant end, List<Row> rows,
                                 Instant now) {
        Map<String, Entry> byIncident = new LinkedHashMap<>();
        Map<Long, NotifiedAlert> latest = new LinkedHashMap<>();
        Map<Long, Boolean> escalated = new LinkedHashMap<>();
        for (Row row : rows) {   // oldest first: a later item of the same alert (an escalation) replaces it
            NotifiedAlert a = row.item().alert();
            NotifiedIncident i = row.item().incident();
            String key = i != null ? i.id() : "alert-" + a.alertId();
            Entry e = byIncident.computeIfAbsent(key, k -> new Entry());
            e.incident = i != null ? i : e.incident;
            e.alerts.put(a.alertId(), a);
            latest.put(a.alertId(), a);
            escalated.merge(a.alertId(), a.event() == NotifiedAlert.Event.ESCALATED, Boolean::logicalOr);
        }
        List<DigestSummary.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Entry> me : byIncident.entrySet()) {
            Entry e = me.getValue();
            List<NotifiedAlert> alerts = new ArrayList<>(e.alerts.values());
            alerts.sort(Comparator.comparingDouble(NotifiedAlert::moneyAtStake).reversed()
                    .thenComparingLong(NotifiedAlert::alertId));
            NotifiedAlert top = alerts.get(0);
            Severity peak = alerts.stream().map(NotifiedAlert::severity).max(Comparator.naturalOrder()).orElseThrow();
            double money = alerts.stream().mapToDouble(NotifiedAlert::moneyAtStake).sum();
            int esc = (int) alerts.stream().filter(a -> escalated.get(a.alertId())).count();
            List<String> names = alerts.stream().limit(5).map(a -> MessageText.entity(a.entityType(), a.entityName()))
                    .toList();
            NotifiedIncident i = e.incident;
            entries.add(i != null
                    ? new DigestSummary.Entry(i.id(), i.kind(), i.rootEntityType(), i.rootEntityId(), i.rootEntityName(),
                            i.summary(), peak, money, alerts.size(), esc, top.alertId(), names)
                    : new DigestSummary.Entry(null, top.rootCauses().isEmpty() ? null
                            : top.rootCauses().get(0).kind().wireName(), top.entityType(), top.entityId(),
                            top.entityName(), top.rootCauses().isEmpty() ? MessageText.entity(top.entityType(),
                            top.entityName()) + " anomalous" : top.rootCauses().get(0).summary(), peak, money,
                            alerts.size(), esc, top.alertId(), names));
        }
        entries.sort(Comparator.comparingDouble(DigestSummary.Entry::moneyAtStake).reversed()
                .thenComparing(DigestSummary.Entry::peakSeverity, Comparator.reverseOrder()));
        List<NotifiedAlert> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparingDouble(NotifiedAlert::moneyAtStake).reversed()
                .thenComparingLong(NotifiedAlert::alertId));
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        all.forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
        double money = all.stream().mapToDouble(NotifiedAlert::moneyAtStake).sum();
        Severity peak = all.stream().map(NotifiedAlert::severity).max(Comparator.naturalOrder()).orElseThrow();
        List<DigestSummary.Entry> listed = entries.subList(0, Math.min(MAX_INCIDENTS, entries.size()));
        DigestSummary d = new DigestSummary(r.cadence().wireName(), start, end, entries.size(), all.size(), counts,
                money, listed, entries.size() - listed.size());
        List<NotifiedAlert> shown = all.subList(0, Math.min(maxAlerts, all.size()));
        return new Notification(Notification.Kind.DIGEST, r.name(), profile.value(),
                MessageText.digestTitle(r.cadence().wireName(), profile.value(), entries.size(), all.size(), money),
                peak, money, all.size(), now, null, shown, all.size() - shown.size(), d);
    }
}
