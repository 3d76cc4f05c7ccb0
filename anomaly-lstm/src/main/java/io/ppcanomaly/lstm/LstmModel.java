package io.ppcanomaly.lstm;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.FittedModel;
import io.ppcanomaly.api.spi.WindowChecks;
import io.ppcanomaly.lstm.inference.LstmNetwork;
import io.ppcanomaly.lstm.model.ErrorCalibration;
import io.ppcanomaly.lstm.model.FeatureScaler;
import io.ppcanomaly.lstm.train.TrainingSummary;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A fitted LSTM autoencoder: feature schema and window length, standardisation, the network's weights, the
 * calibration of errors to scores and the threshold, plus what training produced it and DL4J's own model zip.
 * Immutable and thread-safe; scoring it needs no native library.
 *
 * <p>The raw score of a window is its reconstruction error: the mean over periods and features of the squared
 * difference between the standardised window and the network's reconstruction of it. The [0, 1] score is
 * {@link ErrorCalibration#score} of that error.
 */
public final class LstmModel implements FittedModel {

    /** Batches at least this large are split across the common fork-join pool when parallel scoring is on. */
    static final int PARALLEL_MIN_BATCH = 256;
    /** Fewest windows per parallel task: shorter blocks lose more to loop overhead than they gain in balance. */
    private static final int MIN_CHUNK = 128;

    private final FeatureSchema schema;
    private final int length;
    private final FeatureScaler scaler;
    private final LstmNetwork network;
    private final ErrorCalibration calibration;
    private final double thresholdPercentile;
    private final double thresholdError;
    private final double threshold;
    private final LstmAutoencoderConfig config;
    private final TrainingSummary summary;
    private final byte[] dl4jZip;
    private final ThreadLocal<Cursor> cursors = ThreadLocal.withInitial(this::newCursor);
    /** Cursors of parallel scoring, borrowed per task: at most one per thread that ever scored in parallel. */
    private final ConcurrentLinkedQueue<Cursor> spareCursors = new ConcurrentLinkedQueue<>();

    /**
     * @param schema              features of the windows
     * @param scaler              standardisation, one entry per feature
     * @param network             the trained weights; its length is the window length
     * @param calibration         error-to-score map
     * @param thresholdPercentile the percentile of training errors the threshold sits at, in (0, 100)
     * @param thresholdError      the error at that percentile, finite and &ge; 0
     * @param config              the configuration that trained the model
     * @param summary             how training went
     * @param dl4jZip             DL4J's model zip of the same weights
     * @throws IllegalArgumentException when the parts do not fit together
     */
    public LstmModel(FeatureSchema schema, FeatureScaler scaler, LstmNetwork network, ErrorCalibration calibration,
                     double thresholdPercentile, double thresholdError, LstmAutoencoderConfig config,
                     TrainingSummary summary, byte[] dl4jZip) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.network = Objects.requireNonNull(network, "network");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.config = Objects.requireNonNull(config, "config");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.dl4jZip = Objects.requireNonNull(dl4jZip, "dl4jZip").clone();
        if (scaler.features() != schema.size() || network.features() != schema.size()) {
            throw new IllegalArgumentException("scaler and network must have " + schema.size() + " features "
                    + schema + ", got " + scaler.features() + " and " + network.features());
        }
        if (!(thresholdPercentile > 0 && thresholdPercentile < 100)) {
            throw new IllegalArgumentException("thresholdPercentile must be in (0, 100), got " + thresholdPercentile);
        }
        if (!(thresholdError >= 0) || !Double.isFinite(thresholdError)) {
            throw new IllegalArgumentException("thresholdError must be finite and >= 0, got " + thresholdError);
        }
        this.length = network.length();
        this.thresholdPercentile = thresholdPercentile;
        this.thresholdError = thresholdError;
        this.threshold = calibration.score(thresholdError);
    }

    /** @return the features the model was fitted on */
    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** @return periods per window */
    public int length() {
        return length;
    }

    /** @return periods per window: the same as {@link #length()} */
    @Override
    public int windowLength() {
        return length;
    }

    /** @return the standardisation */
    public FeatureScaler scaler() {
        return scaler;
    }

    /** @return the network weights */
    public LstmNetwork network() {
        return network;
    }

    /** @return the error-to-score calibration */
    public ErrorCalibration calibration() {
        return calibration;
    }

    /** @return the percentile of training errors the threshold sits at */
    public double thresholdPercentile() {
        return thresholdPercentile;
    }

    /** @return the reconstruction error at the threshold */
    public double thresholdError() {
        return thresholdError;
    }

    /** @return the threshold on the [0, 1] score: the calibrated score of {@link #thresholdError()} */
    @Override
    public double threshold() {
        return threshold;
    }

    /** @return the configuration that trained the model */
    public LstmAutoencoderConfig config() {
        return config;
    }

    /** @return how training went */
    public TrainingSummary summary() {
        return summary;
    }

    /** @return a copy of DL4J's model zip of these weights (restore it with ModelSerializer to keep training) */
    public byte[] dl4jZip() {
        return dl4jZip.clone();
    }

    /** @return a new cursor: preallocated buffers for allocation-free scoring by one thread */
    public Cursor newCursor() {
        return new Cursor();
    }

    /** @return this thread's cursor */
    Cursor cursor() {
        return cursors.get();
    }

    /**
     * Reconstruction errors of many windows, in order; validated first. Large batches run in parallel when
     * {@code parallel}; each window's error is computed identically either way.
     */
    double[] errors(List<FeatureWindow> windows, boolean parallel) {
        WindowChecks.requireMatching(windows, schema, length);
        double[] out = new double[windows.size()];
        int n = out.length;
        if (parallel && n >= PARALLEL_MIN_BATCH) {
            // one task per thread while the batch fits, each task one block of the batch pass at most: the block
            // pass gains more from long blocks than finer tasks gain in balance
            int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
            int chunk = Math.min(LstmNetwork.BATCH_BLOCK, Math.max(MIN_CHUNK, (n + threads - 1) / threads));
            int chunks = (n + chunk - 1) / chunk;
            IntStream.range(0, chunks).parallel().forEach(c -> {
                // not the thread-local cursor: JDK 17's common-pool workers clear their thread locals after each
                // task, which would rebuild a cursor (and its block buffers, ~0.3 MB) on every call
                Cursor cur = spareCursors.poll();
                if (cur == null) {
                    cur = newCursor();
                }
                int from = c * chunk;
                cur.errorsUnchecked(windows, from, Math.min(n, from + chunk), out);
                spareCursors.offer(cur);
            });
        } else {
            cursor().errorsUnchecked(windows, 0, n, out);
        }
        return out;
    }

    /**
     * Preallocated buffers for scoring windows one at a time without allocating: the raw values, the
     * standardised input, the reconstruction and the network's scratch. Bound to one model; not thread-safe —
     * keep one per thread.
     */
    public final class Cursor {
        private final double[] raw;
        private final float[] input;
        private final float[] output;
        private final LstmNetwork.Scratch scratch;
        private double[] rawBlock;
        private float[] inputBlock;
        private float[] outputBlock;

        private Cursor() {
            int n = length * schema.size();
            raw = new double[n];
            input = new float[n];
            output = new float[n];
            scratch = network.newScratch();
        }

        /**
         * @return the window's reconstruction error (the raw score), finite and &ge; 0
         * @throws IllegalArgumentException when the window's schema or length does not match the model
         */
        public double error(FeatureWindow window) {
            WindowChecks.requireMatching(window, schema, length);
            return errorUnchecked(window);
        }

        /**
         * @return the window's score in [0, 1]
         * @throws IllegalArgumentException when the window's schema or length does not match the model
         */
        public double score(FeatureWindow window) {
            return calibration.score(error(window));
        }

        double errorUnchecked(FeatureWindow window) {
            reconstructUnchecked(window);
            return LstmNetwork.meanSquaredError(input, 0, output, 0, input.length);
        }

        /**
         * Writes the errors of {@code windows[from, to)}, already checked, to {@code out[from, to)}, a block of
         * windows at a time through {@link LstmNetwork#reconstructAll}: each error is bit-identical to
         * {@link #errorUnchecked} of the window alone. The block buffers are allocated on first use, so cursors
         * that only score single windows stay small.
         */
        void errorsUnchecked(List<FeatureWindow> windows, int from, int to, double[] out) {
            int cells = input.length;
            int block = LstmNetwork.BATCH_BLOCK;
            if (rawBlock == null) {
                rawBlock = new double[block * cells];
                inputBlock = new float[block * cells];
                outputBlock = new float[block * cells];
            }
            for (int i = from; i < to; i += block) {
                int count = Math.min(block, to - i);
                for (int b = 0; b < count; b++) {
                    windows.get(i + b).copyTo(rawBlock, b * cells);
                }
                scaler.standardise(rawBlock, 0, inputBlock, 0, count * cells);
                network.reconstructAll(inputBlock, 0, count, outputBlock, 0, scratch);
                for (int b = 0; b < count; b++) {
                    out[i + b] = LstmNetwork.meanSquaredError(inputBlock, b * cells, outputBlock, b * cells, cells);
                }
            }
        }

        /** Fills {@link #input} and {@link #output} for a window already checked. */
        void reconstructUnchecked(FeatureWindow window) {
            window.copyTo(raw, 0);
            scaler.standardise(raw, 0, input, 0, raw.length);
            network.reconstruct(input, 0, output, 0, scratch);
        }

        float[] input() {
            return input;
        }

        float[] output() {
            return output;
        }
    }

    @Override
    public String toString() {
        return "LstmModel[" + network + ", threshold=" + threshold + " (p" + thresholdPercentile + " error "
                + thresholdError + "), " + calibration + "]";
    }
}
