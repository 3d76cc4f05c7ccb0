package io.ppcanomaly.lstm.inference;

/**
 * The LSTM's activation functions in a form the JIT can vectorise: tanh as a rational function of odd degree
 * 9 over even degree 8, made of multiplications, additions, one division and clamps — no {@code Math.exp}, no
 * branch. The sigmoid is {@code ½ + ½·tanh(x/2)}.
 *
 * <p>The coefficients were fitted for this class (iteratively reweighted least squares on [0, 9], then rounded
 * to {@code float}); evaluated in {@code float} the absolute error is below 4·10<sup>-7</sup> for every input
 * (about six units in the last place near ±1), and the result may overshoot ±1 by as much — far inside the
 * 10<sup>-5</sup> agreement the forward pass keeps with DeepLearning4j. Beyond |x| = 9 the true tanh rounds to
 * ±1 in {@code float}, so the argument is clamped there. The result depends only on IEEE-754 {@code float}
 * arithmetic, which Java evaluates identically on every platform, so scores are bit-identical everywhere.
 */
final class Activations {

    /** |x| beyond which tanh(x) rounds to ±1 in float. */
    static final float CLAMP = 9f;

    private static final float P1 = 0.13380327f;
    private static final float P2 = 3.4947694e-3f;
    private static final float P3 = 2.0596253e-5f;
    private static final float P4 = 1.3338262e-8f;
    private static final float Q1 = 0.46713644f;
    private static final float Q2 = 2.5873835e-2f;
    private static final float Q3 = 3.2843221e-4f;
    private static final float Q4 = 7.7695484e-7f;

    private Activations() {
    }

    /**
     * @return tanh(x), absolute error below 4e-7; the result is not clamped to [-1, 1], so it may overshoot by as
     *         much (harmless in an LSTM, and two fewer min/max operations on the hot path)
     */
    static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float x2 = c * c;
        float p = 1f + x2 * (P1 + x2 * (P2 + x2 * (P3 + x2 * P4)));
        float q = 1f + x2 * (Q1 + x2 * (Q2 + x2 * (Q3 + x2 * Q4)));
        return c * p / q;
    }

    /** @return the logistic sigmoid 1 / (1 + e<sup>-x</sup>), absolute error below 2e-7 */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /** @return the numerator of the rational tanh at an argument already clamped: c·P(c²) */
    static float numerator(float c) {
        float x2 = c * c;
        return c * (1f + x2 * (P1 + x2 * (P2 + x2 * (P3 + x2 * P4))));
    }

    /** Writes the denominator of the rational tanh, Q(v²), of {@code v[0, m)} (already clamped) to {@code tmp}. */
    static void denominators(float[] v, int m, float[] tmp) {
        for (int i = 0; i < m; i++) {
            float x2 = v[i] * v[i];
            tmp[i] = 1f + x2 * (Q1 + x2 * (Q2 + x2 * (Q3 + x2 * Q4)));
        }
    }

    /**
     * Applies tanh in place to {@code v[from, to)}, as {@link #tanh(float)} does, in three simple loops (clamp,
     * denominator into {@code tmp}, numerator and quotient): one loop holding the whole formula is too large for
     * C2 to unroll and so to vectorise.
     *
     * @param tmp scratch at least {@code to} long
     */
    static void tanh(float[] v, int from, int to, float[] tmp) {
        for (int i = from; i < to; i++) {
            v[i] = Math.max(-CLAMP, Math.min(CLAMP, v[i]));
        }
        for (int i = from; i < to; i++) {
            float x2 = v[i] * v[i];
            tmp[i] = 1f + x2 * (Q1 + x2 * (Q2 + x2 * (Q3 + x2 * Q4)));
        }
        for (int i = from; i < to; i++) {
            float c = v[i];
            float x2 = c * c;
            v[i] = c * (1f + x2 * (P1 + x2 * (P2 + x2 * (P3 + x2 * P4)))) / tmp[i];
        }
    }

    /**
     * Applies, in place, tanh to the first {@code n} entries of {@code z} and the sigmoid to the next
     * {@code 3n} — the LSTM's four gate blocks — in one pass of three loops over all {@code 4n}: the sigmoid is
     * computed as {@code ½·tanh(½x) + ½}, so with per-entry factors ({@code inScale} = 1 or ½, {@code outScale}
     * = 1 or ½, {@code shift} = 0 or ½) one tanh loop serves both, with results identical to
     * {@link #tanh(float)} and {@link #sigmoid(float)} entry by entry.
     *
     * @param tmp scratch at least {@code 4n} long
     */
    static void gates(float[] z, int n4, float[] inScale, float[] outScale, float[] shift, float[] tmp) {
        for (int i = 0; i < n4; i++) {
            z[i] = Math.max(-CLAMP, Math.min(CLAMP, z[i] * inScale[i]));
        }
        for (int i = 0; i < n4; i++) {
            float x2 = z[i] * z[i];
            tmp[i] = 1f + x2 * (Q1 + x2 * (Q2 + x2 * (Q3 + x2 * Q4)));
        }
        for (int i = 0; i < n4; i++) {
            float c = z[i];
            float x2 = c * c;
            z[i] = c * (1f + x2 * (P1 + x2 * (P2 + x2 * (P3 + x2 * P4)))) / tmp[i] * outScale[i] + shift[i];
        }
    }

    /**
     * Applies the sigmoid in place to {@code v[from, to)}, as {@link #sigmoid(float)} does.
     *
     * @param tmp scratch at least {@code to} long
     */
    static void sigmoid(float[] v, int from, int to, float[] tmp) {
        for (int i = from; i < to; i++) {
            v[i] = 0.5f * v[i];
        }
        tanh(v, from, to, tmp);
        for (int i = from; i < to; i++) {
            v[i] = 0.5f + 0.5f * v[i];
        }
    }
}
