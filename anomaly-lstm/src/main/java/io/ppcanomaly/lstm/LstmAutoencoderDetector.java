package io.ppcanomaly.lstm;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.AbstractDetector;
import io.ppcanomaly.api.spi.FitReporter;
import io.ppcanomaly.lstm.model.ErrorCalibration;
import io.ppcanomaly.lstm.state.LstmModelCodec;
import io.ppcanomaly.lstm.train.EpochProgress;
import io.ppcanomaly.lstm.train.LstmTrainer;
import io.ppcanomaly.lstm.train.TrainingListener;
import io.ppcanomaly.lstm.train.TrainingPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * LSTM sequence autoencoder detector (provider {@code lstm-autoencoder}): learns what normal windows of KPI
 * sequences look like and flags the windows it cannot reconstruct.
 *
 * <p>The model — an encoder LSTM, a bottleneck LSTM whose final state codes the window, and a decoder LSTM that
 * unrolls that code back into a sequence — follows the LSTM encoder–decoder of Malhotra et al., "LSTM-based
 * Encoder-Decoder for Multi-sensor Anomaly Detection" (ICML Anomaly Detection Workshop, 2016), with the
 * RepeatVector decoder input of Srivastava et al., "Unsupervised Learning of Video Representations using
 * LSTMs" (ICML 2015). One global model learns from the windows of every entity.
 *
 * <h2>Training and scoring</h2>
 * {@link #fit} trains on DeepLearning4j (see {@link LstmTrainer}); scoring runs a plain-Java forward pass over
 * the trained weights ({@link io.ppcanomaly.lstm.inference.LstmNetwork}), so it needs no native library and
 * allocates nothing per window beyond the result. The raw score is the reconstruction error (mean squared error
 * of the standardised window); the [0, 1] score maps it through the empirical distribution of the training
 * errors ({@link ErrorCalibration}); the threshold is the score of the configured percentile of those errors.
 *
 * <h2>Explanations</h2>
 * {@link #reconstructionError} breaks a window's error down by feature and by period.
 *
 * <h2>Progress</h2>
 * {@link #fit(List, io.ppcanomaly.api.FitListener)} reports {@code EPOCHS}: a fraction of an epoch after every
 * minibatch (DeepLearning4j's own listener hook), and at each epoch's end its training and validation loss.
 * {@link #addTrainingListener} gives the same events in this module's richer terms (plan, best epoch, summary).
 *
 * <h2>Threads</h2>
 * A fitted model is immutable; any number of threads may score concurrently. {@code fit} swaps the model in
 * atomically ({@link AbstractDetector}). Training listeners may be added and removed at any time.
 */
public final class LstmAutoencoderDetector extends AbstractDetector<LstmAutoencoderConfig, LstmModel> {

    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();

    /** Creates an unfitted detector. */
    public LstmAutoencoderDetector(LstmAutoencoderConfig config) {
        super(config);
    }

    /** Wraps a fitted model, e.g. one just read from a stream. */
    public LstmAutoencoderDetector(LstmModel model) {
        super(model.config(), model);
    }

    @Override
    public String name() {
        return LstmAutoencoderProvider.NAME;
    }

    /** Adds a listener for the progress of future fits. */
    public void addTrainingListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before; no effect if absent. */
    public void removeTrainingListener(TrainingListener listener) {
        listeners.remove(listener);
    }

    /**
     * Trains on DeepLearning4j ({@link LstmTrainer}), reporting epochs and losses.
     *
     * @throws IllegalStateException when training diverges; the previous model, if any, is kept
     */
    @Override
    protected LstmModel fitModel(List<FeatureWindow> windows, FitReporter progress) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        if (progress.isListening()) {
            all.add(new Reporting(progress));
        }
        return LstmTrainer.train(windows, config(), all);
    }

    /** Turns the trainer's events into the SPI's: epochs done (fractional between minibatches) and losses. */
    private static final class Reporting implements TrainingListener {
        private final FitReporter progress;
        private int maxEpochs;

        Reporting(FitReporter progress) {
            this.progress = progress;
        }

        @Override
        public void onStart(TrainingPlan plan) {
            maxEpochs = plan.maxEpochs();
            progress.advance(Unit.EPOCHS, 0, maxEpochs);
        }

        @Override
        public void onBatch(int epoch, int batch, int batches) {
            progress.advance(Unit.EPOCHS, epoch - 1 + (double) batch / batches, maxEpochs);
        }

        @Override
        public void onEpoch(EpochProgress p) {
            progress.advance(Unit.EPOCHS, p.epoch(), maxEpochs, OptionalDouble.of(p.trainingLoss()),
                    OptionalDouble.of(p.validationLoss()));
        }
    }

    /**
     * @return the fitted model: weights, standardisation, calibration, training summary
     * @throws IllegalStateException if not fitted
     */
    public LstmModel model() {
        return fitted();
    }

    @Override
    public AnomalyResult score(FeatureWindow window) {
        LstmModel m = model();
        double error = m.cursor().error(window);
        return AnomalyResult.of(window, name(), error, m.calibration().score(error), m.threshold());
    }

    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        LstmModel m = model();
        double[] errors = m.errors(windows, config().parallelScoring());
        ErrorCalibration cal = m.calibration();
        double threshold = m.threshold();
        List<AnomalyResult> out = new ArrayList<>(errors.length);
        for (int i = 0; i < errors.length; i++) {
            out.add(AnomalyResult.of(windows.get(i), name(), errors[i], cal.score(errors[i]), threshold));
        }
        return out;
    }

    /**
     * Scores many windows into a caller's arrays without building results: the batch fast path for callers
     * that keep their own bookkeeping.
     *
     * @param windows windows matching the model
     * @param errors  receives each window's reconstruction error (raw score), length &ge; windows
     * @param scores  receives each window's [0, 1] score, length &ge; windows
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if a window does not match or an array is too short
     */
    public void scoreInto(List<FeatureWindow> windows, double[] errors, double[] scores) {
        LstmModel m = model();
        if (errors.length < windows.size() || scores.length < windows.size()) {
            throw new IllegalArgumentException("errors and scores must hold " + windows.size() + " values, got "
                    + errors.length + " and " + scores.length);
        }
        double[] e = m.errors(windows, config().parallelScoring());
        System.arraycopy(e, 0, errors, 0, e.length);
        ErrorCalibration cal = m.calibration();
        for (int i = 0; i < e.length; i++) {
            scores[i] = cal.score(e[i]);
        }
    }

    /**
     * @return a cursor over the current model for allocation-free scoring by one thread
     * @throws IllegalStateException if not fitted
     */
    public LstmModel.Cursor newCursor() {
        return model().newCursor();
    }

    /**
     * Breaks a window's reconstruction error down by cell: the explanation of its score.
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if the window does not match the model
     */
    public ReconstructionError reconstructionError(FeatureWindow window) {
        LstmModel m = fittedFor(window);
        LstmModel.Cursor c = m.cursor();
        c.reconstructUnchecked(window);
        float[] x = c.input();
        float[] y = c.output();
        int w = m.schema().size();
        double[] squared = new double[x.length];
        double[] restored = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double d = (double) y[i] - x[i];
            squared[i] = d * d;
            restored[i] = m.scaler().restore(i % w, y[i]);
        }
        return new ReconstructionError(m.schema(), m.length(), window.entityId(), window.period(), squared,
                restored);
    }

    /** Writes the model in the format of {@link LstmModelCodec}. */
    @Override
    protected void writeModel(LstmModel model, OutputStream out) throws IOException {
        LstmModelCodec.write(model, out);
    }
}
