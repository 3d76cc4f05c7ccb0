package io.ppcanomaly.api;

import io.ppcanomaly.api.features.FeatureWindow;

/**
 * Explains a detector's score of one window as additive contributions of its features.
 *
 * <p>The baseline is what "absent" means: a feature left out of a coalition takes its values from the
 * baseline window. For scale-free PPC features the entity's own normal behaviour is the all-zero window
 * ({@link FeatureWindow#zeros}); a caller may pass any other reference of the same shape.
 * Implementations are thread-safe.
 */
public interface Explainer {

    /** @return the provider name, e.g. {@code monte-carlo-shapley} */
    String name();

    /**
     * @param detector a fitted detector
     * @param window   the window to explain
     * @param baseline the reference window, same schema and length
     * @return contributions per feature
     * @throws IllegalStateException    if the detector is not fitted
     * @throws IllegalArgumentException if the windows do not match each other or the detector
     */
    Explanation explain(Detector detector, FeatureWindow window, FeatureWindow baseline);
}
