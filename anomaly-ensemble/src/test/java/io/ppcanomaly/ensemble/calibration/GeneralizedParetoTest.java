package io.ppcanomaly.ensemble.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeneralizedParetoTest {

    /** Inverse-CDF draws from GPD(ξ, σ). */
    private static double[] sample(double xi, double sigma, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            y[i] = Math.abs(xi) < 1e-12 ? -sigma * Math.log(1 - u) : sigma / xi * (Math.pow(1 - u, -xi) - 1);
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({"0.0, 1.0", "0.2, 0.5", "-0.3, 2.0", "0.4, 1.0"})
    void probabilityWeightedMomentsRecoverShapeAndScaleFromALargeSample(double xi, double sigma) {
        GeneralizedPareto g = GeneralizedPareto.fit(sample(xi, sigma, 50_000, 7));
        assertThat(g.shape()).isCloseTo(xi, within(0.04));
        assertThat(g.scale()).isCloseTo(sigma, within(0.05 * sigma));
    }

    @Test
    void survivalMatchesTheClosedForm() {
        GeneralizedPareto exp = new GeneralizedPareto(0.0, 2.0);
        assertThat(exp.survival(2.0)).isCloseTo(Math.exp(-1), within(1e-15));
        assertThat(exp.survival(-1)).isEqualTo(1.0);
        GeneralizedPareto bounded = new GeneralizedPareto(-0.5, 1.0);
        assertThat(bounded.survival(1.0)).isCloseTo(0.25, within(1e-15)); // (1 - 0.5)^2
        assertThat(bounded.survival(2.0)).isZero(); // the endpoint −σ/ξ = 2
        assertThat(bounded.survival(3.0)).isZero();
    }

    @Test
    void shiftingTheThresholdKeepsTheConditionalTail() {
        GeneralizedPareto g = new GeneralizedPareto(0.25, 1.0);
        double d = 1.5;
        GeneralizedPareto shifted = g.shiftedBy(d);
        for (double y : new double[] {0.1, 1, 3, 10}) {
            assertThat(shifted.survival(y)).isCloseTo(g.survival(d + y) / g.survival(d), within(1e-12));
        }
    }

    @Test
    void aBoundedFitIsWidenedToReachTheRequestedEndpoint() {
        double[] y = sample(-0.5, 1.0, 200, 3); // true endpoint 2
        GeneralizedPareto free = GeneralizedPareto.fit(y);
        GeneralizedPareto wide = GeneralizedPareto.fit(y, 2.5);
        assertThat(wide.scale() / -wide.shape()).isCloseTo(2.5, within(1e-9));
        assertThat(wide.shape()).isGreaterThan(free.shape());
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        assertThat(wide.scale() / (1 - wide.shape())).as("mean kept").isCloseTo(mean, within(1e-12));
        assertThat(GeneralizedPareto.fit(y, 0.1)).as("already beyond").isEqualTo(free);
    }

    @Test
    void identicalExceedancesGiveTheSmallestScale() {
        GeneralizedPareto g = GeneralizedPareto.fit(new double[] {0, 0, 0});
        assertThat(g.scale()).isEqualTo(GeneralizedPareto.MIN_SCALE);
    }

    @Test
    void rejectsBadParametersAndSamples() {
        assertThatThrownBy(() -> new GeneralizedPareto(0.9, 1)).hasMessageContaining("shape must be in");
        assertThatThrownBy(() -> new GeneralizedPareto(0, 0)).hasMessageContaining("scale must be");
        assertThatThrownBy(() -> GeneralizedPareto.fit(new double[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> GeneralizedPareto.fit(new double[] {1, -1})).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> GeneralizedPareto.fit(new double[] {Double.NaN})).hasMessageContaining("NaN");
    }
}
