package io.ppcanomaly.service;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A root cause as attached to an alert: where the problem starts, what kind it is, how sure. Immutable.
 *
 * @param entityType the root entity's level
 * @param entityId   the root entity
 * @param entityName its display name
 * @param kind       what kind of problem
 * @param confidence in [0, 1]
 * @param start      the period the cause's anomaly starts
 * @param summary    one line for a person
 */
public record AlertCause(EntityType entityType, String entityId, String entityName, RootCauseKind kind,
                         double confidence, LocalDateTime start, String summary) {

    /** Validates. */
    public AlertCause {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }
}
