package io.ppcanomaly.api;

import io.ppcanomaly.api.features.FeatureWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector that also learns one observation at a time, as a stream processor feeds it.
 *
 * <p>{@link #scoreAndLearn} is the causal step: the score of an observation depends only on it and on what was
 * learnt before. Learning mutates the model, so learning calls must not run concurrently with each other or
 * with scoring; implementations document their own guarantees (typically: synchronize externally, or keep one
 * instance per stream partition).
 */
public interface StreamingDetector extends Detector {

    /** Learns one observation (its last row, for windows longer than one period). */
    void learn(FeatureWindow window);

    /** Scores one observation, then learns it. */
    AnomalyResult scoreAndLearn(FeatureWindow window);

    /** Learns many observations in order. */
    default void learnAll(List<FeatureWindow> windows) {
        for (FeatureWindow w : windows) {
            learn(w);
        }
    }

    /** Scores then learns each observation in order; equivalent to calling {@link #scoreAndLearn} on each. */
    default List<AnomalyResult> scoreAndLearnAll(List<FeatureWindow> windows) {
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        for (FeatureWindow w : windows) {
            out.add(scoreAndLearn(w));
        }
        return out;
    }
}
