package io.ppcanomaly.lstm.inference;

import java.util.Arrays;

/**
 * The forward pass of {@link LstmNetwork} for a block of up to {@link #BLOCK} windows at once, with the windows
 * as the innermost dimension: every value the single-window pass keeps per unit — an input, a gate
 * pre-activation, a hidden or cell state, an output — is here an array over the windows of the block.
 *
 * <p>Why: the single-window pass works on vectors of 16 to 128 floats, so its loops are short, mostly loop
 * set-up and scalar remainders, and each time step waits for the previous one. Here every loop runs over the
 * block's windows, which are independent, so HotSpot's C2 vectorises all of it — the products with the weights
 * (each weight a scalar broadcast over the block), the activations and the cell updates — and the cost per
 * window falls by a quarter to a third (measured, see the benchmarks' RESULTS.md).
 *
 * <p>Each window's arithmetic is exactly that of {@link LstmNetwork#reconstruct}: the same operations on the
 * same operands in the same order (products of two floats are commutative in IEEE 754, so x·w here equals w·x
 * there), so the outputs are bit-identical to reconstructing the windows one at a time. The test suite checks
 * this. One instance per {@link LstmNetwork.Scratch}; not thread-safe; allocates only when built.
 */
final class BlockForward {

    /**
     * Most windows per block. Every loop runs over the block, so longer blocks spend less on loop set-up and
     * remainders: measured per window on one core, 21.3 µs at 64, 15.3 at 128, 14.4 at 256, 12.4 at 512. At 512
     * the block's state (z, h and c of every unit, inputs and outputs) is about 1.2 MB, within a 2 MB L2.
     */
    static final int BLOCK = 512;

    private final LstmNetwork net;
    private final int length;
    private final int features;
    /** Inputs, [period·features + feature][window]. */
    private final float[][] x;
    /** Reconstructions, same layout. */
    private final float[][] y;
    private final float[][] z;
    private final float[][] zx;
    private final float[][] h1;
    private final float[][] c1;
    private final float[][] h2;
    private final float[][] c2;
    private final float[][] h3;
    private final float[][] c3;
    private final float[] tmp;

    BlockForward(LstmNetwork net) {
        this.net = net;
        this.length = net.length();
        this.features = net.features();
        int e = net.encoder().nOut();
        int b = net.bottleneck().nOut();
        int d = net.decoder().nOut();
        int widest = Math.max(e, Math.max(b, d));
        this.x = new float[length * features][BLOCK];
        this.y = new float[length * features][BLOCK];
        this.z = new float[4 * widest][BLOCK];
        this.zx = new float[4 * d][BLOCK];
        this.h1 = new float[e][BLOCK];
        this.c1 = new float[e][BLOCK];
        this.h2 = new float[b][BLOCK];
        this.c2 = new float[b][BLOCK];
        this.h3 = new float[d][BLOCK];
        this.c3 = new float[d][BLOCK];
        this.tmp = new float[BLOCK];
    }

