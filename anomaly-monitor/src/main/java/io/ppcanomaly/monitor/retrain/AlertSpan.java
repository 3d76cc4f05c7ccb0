package io.ppcanomaly.monitor.retrain;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The periods a labelled alert covered: an entity's run of alerted periods, first to last. Immutable.
 *
 * @param entityId the entity
 * @param first    its first alerted period
 * @param last     its latest alerted period, &ge; {@code first}
 */
public record AlertSpan(String entityId, LocalDateTime first, LocalDateTime last) {

    /** Validates. */
    public AlertSpan {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last must not be before first " + first + ", got " + last);
        }
    }
}
