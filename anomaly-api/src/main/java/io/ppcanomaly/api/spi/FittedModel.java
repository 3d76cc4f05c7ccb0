package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.features.FeatureSchema;

/**
 * What every fitted model knows about itself: the schema and window length it was fitted on, and the threshold on
 * its [0, 1] score. A provider's immutable model implements it so that {@link AbstractDetector} can answer
 * {@link io.ppcanomaly.api.Detector#schema()}, {@link io.ppcanomaly.api.Detector#windowLength()} and
 * {@link io.ppcanomaly.api.Detector#threshold()} for every detector alike.
 *
 * <p>Implementations are immutable (or, for streaming models, keep these three values fixed for their whole
 * life): a model is published to scoring threads once, and these answers must not change under them.
 */
public interface FittedModel {

    /** @return the feature schema of the windows the model was fitted on */
    FeatureSchema schema();

    /** @return the window length (periods) the model was fitted on, &ge; 1 */
    int windowLength();

    /** @return the threshold on the [0, 1] score at or above which a window is flagged, in [0, 1] */
    double threshold();
}