    /**
     * Reconstructs {@code m} consecutive windows, 1 &le; m &le; {@link #BLOCK}, row-major and back to back in
     * {@code in} from {@code inOffset}, into {@code out} from {@code outOffset}. Bounds are the caller's.
     */
    void reconstruct(float[] in, int inOffset, int m, float[] out, int outOffset) {
        int cells = length * features;
        for (int w = 0; w < m; w++) {
            int base = inOffset + w * cells;
            for (int i = 0; i < cells; i++) {
                x[i][w] = in[base + i];
            }
        }
        clear(h1, m);
        clear(c1, m);
        clear(h2, m);
        clear(c2, m);
        clear(h3, m);
        clear(c3, m);
        LstmLayer encoder = net.encoder();
        LstmLayer bottleneck = net.bottleneck();
        LstmLayer decoder = net.decoder();
        for (int t = 0; t < length; t++) {
            step(encoder, x, t * features, h1, c1, m, t == 0);
            step(bottleneck, h1, 0, h2, c2, m, t == 0);
        }
        int d = decoder.nOut();
        int n4 = 4 * d;
        for (int j = 0; j < n4; j++) {
            float[] zj = zx[j];
            Arrays.fill(zj, 0, m, decoder.bias[j]);
            accumulate(h2, 0, decoder.nIn(), decoder.inputRows, j, zj, m);
        }
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < n4; j++) {
                float[] zj = z[j];
                System.arraycopy(zx[j], 0, zj, 0, m);
                if (t > 0) {
                    accumulate(h3, 0, d, decoder.recurrentRows, j, zj, m);
                }
            }
            cell(decoder, c3, h3, m);
            output(t, m);
        }
        for (int w = 0; w < m; w++) {
            int base = outOffset + w * cells;
            for (int i = 0; i < cells; i++) {
                out[base + i] = y[i][w];
            }
        }
    }

    private static void clear(float[][] rows, int m) {
        for (float[] r : rows) {
            Arrays.fill(r, 0, m, 0f);
        }
    }

    /**
     * One time step of one layer: z = b + in·W (+ h·RW after the first step), then the cell update; the inputs
     * are rows {@code [from, from + nIn)} of {@code in}.
     */
    private void step(LstmLayer l, float[][] in, int from, float[][] h, float[][] c, int m, boolean first) {
        int n = l.nOut();
        int n4 = 4 * n;
        for (int j = 0; j < n4; j++) {
            float[] zj = z[j];
            Arrays.fill(zj, 0, m, l.bias[j]);
            accumulate(in, from, l.nIn(), l.inputRows, j, zj, m);
            if (!first) {
                accumulate(h, 0, n, l.recurrentRows, j, zj, m);
            }
        }
        cell(l, c, h, m);
    }

    /**
     * zj[0, m) += Σ<sub>k</sub> v[from + k][0, m)·w[k][j], four rows at a time and then one at a time, with each
     * group's sum formed as {@code LstmNetwork.gemv} forms it.
     */
    private static void accumulate(float[][] v, int from, int rows, float[][] w, int j, float[] zj, int m) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            float w0 = w[k][j];
            float w1 = w[k + 1][j];
            float w2 = w[k + 2][j];
            float w3 = w[k + 3][j];
            float[] v0 = v[from + k];
            float[] v1 = v[from + k + 1];
            float[] v2 = v[from + k + 2];
            float[] v3 = v[from + k + 3];
            for (int b = 0; b < m; b++) {
                zj[b] += v0[b] * w0 + v1[b] * w1 + v2[b] * w2 + v3[b] * w3;
            }
        }
        for (; k < rows; k++) {
            float wk = w[k][j];
            float[] vk = v[from + k];
            for (int b = 0; b < m; b++) {
                zj[b] += vk[b] * wk;
            }
        }
    }

    /**
     * The gates of every unit from z (DL4J order [a | f | o | g]), then c = f·c + g·a and h = o·tanh(c), as
     * {@code LstmNetwork.cell} computes them.
     */
    private void cell(LstmLayer l, float[][] c, float[][] h, int m) {
        int n = l.nOut();
        float[] in = l.gateInScale;
        float[] out = l.gateOutScale;
        float[] shift = l.gateShift;
        for (int k = 0; k < n; k++) {
            float[] a = z[k];
            float[] f = z[n + k];
            float[] o = z[2 * n + k];
            float[] g = z[3 * n + k];
            gate(a, m, in[k], out[k], shift[k]);
            gate(f, m, in[n + k], out[n + k], shift[n + k]);
            gate(o, m, in[2 * n + k], out[2 * n + k], shift[2 * n + k]);
            gate(g, m, in[3 * n + k], out[3 * n + k], shift[3 * n + k]);
            float[] ck = c[k];
            float[] hk = h[k];
            for (int b = 0; b < m; b++) {
                ck[b] = f[b] * ck[b] + g[b] * a[b];
            }
            System.arraycopy(ck, 0, hk, 0, m);
            Activations.tanh(hk, 0, m, tmp);
            for (int b = 0; b < m; b++) {
                hk[b] = o[b] * hk[b];
            }
        }
    }

    /** One gate row in place, as {@link Activations#gates} computes each entry. */
    private void gate(float[] v, int m, float inScale, float outScale, float shift) {
        for (int b = 0; b < m; b++) {
            v[b] = Math.max(-Activations.CLAMP, Math.min(Activations.CLAMP, v[b] * inScale));
        }
        Activations.denominators(v, m, tmp);
        for (int b = 0; b < m; b++) {
            v[b] = Activations.numerator(v[b]) / tmp[b] * outScale + shift;
        }
    }

    /** y at period t = output bias + h3·W<sub>out</sub>, as {@code LstmNetwork.output} forms it. */
    private void output(int t, int m) {
        int d = h3.length;
        float[][] rows = net.outputRows;
        float[] bias = net.outputBiasInternal();
        for (int f = 0; f < features; f++) {
            float[] yf = y[t * features + f];
            Arrays.fill(yf, 0, m, bias[f]);
            accumulate(h3, 0, d, rows, f, yf, m);
        }
    }
}
