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
 * Every matrix–vector product is a sequence of {@code z += x[k]·W[k] + … + x[k+3]·W[k+3]} over weight rows held
 * as separate arrays — no reduction and no index offset, so HotSpot's C2 compiles it to SIMD code — and the four
 * gate blocks of a step go through one pass of branch-free rational activations ({@link Activations}). Nothing
 * is allocated per window: all state lives in the caller's {@link Scratch}. The decoder's input is the same at
 * every period, so its input projection is computed once per window, and the first step of each layer skips
 * the product with the zero state. Arithmetic is {@code float}, like the DL4J model it was trained as, in a
 * fixed order and without fused multiply-add, so every platform gives bit-identical outputs.
 */
public final class LstmNetwork {

    /** The most windows {@link #reconstructAll} advances through the layers together. */
    public static final int BATCH_BLOCK = BlockForward.BLOCK;

    private final int length;
    private final int features;
    private final LstmLayer encoder;
    private final LstmLayer bottleneck;
    private final LstmLayer decoder;
    private final float[] outputWeights;
    final float[][] outputRows;
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
        this.outputRows = LstmLayer.rows(this.outputWeights, decoder.nOut(), features);
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

    /** The output bias itself, for {@link BlockForward}; never handed out. */
    float[] outputBiasInternal() {
        return outputBias;
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
        checkScratch(scratch);
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
            step(encoder, x, xOffset + t * features, s.h1, s.c1, s, t == 0);
            step(bottleneck, s.h1, 0, s.h2, s.c2, s, t == 0);
        }
        // Decoder: its input (the code h2) is the same every period, so project it once.
        int d = decoder.nOut();
        int n4 = 4 * d;
        System.arraycopy(decoder.bias, 0, s.zx, 0, n4);
        gemv(s.h2, 0, decoder.nIn(), decoder.inputRows, s.zx, n4);
        for (int t = 0; t < length; t++) {
            System.arraycopy(s.zx, 0, s.z, 0, n4);
            if (t > 0) {
                gemv(s.h3, 0, d, decoder.recurrentRows, s.z, n4);
            }
            cell(decoder, s.c3, s.h3, s);
            output(s.h3, y, yOffset + t * features);
        }
    }

    /**
     * Reconstructs {@code count} windows stored back to back: the batch fast path. The windows go through the
     * network in blocks of up to {@value #BATCH_BLOCK}, all windows of a block advancing through each layer
     * together (see {@link BlockForward}), which costs about a third of reconstructing them one at a time. Each
     * window's output is bit-identical to {@link #reconstruct} of it alone. The first call on a scratch
     * allocates the block's buffers (about 1.2 MB at the default sizes); later calls allocate nothing.
     *
     * @param x       inputs, {@code count} windows of row-major {@code [length][features]} from {@code xOffset}
     * @param xOffset where the first window starts in {@code x}
     * @param count   number of windows, &ge; 0
     * @param y       receives the reconstructions, same layout, from {@code yOffset}
     * @param yOffset where to write in {@code y}
     * @param scratch this network's scratch, used by one thread at a time
     * @throws IllegalArgumentException for a negative count or another network's scratch
     * @throws IndexOutOfBoundsException when the windows do not fit the arrays
     */
    public void reconstructAll(float[] x, int xOffset, int count, float[] y, int yOffset, Scratch scratch) {
        checkScratch(scratch);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int cells = length * features;
        Objects.checkFromIndexSize(xOffset, (long) count * cells, x.length);
        Objects.checkFromIndexSize(yOffset, (long) count * cells, y.length);
        if (count == 1) {
            reconstruct(x, xOffset, y, yOffset, scratch);
            return;
        }
        BlockForward block = scratch.block();
        for (int i = 0; i < count; i += BATCH_BLOCK) {
            int m = Math.min(BATCH_BLOCK, count - i);
            block.reconstruct(x, xOffset + i * cells, m, y, yOffset + i * cells);
        }
    }

    private void checkScratch(Scratch scratch) {
        if (scratch.owner != this) {
            throw new IllegalArgumentException("scratch must come from this network's newScratch()");
        }
    }

    /** y[o, o + features) = output bias + h·W<sub>out</sub>, four decoder units at a time. */
    private void output(float[] h, float[] y, int o) {
        int d = h.length;
        int f = features;
        System.arraycopy(outputBias, 0, y, o, f);
        int k = 0;
        for (; k + 3 < d; k += 4) {
            float h0 = h[k];
            float h1 = h[k + 1];
            float h2 = h[k + 2];
            float h3 = h[k + 3];
            float[] r0 = outputRows[k];
            float[] r1 = outputRows[k + 1];
            float[] r2 = outputRows[k + 2];
            float[] r3 = outputRows[k + 3];
            for (int j = 0; j < f; j++) {
                y[o + j] += h0 * r0[j] + h1 * r1[j] + h2 * r2[j] + h3 * r3[j];
            }
        }
        for (; k < d; k++) {
            float hk = h[k];
            float[] r = outputRows[k];
            for (int j = 0; j < f; j++) {
                y[o + j] += hk * r[j];
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
    private static void step(LstmLayer l, float[] x, int xOffset, float[] h, float[] c, Scratch s, boolean first) {
        int n = l.nOut();
        int n4 = 4 * n;
        float[] z = s.z;
        System.arraycopy(l.bias, 0, z, 0, n4);
        gemv(x, xOffset, l.nIn(), l.inputRows, z, n4);
        if (!first) { // h is all zeros before the first step: skip the product with it
            gemv(h, 0, n, l.recurrentRows, z, n4);
        }
        cell(l, c, h, s);
    }

    /**
     * z[0, n) += Σ<sub>k</sub> v[off + k]·w[k][0, n), four rows at a time. Every array is indexed by the same
     * {@code j} with no offset: C2 can then prove the stores to z do not overlap the loads of the rows and
     * vectorises the loop (with an offset it cannot, and runs scalar code, measured 3–4 times slower). Four
     * rows per pass cut the loads and stores of z fourfold; eight exceed what C2 unrolls and vectorise no more.
     */
    private static void gemv(float[] v, int off, int rows, float[][] w, float[] z, int n) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            float a0 = v[off + k];
            float a1 = v[off + k + 1];
            float a2 = v[off + k + 2];
            float a3 = v[off + k + 3];
            float[] r0 = w[k];
            float[] r1 = w[k + 1];
            float[] r2 = w[k + 2];
            float[] r3 = w[k + 3];
            for (int j = 0; j < n; j++) {
                z[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
        }
        for (; k < rows; k++) {
            float a = v[off + k];
            float[] r = w[k];
            for (int j = 0; j < n; j++) {
                z[j] += a * r[j];
            }
        }
    }

    /**
     * Gate activations in DL4J's order [a | f | o | g] of s.z, then c = f·c + g·a and h = o·tanh(c). The gates
     * are first copied into arrays of their own, so every loop indexes its arrays alike and vectorises.
     */
    private static void cell(LstmLayer l, float[] c, float[] h, Scratch s) {
        int n = l.nOut();
        float[] z = s.z;
        float[] tmp = s.tmp;
        Activations.gates(z, 4 * n, l.gateInScale, l.gateOutScale, l.gateShift, tmp);
        float[] a = s.ga;
        float[] f = s.gf;
        float[] o = s.go;
        float[] g = s.gg;
        System.arraycopy(z, 0, a, 0, n);
        System.arraycopy(z, n, f, 0, n);
        System.arraycopy(z, 2 * n, o, 0, n);
        System.arraycopy(z, 3 * n, g, 0, n);
        for (int j = 0; j < n; j++) {
            c[j] = f[j] * c[j] + g[j] * a[j];
        }
        System.arraycopy(c, 0, h, 0, n);
        Activations.tanh(h, 0, n, tmp);
        for (int j = 0; j < n; j++) {
            h[j] = o[j] * h[j];
        }
    }

    /**
     * One thread's working memory for {@link #reconstruct}: the gate pre-activations and the hidden and cell
     * states of the three layers, a few kilobytes, and on first use of
     * {@link #reconstructAll} its block buffers. Not thread-safe; reuse it for any number of windows.
     */
    public static final class Scratch {
        private final LstmNetwork owner;
        private final float[] z;
        private final float[] zx;
        private final float[] tmp;
        private final float[] ga;
        private final float[] gf;
        private final float[] go;
        private final float[] gg;
        private final float[] h1;
        private final float[] c1;
        private final float[] h2;
        private final float[] c2;
        private final float[] h3;
        private final float[] c3;
        private BlockForward block;

        /** @return the buffers of {@link #reconstructAll}, allocated on first use */
        private BlockForward block() {
            if (block == null) {
                block = new BlockForward(owner);
            }
            return block;
        }

        private Scratch(LstmNetwork n) {
            this.owner = n;
            int widest = Math.max(n.encoder.nOut(), Math.max(n.bottleneck.nOut(), n.decoder.nOut()));
            this.z = new float[4 * widest];
            this.zx = new float[4 * n.decoder.nOut()];
            this.tmp = new float[4 * widest];
            this.ga = new float[widest];
            this.gf = new float[widest];
            this.go = new float[widest];
            this.gg = new float[widest];
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
