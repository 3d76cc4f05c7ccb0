package io.ppcanomaly.monitor.state;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Where the monitor stands on one profile and level: which model judges it and the last period judged. Immutable.
 *
 * @param profile        the tenant
 * @param level          the level
 * @param modelVersionId the registry version the live state grew from
 * @param judgedThrough  the last period judged, or {@code null} while the model has judged nothing
 * @param revision       grows by one per write; writers compare and set it
 * @param updatedAt      when it was last written (store clock)
 */
public record Watermark(ProfileId profile, EntityType level, long modelVersionId, LocalDateTime judgedThrough,
                        long revision, Instant updatedAt) {

    /** Checks the required fields. */
    public Watermark {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
