package io.ppcanomaly.lstm.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void tanhIsWithinFourTenMillionthsOfTheTrueValueEverywhere() {
        double max = 0;
        for (double x = -30; x <= 30; x += 1e-4) {
            float f = (float) x;
            max = Math.max(max, Math.abs(Activations.tanh(f) - Math.tanh(f)));
        }
        assertThat(max).isLessThan(4e-7);
    }

    @Test
    void sigmoidIsWithinTwoTenMillionthsOfTheTrueValueEverywhere() {
        double max = 0;
        for (double x = -60; x <= 60; x += 1e-4) {
            float f = (float) x;
            max = Math.max(max, Math.abs(Activations.sigmoid(f) - 1 / (1 + Math.exp(-f))));
        }
        assertThat(max).isLessThan(2e-7);
    }

    @Test
    void extremeArgumentsSaturateInsteadOfOverflowing() {
        assertThat(Activations.tanh(Float.MAX_VALUE)).isCloseTo(1f, org.assertj.core.data.Offset.offset(4e-7f));
        assertThat(Activations.tanh(-Float.MAX_VALUE)).isCloseTo(-1f, org.assertj.core.data.Offset.offset(4e-7f));
        assertThat(Activations.sigmoid(-1e30f)).isCloseTo(0f, org.assertj.core.data.Offset.offset(2e-7f));
        assertThat(Activations.sigmoid(1e30f)).isCloseTo(1f, org.assertj.core.data.Offset.offset(2e-7f));
        assertThat(Activations.tanh(0f)).isZero();
    }

    @Test
    void tanhIsOddAndNonDecreasingUpToItsErrorBound() {
        float prev = Activations.tanh(-12f);
        for (float x = -12f; x <= 12f; x += 0.001f) {
            float y = Activations.tanh(x);
            assertThat(Activations.tanh(-x)).isEqualTo(-y);
            assertThat(y).as("at %s", x).isGreaterThanOrEqualTo(prev - 4e-7f); // monotone up to the error bound
            prev = y;
        }
    }

    @Test
    void arrayFormsApplyTheScalarFunctionsToTheGivenRangeOnlyBitForBit() {
        float[] v = {-2f, -1f, 0.5f, 3f, 7f, -12f, 40f};
        float[] tmp = new float[v.length];
        float[] w = v.clone();
        Activations.tanh(w, 1, 3, tmp);
        assertThat(w).containsExactly(-2f, Activations.tanh(-1f), Activations.tanh(0.5f), 3f, 7f, -12f, 40f);
        float[] s = v.clone();
        Activations.sigmoid(s, 0, v.length, tmp);
        for (int i = 0; i < v.length; i++) {
            assertThat(s[i]).isEqualTo(Activations.sigmoid(v[i]));
        }
    }

    @Test
    void gatesApplyTanhToTheFirstBlockAndTheSigmoidToTheOtherThreeBitForBit() {
        int n = 5;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        float[] z = new float[4 * n];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) ((rnd.nextDouble() - 0.5) * 30);
        }
        LstmLayer l = new LstmLayer(1, n, new float[4 * n], new float[n * 4 * n], new float[4 * n]);
        float[] out = z.clone();
        Activations.gates(out, 4 * n, l.gateInScale, l.gateOutScale, l.gateShift, new float[4 * n]);
        for (int i = 0; i < z.length; i++) {
            float expected = i < n ? Activations.tanh(z[i]) : Activations.sigmoid(z[i]);
            assertThat(out[i]).as("entry %d", i).isEqualTo(expected);
        }
    }
}
