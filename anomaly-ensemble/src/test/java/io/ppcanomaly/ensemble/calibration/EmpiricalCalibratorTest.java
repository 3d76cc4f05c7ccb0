package io.ppcanomaly.ensemble.calibration;

import static io.ppcanomaly.ensemble.support.TestData.ksUniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmpiricalCalibratorTest {

    /** A bounded, skewed score like a detector's: x / (1 + x) with x exponential. */
    private static double[] scores(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double x = -Math.log(1 - rnd.nextDouble());
            s[i] = x / (1 + x);
        }
        return s;
    }

    private static double[] calibrate(EmpiricalCalibrator c, double[] s) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = c.calibrate(s[i]);
        }
        return out;
    }

    @Test
    void calibrationSampleMapsToTheUniformGrid() {
        double[] s = scores(2_000, 1);
        double[] u = calibrate(EmpiricalCalibrator.fit(s, 0, 0.1), s);
        assertThat(ksUniform(u)).isLessThanOrEqualTo(0.5 / s.length + 1e-12);
    }

    @Test
    void freshScoresOfTheSameDistributionAreNearUniform() {
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(scores(2_000, 1), 0, 0.1);
        double[] u = calibrate(c, scores(20_000, 2));
        // two-sample KS critical value at 1%: 1.63 * sqrt(1/2000 + 1/20000) = 0.038
        assertThat(ksUniform(u)).isLessThan(0.038);
    }

    @Test
    void tailModelKeepsRareEventsRareBeyondTheLargestCalibrationScore() {
        // with 1,000 calibration scores the empirical part stops at 0.9995; the GPD tail carries the rest
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(scores(1_000, 3), 0, 0.1);
        double[] fresh = scores(1_000_000, 4);
        int above999 = 0;
        int above9999 = 0;
        for (double s : fresh) {
            double u = c.calibrate(s);
            above999 += u > 0.999 ? 1 : 0;
            above9999 += u > 0.9999 ? 1 : 0;
        }
        assertThat(above999 / 1e6).as("P(calibrated > 0.999)").isBetween(0.0004, 0.0025);
        assertThat(above9999 / 1e6).as("P(calibrated > 0.9999)").isBetween(0.00002, 0.0004);
    }

    @Test
    void mapIsNonDecreasingContinuousAndInUnitRange() {
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(scores(500, 5), 0, 0.1);
        double prev = -1;
        for (int i = 0; i <= 100_000; i++) {
            double u = c.calibrate(i / 100_000.0);
            assertThat(u).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(prev);
            if (prev >= 0) {
                assertThat(u - prev).as("jump at %d", i).isLessThan(0.01);
            }
            prev = u;
        }
        assertThat(c.calibrate(0.0)).isZero();
    }

    @Test
    void distinctScoresAboveTheLargestSeenKeepTheirOrder() {
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(scores(500, 6), 0, 0.1);
        double max = c.knotScores()[c.size() - 1];
        double a = c.calibrate(max + 0.5 * (1 - max) * 0.1);
        double b = c.calibrate(max + 0.5 * (1 - max) * 0.2);
        assertThat(a).isGreaterThan(c.knotLevels()[c.size() - 1]);
        assertThat(b).isGreaterThan(a).isLessThanOrEqualTo(1.0);
    }

    @Test
    void tailProbabilityKeepsItsPrecisionWhereTheCalibratedScoreRoundsToOne() {
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(scores(500, 6), 0, 0.1);
        double max = c.knotScores()[c.size() - 1];
        for (double s : new double[] {0.1, 0.5, max}) {
            assertThat(c.tailProbability(s)).isEqualTo(1 - c.calibrate(s));
        }
        // walk towards the bounded tail's endpoint until p is positive but below double's resolution near 1
        double lo = max;
        double hi = max + 1;
        double far = Double.NaN;
        for (int i = 0; i < 2_000 && Double.isNaN(far); i++) {
            double mid = 0.5 * (lo + hi);
            double p = c.tailProbability(mid);
            if (p == 0) {
                hi = mid;
            } else if (p > 1e-17) {
                lo = mid;
            } else {
                far = mid;
            }
        }
        assertThat(far).as("a score whose tail probability is in (0, 1e-17]").isNotNaN();
        assertThat(c.calibrate(far)).as("rounds to one").isEqualTo(1.0);
        assertThat(c.tailProbability(far)).isPositive();
        assertThat(c.tailProbability(0.5 * (max + far))).isGreaterThan(c.tailProbability(far));
    }

    @Test
    void tiedScoresShareTheirMidRank() {
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(new double[] {0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8}, 0, 0.5);
        assertThat(c.calibrate(0.0)).isCloseTo(2.0 / 8, within(1e-15)); // ranks 1..4 -> (1+4-1)/(2*8)
        assertThat(c.calibrate(0.6)).isCloseTo(5.5 / 8, within(1e-15));
        assertThat(c.calibrate(0.65)).isCloseTo(6.0 / 8, within(1e-15));
    }

    @Test
    void aSingleScoreOrIdenticalScoresStillGiveAnIncreasingMap() {
        EmpiricalCalibrator one = EmpiricalCalibrator.fit(new double[] {0.3}, 0, 0.1);
        assertThat(one.calibrate(0.3)).isEqualTo(0.5);
        assertThat(one.calibrate(0.31)).isGreaterThan(0.5);
        assertThat(one.calibrate(0.1)).isLessThan(0.5);
        EmpiricalCalibrator same = EmpiricalCalibrator.fit(new double[] {0.2, 0.2, 0.2}, 0, 0.1);
        assertThat(same.calibrate(0.2)).isEqualTo(0.5);
        assertThat(same.calibrate(0.9)).isGreaterThan(0.5);
    }

    @Test
    void rebuildingFromPartsGivesTheSameMap() {
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(scores(300, 8), 0, 0.1);
        EmpiricalCalibrator r = EmpiricalCalibrator.of(c.knotScores(), c.knotLevels(), c.lowerBound(), c.tail());
        for (double s = 0; s <= 1; s += 0.001) {
            assertThat(r.calibrate(s)).isEqualTo(c.calibrate(s));
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> EmpiricalCalibrator.fit(new double[0], 0, 0.1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> EmpiricalCalibrator.fit(new double[] {Double.NaN}, 0, 0.1))
                .hasMessageContaining("calibration score 0 must be finite");
        assertThatThrownBy(() -> EmpiricalCalibrator.fit(new double[] {-0.1}, 0, 0.1))
                .hasMessageContaining(">= 0.0");
        assertThatThrownBy(() -> EmpiricalCalibrator.fit(new double[] {0.1}, 0, 0.7))
                .hasMessageContaining("tailFraction must be in (0, 0.5]");
        EmpiricalCalibrator c = EmpiricalCalibrator.fit(new double[] {0.1, 0.2}, 0, 0.1);
        assertThatThrownBy(() -> c.calibrate(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThatThrownBy(() -> EmpiricalCalibrator.of(new double[] {0.2, 0.1}, new double[] {0.2, 0.4}, 0,
                c.tail())).hasMessageContaining("strictly increasing");
    }
}
