package io.ppcanomaly.service.incident;

import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Which alert: an entity in a period. Within one profile no two alerts share a reference (a run checks each
 * entity once per period), so it is the key by which an incident names its alerts and a store finds them.
 * Immutable.
 *
 * @param entityType the alerted entity's level
 * @param entityId   the alerted entity
 * @param period     the period alerted
 */
public record AlertRef(EntityType entityType, String entityId, LocalDateTime period) {

    /** Validates. */
    public AlertRef {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(period, "period");
    }
}
