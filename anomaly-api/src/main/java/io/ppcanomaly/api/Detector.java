package io.ppcanomaly.api;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.FitReporter;
import io.ppcanomaly.api.spi.WindowChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * An anomaly detector over {@link FeatureWindow}s: fitted once on many windows (typically every entity's
 * history), then asked to score windows.
 *
 * <h2>Lifecycle and threads</h2>
 * Create one through {@link Detectors#create} (or its provider), call {@link #fit}, then score. Scoring before
 * fitting throws {@link IllegalStateException} — never a silent 0 or NaN. A fitted model is immutable: any
 * number of threads may score concurrently. {@code fit} replaces the model atomically; it is not meant to run
 * concurrently with itself.
 *
 * <h2>Scores</h2>
 * Every result carries the detector's raw score and a score in [0, 1], higher = more anomalous, with the
 * threshold at or above which the window is flagged. {@link #scoreAll} is the fast path: implementations pay
 * their per-call overheads once per batch.
 *
 * <h2>Progress</h2>
 * {@link #fit(List, FitListener)} tells a {@link FitListener} how a fit goes: its start, the detector's own
 * progress (epochs and losses, trees, rows learnt, members fitted) and its end. {@link #fit(List)} listens to
 * nothing and is otherwise the same: same model, same scores.
 *
 * <h2>Input</h2>
 * All windows of one fit must share one schema and one length; scored windows must match them. A mismatch
 * throws {@link IllegalArgumentException} naming the expected and actual values. {@link FeatureWindow}
 * already guarantees finite values.
 */
public interface Detector {

    /** @return the provider name, e.g. {@code isolation-forest} */
    String name();

    /**
     * Fits the model on normal-looking history (a few anomalies are tolerated).
     *
     * @param windows training windows, non-empty, one schema and length
     * @throws IllegalArgumentException for an empty list or inconsistent windows
     */
    void fit(List<FeatureWindow> windows);

    /**
     * Fits like {@link #fit(List)}, telling {@code listener} how it goes (see {@link FitProgress} for the events
     * and their order). The model is the one {@link #fit(List)} gives on the same windows.
     *
     * <p>The default checks the windows, sends {@link FitProgress.Stage#STARTED}, calls {@link #fit(List)} and
     * sends {@link FitProgress.Stage#FINISHED}; detectors built on {@link io.ppcanomaly.api.spi.AbstractDetector}
     * also report their progress in between.
     *
     * @param windows  training windows, non-empty, one schema and length
     * @param listener hears the fit; {@link FitListener#NONE} for nobody
     * @throws IllegalArgumentException for an empty list or inconsistent windows
     * @throws NullPointerException     for a null list, window or listener
     */
    default void fit(List<FeatureWindow> windows, FitListener listener) {
        Objects.requireNonNull(listener, "listener");
        WindowChecks.requireTraining(windows);
        FitReporter progress = FitReporter.start(listener, name(), windows.size());
        fit(windows);
        progress.finish();
    }

    /** @return whether {@link #fit} (or loading) has produced a model */
    boolean isFitted();

    /**
     * @return the feature schema the model was fitted on
     * @throws IllegalStateException if not fitted
     */
    FeatureSchema schema();

    /**
     * @return the window length (periods) the model expects
     * @throws IllegalStateException if not fitted
     */
    int windowLength();

    /**
     * @return the current threshold on the [0, 1] score
     * @throws IllegalStateException if not fitted
     */
    double threshold();

    /**
     * Scores one window.
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if the window does not match the model's schema or length
     */
    default AnomalyResult score(FeatureWindow window) {
        return scoreAll(List.of(window)).get(0);
    }

    /**
     * Scores many windows in one call: the fast path.
     *
     * @return one result per window, in order
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if a window does not match; nothing is scored then
     */
    List<AnomalyResult> scoreAll(List<FeatureWindow> windows);

    /**
     * Writes the fitted model: a {@link io.ppcanomaly.api.spi.ModelStreams} header, then the body. The stream
     * is not closed. Read it back with {@link Detectors#load} or the provider's {@code load}.
     *
     * @throws IllegalStateException if not fitted
     */
    void save(OutputStream out) throws IOException;
}
