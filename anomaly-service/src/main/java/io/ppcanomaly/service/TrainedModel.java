package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A fitted detector with what it takes to use it again: the level it serves, the feature configuration its
 * windows were built with, and how far its training data reached. Immutable (the detector is fitted and
 * thread-safe to score).
 *
 * @param detector        the fitted detector
 * @param entityType      the level it was trained on
 * @param granularity     the period length of its training data
 * @param features        the feature configuration; detection must use the same
 * @param trainedThrough  the last period a training window ended at
 * @param trainingWindows how many windows it was fitted on
 * @param fitMillis       how long fitting took
 */
public record TrainedModel(Detector detector, EntityType entityType, Granularity granularity,
                           FeatureConfig features, LocalDateTime trainedThrough, int trainingWindows,
                           long fitMillis) {

    /** Validates. */
    public TrainedModel {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(trainedThrough, "trainedThrough");
        if (!detector.isFitted()) {
            throw new IllegalArgumentException("detector must be fitted, got an unfitted '" + detector.name() + "'");
        }
        if (trainingWindows < 0 || fitMillis < 0) {
            throw new IllegalArgumentException("trainingWindows and fitMillis must be >= 0, got " + trainingWindows
                    + " and " + fitMillis);
        }
    }

    /** @return a copy of {@code request} that scores with this model and its feature configuration */
    public DetectionRequest applyTo(DetectionRequest request) {
        if (request.entityType() != entityType) {
            throw new IllegalArgumentException("request entityType must be " + entityType.wireName()
                    + " (the model's), got " + request.entityType().wireName());
        }
        return request.toBuilder().model(detector).detector(detector.name()).features(features).build();
    }
}
