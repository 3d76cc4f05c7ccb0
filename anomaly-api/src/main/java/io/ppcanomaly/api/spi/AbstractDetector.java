package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * The fitted-model lifecycle every {@link Detector} shares, in one place: a provider extends it, names its
 * configuration type {@code C} and its immutable model type {@code M}, and writes only what is its own — how to
 * fit a model, score with one and write one.
 *
 * <ul>
 *   <li>{@link #fit(List, FitListener)} checks the training windows ({@link WindowChecks#requireTraining}:
 *       non-empty, one schema, one length), reports the start, asks {@link #fitModel} for a model, publishes it
 *       atomically and reports the finish; if fitting throws, the previous model (if any) stays.
 *       {@link #fit(List)} is the same with {@link FitListener#NONE}.</li>
 *   <li>{@link #isFitted}, {@link #schema}, {@link #windowLength} and {@link #threshold} answer from the
 *       published model; before there is one the last three throw {@link WindowChecks#notFitted}.</li>
 *   <li>{@link #fitted()} and {@link #fittedFor(List)} hand the scoring code the published model (the latter
 *       after checking the windows match it), read once, so a concurrent {@code fit} can never give one call
 *       half of each model.</li>
 *   <li>{@link #save} refuses an unfitted detector and a null stream, then hands the published model to
 *       {@link #writeModel}; {@link #toString} says whether the detector is fitted.</li>
 * </ul>
 *
 * <pre>{@code
 * public final class MyDetector extends AbstractDetector<MyConfig, MyModel> {
 *     public MyDetector(MyConfig config) { super(config); }
 *     public String name() { return "my-detector"; }
 *     protected MyModel fitModel(List<FeatureWindow> windows, FitReporter progress) {
 *         return MyModel.train(windows, epoch -> progress.advance(Unit.EPOCHS, epoch, EPOCHS));
 *     }
 *     public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
 *         MyModel m = fittedFor(windows);   // throws if unfitted or if a window does not match
 *         ...
 *     }
 *     protected void writeModel(MyModel m, OutputStream out) throws IOException { MyCodec.write(m, out); }
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * The model sits in a {@code volatile} field: scoring threads see the old model or the new one, never a mix.
 * Fitting is not meant to run concurrently with itself (as {@link Detector} says).
 *
 * @param <C> the provider's configuration: immutable, validated
 * @param <M> the provider's fitted model: immutable, or for streaming detectors with a fixed schema, length and
 *            threshold
 */
public abstract class AbstractDetector<C, M extends FittedModel> implements Detector {

    private final C config;
    private volatile M model;

    /**
     * Creates an unfitted detector.
     *
     * @throws NullPointerException if {@code config} is null
     */
    protected AbstractDetector(C config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Creates a detector around a model already fitted, e.g. one just read from a stream.
     *
     * @param config the configuration the model was fitted with
     * @throws NullPointerException if {@code config} or {@code model} is null
     */
    protected AbstractDetector(C config, M model) {
        this(config);
        this.model = Objects.requireNonNull(model, "model");
    }

    /** @return the configuration this detector fits with (for a loaded model: the one it was fitted with) */
    public final C config() {
        return config;
    }

    /**
     * Fits a model on the windows and publishes it, replacing any previous one atomically; the same as
     * {@link #fit(List, FitListener)} with {@link FitListener#NONE}.
     *
     * @param windows training windows, non-empty, one schema and length
     * @throws IllegalArgumentException for an empty list, inconsistent windows, or what {@link #fitModel} rejects
     * @throws NullPointerException     for a null list or window
     * @throws IllegalStateException    when {@link #fitModel} cannot produce a model (it says why)
     */
    @Override
    public final void fit(List<FeatureWindow> windows) {
        fit(windows, FitListener.NONE);
    }

    /**
     * Fits a model on the windows and publishes it, replacing any previous one atomically, telling
     * {@code listener} how it goes. The windows are checked first; when they, the fit or the listener fail, the
     * previous model stays.
     *
     * @param windows  training windows, non-empty, one schema and length
     * @param listener hears STARTED, the provider's progress, then FINISHED once the model is published
     * @throws IllegalArgumentException for an empty list, inconsistent windows, or what {@link #fitModel} rejects
     * @throws NullPointerException     for a null list, window or listener
     * @throws IllegalStateException    when {@link #fitModel} cannot produce a model (it says why)
     */
    @Override
    public final void fit(List<FeatureWindow> windows, FitListener listener) {
        Objects.requireNonNull(listener, "listener");
        WindowChecks.requireTraining(windows);
        FitReporter progress = FitReporter.start(listener, name(), windows.size());
        publish(fitModel(windows, progress));
        progress.finish();
    }

    /**
     * Fits a new model. Called by {@link #fit} with windows already checked: non-empty, one schema, one length.
     * Must not publish anything itself; the caller publishes the result and reports the finish.
     *
     * @param windows  the checked training windows
     * @param progress where to report the work done ({@link FitReporter#advance}); inner fits get
     *                 {@link FitReporter#nested()}
     * @return the fitted model, not null
     * @throws IllegalArgumentException for windows the provider cannot fit on (naming the rule and the value)
     */
    protected abstract M fitModel(List<FeatureWindow> windows, FitReporter progress);

    /**
     * Publishes a model fitted outside {@link #fit} (a table fit, a restored checkpoint), replacing any previous
     * one atomically.
     *
     * @throws NullPointerException if {@code fitted} is null
     */
    protected final void publish(M fitted) {
        this.model = Objects.requireNonNull(fitted, () -> "fitted model of " + name());
    }

    @Override
    public final boolean isFitted() {
        return model != null;
    }

    /**
     * @return the published model
     * @throws IllegalStateException if not fitted (or loaded) yet
     */
    protected final M fitted() {
        M m = model;
        if (m == null) {
            throw WindowChecks.notFitted(name());
        }
        return m;
    }

    /**
     * @return the published model, after checking that every window matches its schema and length
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException naming the first window that does not match
     */
    protected final M fittedFor(List<FeatureWindow> windows) {
        M m = fitted();
        WindowChecks.requireMatching(windows, m.schema(), m.windowLength());
        return m;
    }

    /**
     * @return the published model, after checking that the window matches its schema and length
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if the window does not match
     */
    protected final M fittedFor(FeatureWindow window) {
        M m = fitted();
        WindowChecks.requireMatching(window, m.schema(), m.windowLength());
        return m;
    }

    /**
     * Writes the published model through {@link #writeModel}. The stream is not closed.
     *
     * @throws IllegalStateException if not fitted
     * @throws NullPointerException  if {@code out} is null
     * @throws IOException           when the stream fails
     */
    @Override
    public final void save(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        writeModel(fitted(), out);
    }

    /**
     * Writes a model: a {@link ModelStreams} header with the provider's name and format version, then the body,
     * so that the provider's {@code load} reads it back. Must not close the stream.
     *
     * @param model the published model
     * @param out   the stream, not null
     * @throws IOException when the stream fails
     */
    protected abstract void writeModel(M model, OutputStream out) throws IOException;

    /**
     * @return {@code <name>[unfitted, <config>]} before the first fit, {@code <name>[<model>, <config>]} after
     *         it
     */
    @Override
    public String toString() {
        M m = model;
        return name() + "[" + (m == null ? "unfitted" : m) + ", " + config + "]";
    }

    /** @throws IllegalStateException if not fitted */
    @Override
    public final FeatureSchema schema() {
        return fitted().schema();
    }

    /** @throws IllegalStateException if not fitted */
    @Override
    public final int windowLength() {
        return fitted().windowLength();
    }

    /** @throws IllegalStateException if not fitted */
    @Override
    public final double threshold() {
        return fitted().threshold();
    }
}
