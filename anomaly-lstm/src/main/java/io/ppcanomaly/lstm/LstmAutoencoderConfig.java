package io.ppcanomaly.lstm;

import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.Properties;
import java.util.Set;

/**
 * How the LSTM autoencoder is shaped, trained and thresholded. Immutable; validated on construction.
 *
 * <h2>Properties keys</h2>
 * All optional; {@link #of(Properties)} rejects any other key. The defaults train the default synthetic account
 * (1,000 keywords × 70 windows) in well under a minute on two cores and reach a ROC-AUC of about 0.98 on its
 * injected CPC spikes and CTR collapses; larger batches amortise DL4J's per-operation overhead, which dominates
 * its training time for a network this small.
 * <table>
 *   <caption>Options of the {@code lstm-autoencoder} provider</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code encoder.size}</td><td>32</td><td>units of the encoder LSTM</td></tr>
 *   <tr><td>{@code bottleneck.size}</td><td>16</td><td>units of the bottleneck LSTM (the code size)</td></tr>
 *   <tr><td>{@code decoder.size}</td><td>32</td><td>units of the decoder LSTM</td></tr>
 *   <tr><td>{@code learning.rate}</td><td>0.02</td><td>Adam step size</td></tr>
 *   <tr><td>{@code epochs}</td><td>8</td><td>most epochs (each of up to {@code max.training.windows} windows)</td></tr>
 *   <tr><td>{@code batch.size}</td><td>512</td><td>windows per gradient step</td></tr>
 *   <tr><td>{@code validation.fraction}</td><td>0.1</td><td>share of entities held out for early stopping,
 *       in [0, 0.5]; 0 stops on the training loss</td></tr>
 *   <tr><td>{@code patience}</td><td>3</td><td>epochs without a better validation loss before stopping</td></tr>
 *   <tr><td>{@code max.training.windows}</td><td>8192</td><td>most windows one epoch trains on, drawn afresh each
 *       epoch from the windows not held out (all windows still set the normalisation and the threshold); 0 = all
 *       </td></tr>
 *   <tr><td>{@code threshold.percentile}</td><td>99.0</td><td>percentile of the training reconstruction errors
 *       at which a window is flagged, in (0, 100)</td></tr>
 *   <tr><td>{@code seed}</td><td>42</td><td>seed of initialisation, sampling, splitting and shuffling</td></tr>
 *   <tr><td>{@code training.threads}</td><td>1</td><td>native threads ND4J may use while training; results are
 *       reproducible for a given count</td></tr>
 *   <tr><td>{@code score.parallel}</td><td>true</td><td>score large batches on the common fork-join pool
 *       (results are identical either way)</td></tr>
 * </table>
 *
 * @param encoderSize         encoder LSTM units, in [1, 1024]
 * @param bottleneckSize      bottleneck LSTM units, in [1, 1024]
 * @param decoderSize         decoder LSTM units, in [1, 1024]
 * @param learningRate        Adam learning rate, in (0, 1]
 * @param epochs              maximum epochs, &ge; 1
 * @param batchSize           minibatch size, &ge; 1
 * @param validationFraction  held-out share, in [0, 0.5]
 * @param patience            early-stopping patience in epochs, &ge; 1
 * @param maxTrainingWindows  cap on the windows one epoch trains on, &ge; 0 (0 = all)
 * @param thresholdPercentile flagging percentile of training errors, in (0, 100)
 * @param seed                random seed
 * @param trainingThreads     ND4J threads during training, in [1, 256]
 * @param parallelScoring     whether large batches are scored in parallel
 */
