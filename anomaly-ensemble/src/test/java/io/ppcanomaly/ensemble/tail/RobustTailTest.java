package io.ppcanomaly.ensemble.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.ensemble.support.TestData;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustTailTest {

    private static double[] exponential(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -Math.log(1 - rnd.nextDouble());
        }
        return x;
    }

    @Test
    void theExponentialTailMatchesAnExponentialSample() {
        RobustTail t = new RobustTail(exponential(1, 20_000), 0.02);
        assertThat(t.scale()).isCloseTo(1.0, within(0.1));
        // P(X >= 9) = e^-9 for Exp(1)
        assertThat(t.logUpper(9.0, false)).isCloseTo(-9.0, within(0.5));
        // inside the sample the probabilities are the sample's own
        assertThat(Math.exp(t.logUpper(Math.log(10), false))).isCloseTo(0.1, within(0.01));
    }

    @Test
    void incidentsWithinTheTrimDoNotMakeANewIncidentLookOrdinary() {
        double[] clean = exponential(2, 10_000);
        double[] dirty = clean.clone();
        // 1% of the reference are incidents far out (x ~ 12..14, where Exp(1) has p ~ 1e-6)
        for (int i = 0; i < 100; i++) {
            dirty[i] = 12 + 2.0 * i / 100;
        }
        double newIncident = 13.0;
        double clean13 = new RobustTail(clean, 0.02).logUpper(newIncident, false);
        double robust13 = new RobustTail(dirty, 0.02).logUpper(newIncident, false);
        double counted13 = new RobustTail(dirty, 0.001).logUpper(newIncident, false);
        // counted among them, the new incident is as common as they are (p ~ 0.5%)
        assertThat(counted13).isGreaterThan(-6.0);
        // with them beyond the cut it stays far out: their mass shifts the cut (the tail is estimated a little
        // heavier, p ~ 1e-4 instead of 1e-6) but no longer sets it
        assertThat(robust13).isLessThan(counted13 - 3).isCloseTo(clean13, within(4.0));
    }

    @Test
    void probabilitiesKeepFallingFarBeyondTheSample() {
        RobustTail t = new RobustTail(exponential(3, 1_000), 0.02);
        assertThat(t.logUpper(1e3, false)).isLessThan(t.logUpper(1e2, false)).isLessThan(-50);
    }

    @Test
    void aPointMassGetsItsMidRank() {
        double[] x = new double[1_000];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 700; i < x.length; i++) {
            x[i] = TestData.gaussian(rnd);
        }
        RobustTail t = new RobustTail(x, 0.02);
        // 0 holds 70% of the values and about half of the rest lie above it: P(X >= 0) = (0.15 + 0.35)
        assertThat(Math.exp(t.logUpper(0.0, false))).isCloseTo(0.5, within(0.03));
    }

    @Test
    void leavingAValueOutCountsOnlyTheOthers() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        RobustTail t = new RobustTail(x, 0.05);
        // 5 among the 19 others: 15 above it, none equal: P = 15/19
        assertThat(Math.exp(t.logUpper(5, true))).isCloseTo(15.0 / 19, within(1e-12));
        assertThat(Math.exp(t.logUpper(5, false))).isCloseTo(15.5 / 20, within(1e-12));
        assertThat(Arrays.stream(x).allMatch(v -> t.logUpper(v, false) <= 0)).isTrue();
    }

    @Test
    void badArgumentsAreRejectedNamingThem() {
        assertThatThrownBy(() -> new RobustTail(new double[0], 0.02)).hasMessageContaining("values");
        assertThatThrownBy(() -> new RobustTail(new double[] {1}, 0.2)).hasMessageContaining("trim");
        assertThatThrownBy(() -> new RobustTail(new double[] {1}, 0.0)).hasMessageContaining("trim");
        assertThatThrownBy(() -> new RobustTail(new double[] {Double.NaN}, 0.02)).hasMessageContaining("finite");
    }
}
