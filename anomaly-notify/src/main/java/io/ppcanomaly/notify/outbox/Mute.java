package io.ppcanomaly.notify.outbox;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.util.Objects;

/**
 * A silenced entity: its alerts, and the alerts of incidents rooted at it, are left out of the route's messages
 * until {@code endsAt} (a snooze) or until unmuted ({@code endsAt == null}, a mute). Alerts left out while silenced
 * are announced when it ends, if they are still active and continue. Immutable.
 *
 * @param id         the row's id
 * @param profile    the tenant
 * @param entityType the entity's level ({@code profile} silences a whole profile's incidents rooted at it)
 * @param entityId   the entity
 * @param route      the route, or {@value #ALL_ROUTES} for every route
 * @param endsAt     when it ends, or {@code null} for never
 * @param createdBy  who silenced it
 * @param note       why, or {@code null}
 * @param createdAt  when
 */
public record Mute(long id, ProfileId profile, EntityType entityType, String entityId, String route, Instant endsAt,
                   String createdBy, String note, Instant createdAt) {

    /** The route value that silences every route. */
    public static final String ALL_ROUTES = "*";

    /** Checks the required fields. */
    public Mute {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return whether it silences {@code route} at {@code now} */
    public boolean silences(String route, Instant now) {
        return (this.route.equals(ALL_ROUTES) || this.route.equals(route)) && (endsAt == null || endsAt.isAfter(now));
    }

    /** @return whether it is a snooze (it has an end) rather than a mute */
    public boolean isSnooze() {
        return endsAt != null;
    }
}
