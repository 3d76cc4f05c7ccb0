package io.ppcanomaly.lstm.train;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.WindowChecks;
import io.ppcanomaly.lstm.LstmAutoencoderConfig;
import io.ppcanomaly.lstm.LstmModel;
import io.ppcanomaly.lstm.inference.LstmNetwork;
import io.ppcanomaly.lstm.model.ErrorCalibration;
import io.ppcanomaly.lstm.model.FeatureScaler;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the autoencoder on DeepLearning4j and turns the result into an {@link LstmModel}.
 *
 * <ol>
 *   <li>Standardise every window with a {@link FeatureScaler} fitted on all of them.</li>
 *   <li>Hold out entities for validation ({@link TrainingData}).</li>
 *   <li>Run Adam on minibatches; each epoch draws up to {@code max.training.windows} windows afresh, in a seeded
 *       order, from the windows not held out (overlapping windows are largely redundant, and the cap bounds the
 *       time an epoch takes on a large account while successive epochs still see all of it); after every epoch copy the weights into a plain-Java
 *       {@link LstmNetwork} and measure the validation loss with it — the same computation scoring uses, so
 *       early stopping judges exactly what will be deployed.</li>
 *   <li>Stop after {@code patience} epochs without a better validation loss (relative gain below
 *       {@link #MIN_RELATIVE_IMPROVEMENT}) and restore the best epoch's weights.</li>
 *   <li>Score every window, fit the {@link ErrorCalibration} and put the threshold at the configured percentile
 *       of those errors.</li>
 * </ol>
 *
 * <h2>Determinism</h2>
 * The seed fixes the initial weights ({@code NeuralNetConfiguration.seed} and {@code Nd4j.getRandom()}), the
 * hold-out, and every epoch's sample and minibatch order. ND4J's CPU kernels are deterministic for a given
 * machine and thread count, so the same data and seed give the same weights and bit-identical scores; across
 * different CPUs or ND4J builds the trained weights may differ in the last bits (OpenBLAS picks kernels per
 * CPU). Scoring a given model is bit-identical everywhere.
 */
public final class LstmTrainer {

    /** An epoch counts as better only if it lowers the best validation loss by at least this share. */
    public static final double MIN_RELATIVE_IMPROVEMENT = 1e-4;

    private static final Logger LOG = LoggerFactory.getLogger(LstmTrainer.class);
    private static final int CHUNK = 256;

    private LstmTrainer() {
    }

    /**
     * Fits a model.
     *
     * @param windows   training windows: non-empty, one schema and length
     * @param config    shape, training and threshold settings
     * @param listeners progress listeners, called on this thread
     * @return the fitted model
     * @throws IllegalArgumentException for empty or inconsistent windows
     * @throws IllegalStateException    when training diverges (the loss becomes NaN or infinite)
     */
    public static LstmModel train(List<FeatureWindow> windows, LstmAutoencoderConfig config,
                                  List<TrainingListener> listeners) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listeners, "listeners");
        WindowChecks.requireTraining(windows);
        try (Dl4jNetworks.ThreadLimit previous = Dl4jNetworks.limitThreads(config.trainingThreads())) {
            return trainLimited(windows, config, listeners);
        }
    }

    private static LstmModel trainLimited(List<FeatureWindow> windows, LstmAutoencoderConfig config,
                                          List<TrainingListener> listeners) {
        long start = System.nanoTime();
        FeatureWindow first = WindowChecks.requireTraining(windows);
        FeatureSchema schema = first.schema();
        int length = first.length();
        int features = schema.size();
        int cells = length * features;
        int n = windows.size();

        FeatureScaler scaler = FeatureScaler.fit(windows);
        float[] data = standardise(windows, scaler, cells);
        TrainingData split = TrainingData.split(windows, config.validationFraction(), config.seed());
        int[] pool = split.training();
        int[] valid = split.validation();
        int perEpoch = config.maxTrainingWindows() > 0 ? Math.min(config.maxTrainingWindows(), pool.length)
                : pool.length;
        int batch = Math.min(config.batchSize(), perEpoch);
        int batches = (perEpoch + batch - 1) / batch;
        TrainingPlan plan = new TrainingPlan(n, pool.length, perEpoch, valid.length, config.epochs(), batches);
        LOG.info("LSTM autoencoder {}-{}-{} on {} windows of {}x{}: {} held out, epochs of {} drawn from {}, up to {} "
                        + "epochs of {} batches", config.encoderSize(), config.bottleneckSize(), config.decoderSize(), n,
                length, features, valid.length, perEpoch, pool.length, config.epochs(), batches);
        for (TrainingListener l : listeners) {
            l.onStart(plan);
        }

        Nd4j.getRandom().setSeed(config.seed());
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jNetworks.configuration(features, length,
                config.encoderSize(), config.bottleneckSize(), config.decoderSize(), config.learningRate(),
                config.seed()));
        net.init();
        MinibatchProgress minibatches = new MinibatchProgress(batches, listeners);
        net.setListeners(minibatches);

        SplittableRandom order = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 1);
        float[] full = new float[batch * cells];
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        LstmNetwork bestNetwork = null;
        int epoch = 0;
        int stale = 0;
        boolean stoppedEarly = false;
        while (epoch < config.epochs()) {
            epoch++;
            // Each epoch draws its windows afresh: with a cap, successive epochs see different samples of the pool.
            int[] perm = TrainingData.permutation(pool.length, order);
            minibatches.beginEpoch(epoch);
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int m = Math.min(batch, perEpoch - from);
                float[] buf = m == batch ? full : new float[m * cells];
                toNcw(data, pool, perm, from, m, length, features, buf);
                INDArray x = Nd4j.create(buf, new long[] {m, features, length}, 'c');
                net.fit(new DataSet(x, x)); // DL4J calls minibatches.iterationDone after the update
            }
            if (minibatches.batchesDone() != batches) {
                throw new IllegalStateException("DL4J reported " + minibatches.batchesDone() + " of " + batches
                        + " minibatches in epoch " + epoch);
            }
            // DL4J's MSE score sums over time steps and averages over features and examples: per cell is /length.
            double trainLoss = minibatches.weightedLossSum() / perEpoch / length;
            if (!Double.isFinite(trainLoss)) {
                throw new IllegalStateException("training diverged: loss " + trainLoss + " in epoch " + epoch
                        + "; lower " + LstmAutoencoderConfig.KEY_LEARNING_RATE + " (now " + config.learningRate() + ")");
            }
            LstmNetwork candidate = Dl4jNetworks.toNetwork(net, length);
            double validLoss = valid.length > 0 ? meanError(candidate, data, valid, cells) : trainLoss;
            if (validLoss < best * (1 - MIN_RELATIVE_IMPROVEMENT)) {
                best = validLoss;
                bestEpoch = epoch;
                bestParams = net.params().dup();
                bestNetwork = candidate;
                stale = 0;
            } else {
                stale++;
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            EpochProgress p = new EpochProgress(epoch, config.epochs(), trainLoss, validLoss, best, bestEpoch,
                    elapsed);
            LOG.info("epoch {}/{}: training loss {}, validation loss {}{} ({} ms)", epoch, config.epochs(),
                    fmt(trainLoss), fmt(validLoss), p.improved() ? " (best)" : "", elapsed);
            for (TrainingListener l : listeners) {
                l.onEpoch(p);
            }
            if (stale >= config.patience() && epoch < config.epochs()) {
                stoppedEarly = true;
                LOG.info("early stop after epoch {}: no better validation loss for {} epochs; keeping epoch {}",
                        epoch, stale, bestEpoch);
                break;
            }
        }
        net.setParams(bestParams);
        byte[] zip = Dl4jNetworks.toZip(net);

        double[] errors = allErrors(bestNetwork, data, n, cells);
        ErrorCalibration calibration = ErrorCalibration.fit(errors, ErrorCalibration.DEFAULT_KNOTS);
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        double thresholdError = ErrorCalibration.quantileOfSorted(sorted, config.thresholdPercentile() / 100.0);
        long millis = (System.nanoTime() - start) / 1_000_000;
        TrainingSummary summary = new TrainingSummary(n, perEpoch, valid.length, epoch, bestEpoch, best, millis,
                stoppedEarly);
        LstmModel model = new LstmModel(schema, scaler, bestNetwork, calibration, config.thresholdPercentile(),
                thresholdError, config, summary, zip);
        LOG.info("LSTM autoencoder fitted in {} ms: {} epochs, best {} (loss {}), threshold {} at error {}", millis,
                epoch, bestEpoch, fmt(best), fmt(model.threshold()), fmt(thresholdError));
        for (TrainingListener l : listeners) {
            l.onFinish(summary);
        }
        return model;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    private static float[] standardise(List<FeatureWindow> windows, FeatureScaler scaler, int cells) {
        float[] out = new float[windows.size() * cells];
        double[] buf = new double[cells];
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).copyTo(buf, 0);
            scaler.standardise(buf, 0, out, i * cells, cells);
        }
        return out;
    }

    /** Copies m windows, row-major [t][f] each, into DL4J's NCW layout [m][f][t]. */
    private static void toNcw(float[] data, int[] rows, int[] perm, int from, int m, int length, int features,
                              float[] out) {
        int cells = length * features;
        for (int e = 0; e < m; e++) {
            int src = rows[perm[from + e]] * cells;
            int dst = e * cells;
            for (int t = 0; t < length; t++) {
                for (int f = 0; f < features; f++) {
                    out[dst + f * length + t] = data[src + t * features + f];
                }
            }
        }
    }

    private static double meanError(LstmNetwork net, float[] data, int[] rows, int cells) {
        double[] e = new double[rows.length];
        forEachChunk(rows.length, net, cells, (i, s, y) -> {
            net.reconstruct(data, rows[i] * cells, y, 0, s);
            e[i] = LstmNetwork.meanSquaredError(data, rows[i] * cells, y, 0, cells);
        });
        double sum = 0;
        for (double v : e) {
            sum += v;
        }
        return sum / e.length;
    }

    private static double[] allErrors(LstmNetwork net, float[] data, int n, int cells) {
        double[] e = new double[n];
        forEachChunk(n, net, cells, (i, s, y) -> {
            net.reconstruct(data, i * cells, y, 0, s);
            e[i] = LstmNetwork.meanSquaredError(data, i * cells, y, 0, cells);
        });
        return e;
    }

    private interface WindowTask {
        void run(int index, LstmNetwork.Scratch scratch, float[] output);
    }

    /** Runs a task per window in parallel chunks; each task writes only its own slot, so order is irrelevant. */
    private static void forEachChunk(int n, LstmNetwork net, int cells, WindowTask task) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            LstmNetwork.Scratch s = net.newScratch();
            float[] y = new float[cells];
            for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                task.run(i, s, y);
            }
        });
    }
}