public record LstmAutoencoderConfig(int encoderSize, int bottleneckSize, int decoderSize, double learningRate,
                                    int epochs, int batchSize, double validationFraction, int patience,
                                    int maxTrainingWindows, double thresholdPercentile, long seed,
                                    int trainingThreads, boolean parallelScoring) {

    /** Default encoder units. */
    public static final int DEFAULT_ENCODER_SIZE = 32;
    /** Default bottleneck units. */
    public static final int DEFAULT_BOTTLENECK_SIZE = 16;
    /** Default decoder units. */
    public static final int DEFAULT_DECODER_SIZE = 32;
    /** Default Adam learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.02;
    /** Default maximum epochs. */
    public static final int DEFAULT_EPOCHS = 8;
    /** Default minibatch size. */
    public static final int DEFAULT_BATCH_SIZE = 512;
    /** Default held-out share. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    /** Default early-stopping patience. */
    public static final int DEFAULT_PATIENCE = 3;
    /** Default cap on the windows of one epoch. */
    public static final int DEFAULT_MAX_TRAINING_WINDOWS = 8_192;
    /** Default flagging percentile. */
    public static final double DEFAULT_THRESHOLD_PERCENTILE = 99.0;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /**
     * Default ND4J threads while training: one. The matrices of this network are small (a minibatch by at most a
     * few hundred columns), so OpenMP's fork-join overhead eats the gain of a second thread, and on a busy
     * machine spinning OpenMP workers slow training down by an order of magnitude (measured).
     */
    public static final int DEFAULT_TRAINING_THREADS = 1;
    /** Largest accepted layer size. */
    public static final int MAX_LAYER_SIZE = 1024;

    /** Key of {@link #encoderSize}. */
    public static final String KEY_ENCODER_SIZE = "encoder.size";
    /** Key of {@link #bottleneckSize}. */
    public static final String KEY_BOTTLENECK_SIZE = "bottleneck.size";
    /** Key of {@link #decoderSize}. */
    public static final String KEY_DECODER_SIZE = "decoder.size";
    /** Key of {@link #learningRate}. */
    public static final String KEY_LEARNING_RATE = "learning.rate";
    /** Key of {@link #epochs}. */
    public static final String KEY_EPOCHS = "epochs";
    /** Key of {@link #batchSize}. */
    public static final String KEY_BATCH_SIZE = "batch.size";
    /** Key of {@link #validationFraction}. */
    public static final String KEY_VALIDATION_FRACTION = "validation.fraction";
    /** Key of {@link #patience}. */
    public static final String KEY_PATIENCE = "patience";
    /** Key of {@link #maxTrainingWindows}. */
    public static final String KEY_MAX_TRAINING_WINDOWS = "max.training.windows";
    /** Key of {@link #thresholdPercentile}. */
    public static final String KEY_THRESHOLD_PERCENTILE = "threshold.percentile";
    /** Key of {@link #seed}. */
    public static final String KEY_SEED = "seed";
    /** Key of {@link #trainingThreads}. */
    public static final String KEY_TRAINING_THREADS = "training.threads";
    /** Key of {@link #parallelScoring}. */
    public static final String KEY_SCORE_PARALLEL = "score.parallel";

    /** Every accepted key. */
    public static final Set<String> KEYS = Set.of(KEY_ENCODER_SIZE, KEY_BOTTLENECK_SIZE, KEY_DECODER_SIZE,
            KEY_LEARNING_RATE, KEY_EPOCHS, KEY_BATCH_SIZE, KEY_VALIDATION_FRACTION, KEY_PATIENCE,
            KEY_MAX_TRAINING_WINDOWS, KEY_THRESHOLD_PERCENTILE, KEY_SEED, KEY_TRAINING_THREADS, KEY_SCORE_PARALLEL);

    /** The defaults. */
    public static final LstmAutoencoderConfig DEFAULT = new LstmAutoencoderConfig(DEFAULT_ENCODER_SIZE,
            DEFAULT_BOTTLENECK_SIZE, DEFAULT_DECODER_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE,
            DEFAULT_VALIDATION_FRACTION, DEFAULT_PATIENCE, DEFAULT_MAX_TRAINING_WINDOWS,
            DEFAULT_THRESHOLD_PERCENTILE, DEFAULT_SEED, DEFAULT_TRAINING_THREADS, true);

    /** Validates every field. */
    public LstmAutoencoderConfig {
        layer(KEY_ENCODER_SIZE, encoderSize);
        layer(KEY_BOTTLENECK_SIZE, bottleneckSize);
        layer(KEY_DECODER_SIZE, decoderSize);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException(KEY_LEARNING_RATE + " must be in (0, 1], got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException(KEY_EPOCHS + " must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(KEY_BATCH_SIZE + " must be >= 1, got " + batchSize);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException(KEY_VALIDATION_FRACTION + " must be in [0, 0.5], got "
                    + validationFraction);
        }
        if (patience < 1) {
            throw new IllegalArgumentException(KEY_PATIENCE + " must be >= 1, got " + patience);
        }
        if (maxTrainingWindows < 0) {
            throw new IllegalArgumentException(KEY_MAX_TRAINING_WINDOWS + " must be >= 0, got "
                    + maxTrainingWindows);
        }
        if (!(thresholdPercentile > 0 && thresholdPercentile < 100)) {
            throw new IllegalArgumentException(KEY_THRESHOLD_PERCENTILE + " must be in (0, 100), got "
                    + thresholdPercentile);
        }
        if (trainingThreads < 1 || trainingThreads > 256) {
            throw new IllegalArgumentException(KEY_TRAINING_THREADS + " must be in [1, 256], got " + trainingThreads);
        }
    }

    private static void layer(String key, int size) {
        if (size < 1 || size > MAX_LAYER_SIZE) {
            throw new IllegalArgumentException(key + " must be in [1, " + MAX_LAYER_SIZE + "], got " + size);
        }
    }

    /**
     * Reads a configuration from properties; absent keys take the defaults.
     *
     * @param props the options, or {@code null} for the defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming both
     */
    public static LstmAutoencoderConfig of(Properties props) {
        ProviderOptions o = new ProviderOptions(props);
        o.requireKnown(KEYS);
        LstmAutoencoderConfig d = DEFAULT;
        return new LstmAutoencoderConfig(
                o.getInt(KEY_ENCODER_SIZE, d.encoderSize),
                o.getInt(KEY_BOTTLENECK_SIZE, d.bottleneckSize),
                o.getInt(KEY_DECODER_SIZE, d.decoderSize),
                o.getDouble(KEY_LEARNING_RATE, d.learningRate),
                o.getInt(KEY_EPOCHS, d.epochs),
                o.getInt(KEY_BATCH_SIZE, d.batchSize),
                o.getDouble(KEY_VALIDATION_FRACTION, d.validationFraction),
                o.getInt(KEY_PATIENCE, d.patience),
                o.getInt(KEY_MAX_TRAINING_WINDOWS, d.maxTrainingWindows),
                o.getDouble(KEY_THRESHOLD_PERCENTILE, d.thresholdPercentile),
                o.getLong(KEY_SEED, d.seed),
                o.getInt(KEY_TRAINING_THREADS, d.trainingThreads),
                o.getBoolean(KEY_SCORE_PARALLEL, d.parallelScoring));
    }

    /** @return every field as properties that {@link #of(Properties)} reads back to an equal configuration */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(KEY_ENCODER_SIZE, Integer.toString(encoderSize));
        p.setProperty(KEY_BOTTLENECK_SIZE, Integer.toString(bottleneckSize));
        p.setProperty(KEY_DECODER_SIZE, Integer.toString(decoderSize));
        p.setProperty(KEY_LEARNING_RATE, Double.toString(learningRate));
        p.setProperty(KEY_EPOCHS, Integer.toString(epochs));
        p.setProperty(KEY_BATCH_SIZE, Integer.toString(batchSize));
        p.setProperty(KEY_VALIDATION_FRACTION, Double.toString(validationFraction));
        p.setProperty(KEY_PATIENCE, Integer.toString(patience));
        p.setProperty(KEY_MAX_TRAINING_WINDOWS, Integer.toString(maxTrainingWindows));
        p.setProperty(KEY_THRESHOLD_PERCENTILE, Double.toString(thresholdPercentile));
        p.setProperty(KEY_SEED, Long.toString(seed));
        p.setProperty(KEY_TRAINING_THREADS, Integer.toString(trainingThreads));
        p.setProperty(KEY_SCORE_PARALLEL, Boolean.toString(parallelScoring));
        return p;
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** A plain builder; {@link #build()} validates. */
    public static final class Builder {
        private int encoderSize;
        private int bottleneckSize;
        private int decoderSize;
        private double learningRate;
        private int epochs;
        private int batchSize;
        private double validationFraction;
        private int patience;
        private int maxTrainingWindows;
        private double thresholdPercentile;
        private long seed;
        private int trainingThreads;
        private boolean parallelScoring;

        private Builder(LstmAutoencoderConfig c) {
            encoderSize = c.encoderSize;
            bottleneckSize = c.bottleneckSize;
            decoderSize = c.decoderSize;
            learningRate = c.learningRate;
            epochs = c.epochs;
            batchSize = c.batchSize;
            validationFraction = c.validationFraction;
            patience = c.patience;
            maxTrainingWindows = c.maxTrainingWindows;
            thresholdPercentile = c.thresholdPercentile;
            seed = c.seed;
            trainingThreads = c.trainingThreads;
            parallelScoring = c.parallelScoring;
        }

        /** Sets the three layer sizes. @return this */
        public Builder layers(int encoder, int bottleneck, int decoder) {
            this.encoderSize = encoder;
            this.bottleneckSize = bottleneck;
            this.decoderSize = decoder;
            return this;
        }

        /** @return this */
        public Builder learningRate(double v) {
            this.learningRate = v;
            return this;
        }

        /** @return this */
        public Builder epochs(int v) {
            this.epochs = v;
            return this;
        }

        /** @return this */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** @return this */
        public Builder validationFraction(double v) {
            this.validationFraction = v;
            return this;
        }

        /** @return this */
        public Builder patience(int v) {
            this.patience = v;
            return this;
        }

        /** @return this */
        public Builder maxTrainingWindows(int v) {
            this.maxTrainingWindows = v;
            return this;
        }

        /** @return this */
        public Builder thresholdPercentile(double v) {
            this.thresholdPercentile = v;
            return this;
        }

        /** @return this */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** @return this */
        public Builder trainingThreads(int v) {
            this.trainingThreads = v;
            return this;
        }

        /** @return this */
        public Builder parallelScoring(boolean v) {
            this.parallelScoring = v;
            return this;
        }

        /** @return the validated configuration */
        public LstmAutoencoderConfig build() {
            return new LstmAutoencoderConfig(encoderSize, bottleneckSize, decoderSize, learningRate, epochs,
                    batchSize, validationFraction, patience, maxTrainingWindows, thresholdPercentile, seed,
                    trainingThreads, parallelScoring);
        }
    }
}
