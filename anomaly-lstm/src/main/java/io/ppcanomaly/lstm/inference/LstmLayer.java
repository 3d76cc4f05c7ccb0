package io.ppcanomaly.lstm.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * The weights of one LSTM layer without peepholes, laid out as DeepLearning4j's {@code LSTM} layer keeps them
 * (see {@code LSTMParamInitializer} and {@code LSTMHelpers}), row-major:
 * <ul>
 *   <li>input weights {@code [nIn][4·nOut]} (DL4J {@code "W"});</li>
 *   <li>recurrent weights {@code [nOut][4·nOut]} (DL4J {@code "RW"});</li>
 *   <li>bias {@code [4·nOut]} (DL4J {@code "b"}).</li>
 * </ul>
 * Each row of {@code 4·nOut} holds four blocks of {@code nOut} in DL4J's gate order: the cell input
 * <i>a</i> (layer activation, tanh), the forget gate <i>f</i>, the output gate <i>o</i> and the input gate
 * <i>g</i> (gate activation, sigmoid). With z = x·W + h<sub>t-1</sub>·RW + b:
 * c<sub>t</sub> = f ⊙ c<sub>t-1</sub> + g ⊙ a and h<sub>t</sub> = o ⊙ tanh(c<sub>t</sub>).
 * Immutable: the arrays are copied in and never handed out.
 */
public final class LstmLayer {

    private final int nIn;
    private final int nOut;
    private final float[] inputWeights;
    private final float[] recurrentWeights;
    final float[] bias;
    /** The input weights as one array per input: row k is what input k adds to the 4·nOut pre-activations. */
    final float[][] inputRows;
    /** The recurrent weights as one array per unit. */
    final float[][] recurrentRows;
    /** Per pre-activation factors of {@link Activations#gates}: the a block takes tanh, the others the sigmoid. */
    final float[] gateInScale;
    final float[] gateOutScale;
    final float[] gateShift;

    /**
     * @param nIn              inputs per time step, &gt; 0
     * @param nOut             units, &gt; 0
     * @param inputWeights     {@code nIn·4·nOut} values, row-major {@code [nIn][4·nOut]}
     * @param recurrentWeights {@code nOut·4·nOut} values, row-major {@code [nOut][4·nOut]}
     * @param bias             {@code 4·nOut} values
     * @throws IllegalArgumentException for a size that does not match or a non-finite weight
     */
    public LstmLayer(int nIn, int nOut, float[] inputWeights, float[] recurrentWeights, float[] bias) {
        if (nIn <= 0) {
            throw new IllegalArgumentException("nIn must be > 0, got " + nIn);
        }
        if (nOut <= 0) {
            throw new IllegalArgumentException("nOut must be > 0, got " + nOut);
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.inputWeights = checked("inputWeights", inputWeights, nIn * 4 * nOut);
        this.recurrentWeights = checked("recurrentWeights", recurrentWeights, nOut * 4 * nOut);
        this.bias = checked("bias", bias, 4 * nOut);
        // Separate row arrays let the JIT vectorise z[j] += x·row[j]: with a row offset into one shared array
        // C2 cannot rule out aliasing with z and falls back to scalar code (measured 4x slower).
        this.inputRows = rows(this.inputWeights, nIn, 4 * nOut);
        this.recurrentRows = rows(this.recurrentWeights, nOut, 4 * nOut);
        this.gateInScale = new float[4 * nOut];
        this.gateOutScale = new float[4 * nOut];
        this.gateShift = new float[4 * nOut];
        Arrays.fill(gateInScale, 0, nOut, 1f);
        Arrays.fill(gateOutScale, 0, nOut, 1f);
        Arrays.fill(gateInScale, nOut, 4 * nOut, 0.5f);
        Arrays.fill(gateOutScale, nOut, 4 * nOut, 0.5f);
        Arrays.fill(gateShift, nOut, 4 * nOut, 0.5f);
    }

    static float[][] rows(float[] flat, int rows, int cols) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * cols, r * cols + cols);
        }
        return out;
    }

    static float[] checked(String name, float[] values, int expected) {
        Objects.requireNonNull(values, name);
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
            }
        }
        return values.clone();
    }

    /** @return inputs per time step */
    public int nIn() {
        return nIn;
    }

    /** @return units (size of the hidden and cell state) */
    public int nOut() {
        return nOut;
    }

    /** @return a copy of the input weights, row-major {@code [nIn][4·nOut]} */
    public float[] inputWeights() {
        return inputWeights.clone();
    }

    /** @return a copy of the recurrent weights, row-major {@code [nOut][4·nOut]} */
    public float[] recurrentWeights() {
        return recurrentWeights.clone();
    }

    /** @return a copy of the bias, {@code [4·nOut]} */
    public float[] bias() {
        return bias.clone();
    }

    /** @return the number of parameters */
    public int parameterCount() {
        return inputWeights.length + recurrentWeights.length + bias.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmLayer l && l.nIn == nIn && l.nOut == nOut
                && Arrays.equals(l.inputWeights, inputWeights) && Arrays.equals(l.recurrentWeights, recurrentWeights)
                && Arrays.equals(l.bias, bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nIn, nOut, Arrays.hashCode(inputWeights), Arrays.hashCode(recurrentWeights),
                Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "LstmLayer[" + nIn + "->" + nOut + "]";
    }
}
