package io.ppcanomaly.store;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A person's label on an alert, with what the detector saw: a row of {@code anomaly_training_data}. Immutable.
 * Retraining teaches the windows of false alerts as normal and keeps true anomalies out of training.
 *
 * @param id                  the row's id
 * @param profile             the tenant
 * @param alertId             the labelled alert (live or archived)
 * @param entityType          the entity's level
 * @param entityId            the entity
 * @param period              the period of the window (the alert's latest period when labelled)
 * @param detectorType        the detector that scored it
 * @param window              the feature window the detector judged (feature names and rows), or {@code null} when
 *                            the alert was saved without one
 * @param metrics             the period's raw metrics, or {@code null} when saved without them
 * @param trueAnomaly         the label: {@code true} when the person confirmed the anomaly
 * @param predictedScore      the detector's score for the window, in [0, 1]
 * @param correctlyClassified whether the detector was right; an alert is a positive prediction, so this equals
 *                            {@code trueAnomaly}
 * @param labelledBy          who labelled it
 * @param labelledAt          when (the latest label of an alert wins)
 */
public record TrainingExample(long id, ProfileId profile, long alertId, EntityType entityType, String entityId,
                              LocalDateTime period, String detectorType, FeatureWindow window, Metrics metrics,
                              boolean trueAnomaly, double predictedScore, boolean correctlyClassified,
                              String labelledBy, Instant labelledAt) {

    /** Checks the required fields. */
    public TrainingExample {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(detectorType, "detectorType");
        Objects.requireNonNull(labelledBy, "labelledBy");
        Objects.requireNonNull(labelledAt, "labelledAt");
    }
}
