package io.ppcanomaly.lstm.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * The trained sequence autoencoder as plain Java arrays, with a forward pass that needs no native library:
 * what scoring runs on. Immutable and thread-safe; each thread brings its own {@link Scratch}.
 *
 * <h2>Architecture</h2>
 * The RepeatVector autoencoder of Srivastava et al. and Malhotra et al. (see the package documentation):
 * <ol>
 *   <li>encoder: LSTM {@code features → encoder} over the whole window;</li>
 *   <li>bottleneck: LSTM {@code encoder → bottleneck}; only its state after the last period is kept — the
 *       code of the window;</li>
 *   <li>decoder: LSTM {@code bottleneck → decoder} fed the code at every one of the {@code length} periods
 *       (DL4J's {@code RepeatVector});</li>
 *   <li>output: a dense layer {@code decoder → features} with identity activation at every period.</li>
 * </ol>
 * This is exactly the DL4J {@code MultiLayerNetwork} the trainer builds (LSTM, LastTimeStep(LSTM), RepeatVector,
 * LSTM, RnnOutputLayer); the test suite checks the two agree within 10<sup>-5</sup>.
 *
 * <h2>Why it is fast</h2>
 * Every matrix–vector product is written as a sequence of {@code z += x[k]·W[k, ·]} over contiguous rows, a loop
 * HotSpot's C2 compiles to SIMD without any reduction, and the activations are branch-free rational functions
 * ({@link Activations}). Nothing is allocated per window: all state lives in the caller's {@link Scratch}. The
 * decoder's input is the same at every period, so its input projection is computed once per window.
 * Arithmetic is {@code float}, like the DL4J model it was trained as; no fused multiply-add is used, so every
 * platform gives bit-identical outputs.
 */
public final class LstmNetwork {

    private final int length;
    private final int features;
    private final LstmLayer encoder;
    private final LstmLayer bottleneck;
    private final LstmLayer decoder;
    private final float[] outputWeights;
    private final float[] outputBias;

    /**
     * @param length        periods per window, &gt; 0
     * @param encoder       LSTM {@code features → e}
     * @param bottleneck    LSTM {@code e → b}
     * @param decoder       LSTM {@code b → d}
     * @param outputWeights dense weights row-major {@code [d][features]} (DL4J {@code "W"} of the output layer)
     * @param outputBias    dense bias {@code [features]}
     * @throws IllegalArgumentException when the layer sizes do not chain or a weight is not finite
     */
    public LstmNetwork(int length, LstmLayer encoder, LstmLayer bottleneck, LstmLayer decoder, float[] outputWeights,
                       float[] outputBias) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, got " + length);
        }
        this.length = length;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.bottleneck = Objects.requireNonNull(bottleneck, "bottleneck");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.features = encoder.nIn();
        if (bottleneck.nIn() != encoder.nOut()) {
            throw new IllegalArgumentException("bottleneck nIn must be " + encoder.nOut() + " (encoder nOut), got "
                    + bottleneck.nIn());
        }
        if (decoder.nIn() != bottleneck.nOut()) {
            throw new IllegalArgumentException("decoder nIn must be " + bottleneck.nOut() + " (bottleneck nOut), got "
                    + decoder.nIn());
        }
        this.outputWeights = LstmLayer.checked("outputWeights", outputWeights, decoder.nOut() * features);
        this.outputBias = LstmLayer.checked("outputBias", outputBias, features);
    }

    /** @return periods per window */
    public int length() {
        return length;
    }

    /** @return features per period */
    public int features() {
        return features;
    }

    /** @return the encoder layer */
    public LstmLayer encoder() {
        return encoder;
    }

    /** @return the bottleneck layer */
    public LstmLayer bottleneck() {
        return bottleneck;
    }

    /** @return the decoder layer */
    public LstmLayer decoder() {
        return decoder;
    }

    /** @return a copy of the output weights, row-major {@code [decoder][features]} */
    public float[] outputWeights() {
        return outputWeights.clone();
    }

    /** @return a copy of the output bias */
    public float[] outputBias() {
        return outputBias.clone();
    }

    /** @return the number of parameters */
    public int parameterCount() {
        return encoder.parameterCount() + bottleneck.parameterCount() + decoder.parameterCount()
                + outputWeights.length + outputBias.length;
    }

    /** @return fresh buffers for one thread's forward passes through this network */
    public Scratch newScratch() {
        return new Scratch(this);
    }

    /**
     * Reconstructs one window. Allocates nothing.
     *
     * @param x       input, row-major {@code [length][features]} from {@code xOffset}
     * @param xOffset where the window starts in {@code x}
     * @param y       receives the reconstruction, same layout, from {@code yOffset}
     * @param yOffset where to write in {@code y}
     * @param scratch this network's scratch, used by one thread at a time
     */
    public void reconstruct(float[] x, int xOffset, float[] y, int yOffset, Scratch scratch) {
        if (scratch.owner != this) {
            throw new IllegalArgumentException("scratch must come from this network's newScratch()");
        }
        Objects.checkFromIndexSize(xOffset, length * features, x.length);
        Objects.checkFromIndexSize(yOffset, length * features, y.length);
        Scratch s = scratch;
        Arrays.fill(s.h1, 0f);
        Arrays.fill(s.c1, 0f);
        Arrays.fill(s.h2, 0f);
        Arrays.fill(s.c2, 0f);
        Arrays.fill(s.h3, 0f);
        Arrays.fill(s.c3, 0f);
        // Encoder and bottleneck run in lock step: the bottleneck at t needs only the encoder's output at t.
        for (int t = 0; t < length; t++) {
            step(encoder, x, xOffset + t * features, s.h1, s.c1, s.z, t == 0);
            step(bottleneck, s.h1, 0, s.h2, s.c2, s.z, t == 0);
        }
        // Decoder: its input (the code h2) is the same every period, so project it once.
        int n4 = 4 * decoder.nOut();
        System.arraycopy(decoder.bias, 0, s.zx, 0, n4);
        float[][] w = decoder.inputRows;
        for (int k = 0, nIn = decoder.nIn(); k < nIn; k++) {
            axpy(s.h2[k], w[k], s.zx, n4);
        }
        int d = decoder.nOut();
        float[][] r = decoder.recurrentRows;
        for (int t = 0; t < length; t++) {
            System.arraycopy(s.zx, 0, s.z, 0, n4);
            if (t > 0) {
                for (int k = 0; k < d; k++) {
                    axpy(s.h3[k], r[k], s.z, n4);
                }
            }
            cell(s.z, d, s.c3, s.h3);
            int o = yOffset + t * features;
            System.arraycopy(outputBias, 0, y, o, features);
            for (int k = 0; k < d; k++) {
                float hk = s.h3[k];
                int wo = k * features;
                for (int f = 0; f < features; f++) {
                    y[o + f] += hk * outputWeights[wo + f];
                }
            }
        }
    }

    /**
     * The reconstruction error of one window: the mean over its cells of the squared difference between input
     * and reconstruction, accumulated in {@code double} in cell order (so it is the same wherever it is
     * computed).
     */
    public static double meanSquaredError(float[] x, int xOffset, float[] y, int yOffset, int cells) {
        double sum = 0;
        for (int i = 0; i < cells; i++) {
            double d = (double) y[yOffset + i] - x[xOffset + i];
            sum += d * d;
        }
        return sum / cells;
    }

    /** One time step of one layer: z = b + x·W (+ h·RW after the first step), then the cell update. */
    private static void step(LstmLayer l, float[] x, int xOffset, float[] h, float[] c, float[] z, boolean first) {
        int n = l.nOut();
        int n4 = 4 * n;
        System.arraycopy(l.bias, 0, z, 0, n4);
        float[][] w = l.inputRows;
        for (int k = 0, nIn = l.nIn(); k < nIn; k++) {
            axpy(x[xOffset + k], w[k], z, n4);
        }
        if (!first) { // h is all zeros before the first step: skip the product with it
            float[][] r = l.recurrentRows;
            for (int k = 0; k < n; k++) {
                axpy(h[k], r[k], z, n4);
            }
        }
        cell(z, n, c, h);
    }

    /** z[0, n) += a·row[0, n): same index on both arrays and no reduction, so C2 vectorises it. */
    private static void axpy(float a, float[] row, float[] z, int n) {
        for (int j = 0; j < n; j++) {
            z[j] += a * row[j];
        }
    }

    /** Gate activations in DL4J's order [a | f | o | g], then c = f·c + g·a and h = o·tanh(c). */
    private static void cell(float[] z, int n, float[] c, float[] h) {
        Activations.tanh(z, 0, n);
        Activations.sigmoid(z, n, 4 * n);
        for (int j = 0; j < n; j++) {
            float cj = z[n + j] * c[j] + z[3 * n + j] * z[j];
            c[j] = cj;
            h[j] = z[2 * n + j] * Activations.tanh(cj);
        }
    }

    /**
     * One thread's working memory for {@link #reconstruct}: the gate pre-activations and the hidden and cell
     * states of the three layers, a few kilobytes. Not thread-safe; reuse it for any number of windows.
     */
    public static final class Scratch {
        private final LstmNetwork owner;
        private final float[] z;
        private final float[] zx;
        private final float[] h1;
        private final float[] c1;
        private final float[] h2;
        private final float[] c2;
        private final float[] h3;
        private final float[] c3;

        private Scratch(LstmNetwork n) {
            this.owner = n;
            int widest = Math.max(n.encoder.nOut(), Math.max(n.bottleneck.nOut(), n.decoder.nOut()));
            this.z = new float[4 * widest];
            this.zx = new float[4 * n.decoder.nOut()];
            this.h1 = new float[n.encoder.nOut()];
            this.c1 = new float[n.encoder.nOut()];
            this.h2 = new float[n.bottleneck.nOut()];
            this.c2 = new float[n.bottleneck.nOut()];
            this.h3 = new float[n.decoder.nOut()];
            this.c3 = new float[n.decoder.nOut()];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmNetwork n && n.length == length && n.encoder.equals(encoder)
                && n.bottleneck.equals(bottleneck) && n.decoder.equals(decoder)
                && Arrays.equals(n.outputWeights, outputWeights) && Arrays.equals(n.outputBias, outputBias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(length, encoder, bottleneck, decoder, Arrays.hashCode(outputWeights),
                Arrays.hashCode(outputBias));
    }

    @Override
    public String toString() {
        return "LstmNetwork[" + length + "x" + features + ": " + encoder.nOut() + "-" + bottleneck.nOut() + "-"
                + decoder.nOut() + "]";
    }
}
