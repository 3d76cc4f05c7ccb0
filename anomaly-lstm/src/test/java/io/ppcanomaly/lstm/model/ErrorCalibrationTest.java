package io.ppcanomaly.lstm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ErrorCalibrationTest {

    private static double[] errors(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = -Math.log(1 - rnd.nextDouble()); // exponential, like squared errors
        }
        return e;
    }

    @Test
    void scoresFollowTheEmpiricalDistributionOfTheTrainingErrors() {
        double[] e = errors(20_000, 1);
        ErrorCalibration c = ErrorCalibration.fit(e, ErrorCalibration.DEFAULT_KNOTS);
        // exponential(1): P(E <= x) = 1 - exp(-x)
        for (double x : new double[] {0.05, 0.3, 0.69, 1.5, 3.0}) {
            assertThat(c.score(x)).as("score at %s", x).isCloseTo(1 - Math.exp(-x), within(0.01));
        }
    }

    @Test
    void scoresStayInsideTheUnitIntervalAndNeverDecrease() {
        ErrorCalibration c = ErrorCalibration.fit(errors(5_000, 2), 100);
        double prev = -1;
        for (double x = 0; x < 1e6; x = x * 1.01 + 1e-6) {
            double s = c.score(x);
            assertThat(s).isBetween(0.0, 1.0);
            assertThat(s).isGreaterThanOrEqualTo(prev);
            prev = s;
        }
        assertThat(c.score(0)).isZero();
    }

    @Test
    void theTailBeyondTheLargestTrainingErrorKeepsRankingWorseWindowsHigher() {
        double[] e = errors(1_000, 3);
        ErrorCalibration c = ErrorCalibration.fit(e, 1_000);
        double max = c.maxError();
        assertThat(c.score(max)).isCloseTo(1000.0 / 1001.0, within(1e-12));
        assertThat(c.score(max * 2)).isGreaterThan(c.score(max)).isLessThan(1.0);
        assertThat(c.score(max * 1000)).isGreaterThan(c.score(max * 2)).isLessThan(1.0);
        assertThat(c.score(Math.nextUp(max))).isCloseTo(c.score(max), within(1e-9));
    }

    @Test
    void theMapIsContinuousAtTheSmallestTrainingError() {
        ErrorCalibration c = ErrorCalibration.fit(new double[] {2, 3, 4, 5}, 10);
        assertThat(c.score(2)).isCloseTo(1.0 / 5, within(1e-12));
        assertThat(c.score(Math.nextDown(2.0))).isCloseTo(1.0 / 5, within(1e-9));
        assertThat(c.score(1)).isCloseTo(0.1, within(1e-12));
        assertThat(c.score(5)).isCloseTo(4.0 / 5, within(1e-12));
        assertThat(c.score(3.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void quantilesInterpolateBetweenOrderStatisticsLikeRType7() {
        double[] sorted = {1, 2, 4, 8};
        assertThat(ErrorCalibration.quantileOfSorted(sorted, 0)).isEqualTo(1);
        assertThat(ErrorCalibration.quantileOfSorted(sorted, 1)).isEqualTo(8);
        assertThat(ErrorCalibration.quantileOfSorted(sorted, 0.5)).isEqualTo(3);
        assertThat(ErrorCalibration.quantileOfSorted(sorted, 0.9)).isCloseTo(6.8, within(1e-12));
    }

    @Test
    void aSingleTrainingErrorGivesAUsableMap() {
        ErrorCalibration c = ErrorCalibration.fit(new double[] {0.5}, 10);
        assertThat(c.score(0.5)).isEqualTo(0.5);
        assertThat(c.score(1.0)).isGreaterThan(0.5);
        assertThat(c.score(0.25)).isLessThan(0.5);
    }

    @Test
    void allZeroTrainingErrorsScoreAnyPositiveErrorAsOne() {
        ErrorCalibration c = ErrorCalibration.fit(new double[] {0, 0, 0}, 10);
        assertThat(c.score(0)).isLessThan(1.0);
        assertThat(c.score(1e-9)).isEqualTo(1.0);
    }

    @Test
    void invalidKnotsAreRejected() {
        assertThatThrownBy(() -> new ErrorCalibration(0, new double[] {1}))
                .hasMessage("count must be >= 1, got 0");
        assertThatThrownBy(() -> new ErrorCalibration(3, new double[] {1, 0.5}))
                .hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> new ErrorCalibration(3, new double[] {Double.NaN}))
                .hasMessageContaining("knot 0 must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> ErrorCalibration.fit(new double[0], 10)).hasMessageContaining("empty");
    }
}
