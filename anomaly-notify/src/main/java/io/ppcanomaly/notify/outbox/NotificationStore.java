package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotificationJson;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The notification tables seen from outside the dispatcher: the outbox's messages (dead ones first of all, for the
 * command line and the API), re-queuing a dead message, purging old rows, and per-entity mutes and snoozes. Every
 * call names the profile and is one store transaction. Needs no notifier: a service showing dead messages does not
 * send any. Thread-safe.
 */
public final class NotificationStore {

    private final AlertStore store;

    /** @param store the alert store holding the notification tables (schema version 2 or later) */
    public NotificationStore(AlertStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The profile's dead messages, the most recently given up first: each with its route, title, attempts and last
     * error.
     */
    public List<OutboxMessage> dead(ProfileId profile, Page page) {
        return list(profile, MessageStatus.DEAD, "dead_at DESC, id DESC", page);
    }

    /** The profile's pending messages, the soonest due first. */
    public List<OutboxMessage> pending(ProfileId profile, Page page) {
        return list(profile, MessageStatus.PENDING, "next_attempt_at, id", page);
    }

    /** The profile's sent messages, the most recent first. */
    public List<OutboxMessage> sent(ProfileId profile, Page page) {
        return list(profile, MessageStatus.SENT, "sent_at DESC, id DESC", page);
    }

    private List<OutboxMessage> list(ProfileId profile, MessageStatus status, String order, Page page) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(page, "page");
        return store.inTransaction(profile, tx -> {
            List<OutboxMessage> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT " + OutboxRows.COLUMNS + " FROM "
                    + "anomaly_notify_outbox WHERE profile_id = ? AND status = ? ORDER BY " + order + " OFFSET "
                    + page.offset() + " ROWS FETCH NEXT " + page.limit() + " ROWS ONLY")) {
                ps.setString(1, profile.value());
                ps.setString(2, status.wireName());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(OutboxRows.message(rs, profile));
                    }
                }
            }
            return out;
        });
    }

    /** @return the message, or empty when the profile holds no message with this id */
    public Optional<OutboxMessage> message(ProfileId profile, long id) {
        Objects.requireNonNull(profile, "profile");
        return store.inTransaction(profile, tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT " + OutboxRows.COLUMNS + " FROM "
                    + "anomaly_notify_outbox WHERE profile_id = ? AND id = ?")) {
                ps.setString(1, profile.value());
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(OutboxRows.message(rs, profile)) : Optional.empty();
                }
            }
        });
    }

    /** @return the message's content as its notifier would render it, or empty when the profile holds no such id */
    public Optional<Notification> content(ProfileId profile, long id) {
        Objects.requireNonNull(profile, "profile");
        return store.inTransaction(profile, tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT payload FROM anomaly_notify_outbox "
                    + "WHERE profile_id = ? AND id = ?")) {
                ps.setString(1, profile.value());
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(NotificationJson.read(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** @return how many of the profile's messages are pending, sent and dead */
    public Map<MessageStatus, Long> counts(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        return store.inTransaction(profile, tx -> {
            Map<MessageStatus, Long> out = new EnumMap<>(MessageStatus.class);
            for (MessageStatus s : MessageStatus.values()) {
                out.put(s, 0L);
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("SELECT status, count(*) FROM "
                    + "anomaly_notify_outbox WHERE profile_id = ? GROUP BY status")) {
                ps.setString(1, profile.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(MessageStatus.parse(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Sends a dead message again: pending, due now, its attempts counted from zero, its delivery id unchanged (a
     * receiver that got it after all can still drop it).
     *
     * @return whether the profile held a dead message with this id
     */
    public boolean retry(ProfileId profile, long id) {
        Objects.requireNonNull(profile, "profile");
        return store.inTransaction(profile, tx -> OutboxRows.update(tx.connection(), "UPDATE anomaly_notify_outbox SET "
                + "status = 'pending', attempts = 0, next_attempt_at = ?, dead_at = NULL, lease_owner = NULL, "
                + "updated_at = ? WHERE profile_id = ? AND id = ? AND status = 'dead'", tx.now(), tx.now(),
                profile.value(), id) > 0);
    }

    /**
     * Deletes the profile's old rows: sent messages sent before {@code before}, digest items reported in a digest
     * and queued before it, digests written before it, and what routes announced before it about alerts that are no
     * longer active (an active alert's record stays, or it would be announced again). Dead and pending messages stay.
     *
     * @return rows deleted
     */
    public int purge(ProfileId profile, Instant before) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(before, "before");
        String p = profile.value();
        return store.inTransaction(profile, tx -> OutboxRows.update(tx.connection(), "DELETE FROM "
                + "anomaly_notify_outbox WHERE profile_id = ? AND status = 'sent' AND sent_at < ?", p, before)
                + OutboxRows.update(tx.connection(), "DELETE FROM anomaly_notify_digest_items WHERE profile_id = ? AND "
                + "digest_id IS NOT NULL AND created_at < ?", p, before)
                + OutboxRows.update(tx.connection(), "DELETE FROM anomaly_notify_digests WHERE profile_id = ? AND "
                + "created_at < ?", p, before)
                + OutboxRows.update(tx.connection(), "DELETE FROM anomaly_notify_state WHERE profile_id = ? AND "
                + "notified_at < ? AND NOT EXISTS (SELECT 1 FROM anomaly_alerts a WHERE a.profile_id = ? AND a.id = "
                + "anomaly_notify_state.alert_id AND a.status <> 'resolved')", p, before, p));
    }

    /**
     * Mutes an entity on a route until it is unmuted: its alerts, and those of incidents rooted at it, are left out
     * of the route's messages. Muting again replaces the earlier mute or snooze of the same entity and route.
     *
     * @param route the route, or {@code null} for every route
     * @param who   who, 1 to 256 characters
     * @param note  why, or {@code null}
     * @return the mute
     */
    public Mute mute(ProfileId profile, EntityType type, String entityId, String route, String who, String note) {
        return silence(profile, type, entityId, route, null, who, note);
    }

    /**
     * Snoozes an entity on a route until {@code until}: a mute that ends by itself.
     *
     * @param until when the snooze ends; after now
     * @throws IllegalArgumentException when {@code until} is not after the store clock's now
     */
    public Mute snooze(ProfileId profile, EntityType type, String entityId, String route, Instant until, String who,
                       String note) {
        Objects.requireNonNull(until, "until");
        return silence(profile, type, entityId, route, until, who, note);
    }

    private Mute silence(ProfileId profile, EntityType type, String entityId, String route, Instant until, String who,
                         String note) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(type, "type");
        if (entityId == null || entityId.isBlank() || entityId.length() > 1024) {
            throw new IllegalArgumentException("entityId must be 1 to 1,024 characters, got '" + entityId + "'");
        }
        if (who == null || who.isBlank() || who.length() > 256) {
            throw new IllegalArgumentException("who must be 1 to 256 characters, got '" + who + "'");
        }
        if (note != null && note.length() > 4000) {
            throw new IllegalArgumentException("note must be at most 4,000 characters, got " + note.length());
        }
        String r = route == null ? Mute.ALL_ROUTES : route;
        if (!r.equals(Mute.ALL_ROUTES) && !io.ppcanomaly.notify.routing.Route.NAME.matcher(r).matches()) {
            throw new IllegalArgumentException("route must be a route name or " + Mute.ALL_ROUTES + ", got '" + r + "'");
        }
        return store.inTransaction(profile, tx -> {
            if (until != null && !until.isAfter(tx.now())) {
                throw new IllegalArgumentException("until must be after now " + tx.now() + ", got " + until);
            }
            return OutboxRows.mute(tx, type, entityId, r, until, who.strip(), note);
        });
    }

    /**
     * Ends a mute or snooze.
     *
     * @param route the route, or {@code null} for the every-route mute
     * @return whether one existed
     */
    public boolean unmute(ProfileId profile, EntityType type, String entityId, String route) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entityId, "entityId");
        String r = route == null ? Mute.ALL_ROUTES : route;
        return store.inTransaction(profile, tx -> OutboxRows.unmute(tx, type, entityId, r));
    }

    /** @return the profile's mutes and snoozes in force now (the store's clock) */
    public List<Mute> mutes(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        return store.inTransaction(profile, tx -> OutboxRows.activeMutes(tx.connection(), profile, tx.now()));
    }
}
