package io.ppcanomaly.service;

/**
 * Where a run's time went, in milliseconds. Immutable.
 *
 * @param loadMs      reading the source and summing the hierarchy
 * @param featuresMs  building the feature windows (scoring and training)
 * @param fitMs       fitting the detector (0 with a saved model)
 * @param scoreMs     scoring, including the look-back for anomaly starts and streaming learning
 * @param explainMs   explaining the anomalous windows
 * @param rootCauseMs root-cause analysis
 */
public record StageTimings(long loadMs, long featuresMs, long fitMs, long scoreMs, long explainMs, long rootCauseMs) {

    /** Validates that every figure is &ge; 0. */
    public StageTimings {
        if (loadMs < 0 || featuresMs < 0 || fitMs < 0 || scoreMs < 0 || explainMs < 0 || rootCauseMs < 0) {
            throw new IllegalArgumentException("timings must be >= 0, got " + loadMs + ", " + featuresMs + ", "
                    + fitMs + ", " + scoreMs + ", " + explainMs + ", " + rootCauseMs);
        }
    }
}
