package io.ppcanomaly.monitor.registry;

import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A model in the registry, without its bytes ({@link ModelRegistry#load} reads the model). Immutable.
 *
 * @param id              the version id, unique in the database
 * @param profile         the tenant
 * @param level           the level it judges
 * @param detector        the detector's provider name
 * @param granularity     the period length of its training data
 * @param features        the feature configuration its windows are built with
 * @param trainedThrough  the last period a training window ended at
 * @param trainingWindows windows it was fitted on
 * @param status          champion, challenger, retired or rejected
 * @param origin          initial, retrained or imported
 * @param validation      the shadow evaluation that decided it, if it met a champion
 * @param createdAt       when it was registered (store clock)
 * @param promotedAt      the latest time it became champion, or {@code null}
 * @param retiredAt       the latest time it stopped being champion, or {@code null}
 * @param hasFeedback     whether it carries a feedback filter ({@link ModelRegistry#feedback})
 */
public record ModelVersion(long id, ProfileId profile, EntityType level, String detector, Granularity granularity,
                           FeatureConfig features, LocalDateTime trainedThrough, int trainingWindows,
                           VersionStatus status, VersionOrigin origin, Optional<ShadowEvaluation> validation,
                           Instant createdAt, Instant promotedAt, Instant retiredAt, boolean hasFeedback) {

    /** Checks the required fields. */
    public ModelVersion {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(trainedThrough, "trainedThrough");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return e.g. {@code v12 (ensemble, keyword, trained through 2026-03-01, champion)} */
    public String describe() {
        return "v" + id + " (" + detector + ", " + level.wireName() + ", trained through "
                + granularity.format(trainedThrough) + ", " + status.wireName() + ")";
    }
}
