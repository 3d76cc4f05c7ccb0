package io.ppcanomaly.bench.accuracy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeriesFeaturesTest {

    @Test
    void logRatioIsAgainstTheMedianOfThePreviousRowsOnly() {
        double[] v = {1, 2, 4, 8};
        double[][] r = SeriesFeatures.rows(v);
        assertThat(r[0]).containsExactly(1, 0);
        assertThat(r[1][1]).isCloseTo(Math.log(2 / 1.0), within(1e-15));
        assertThat(r[2][1]).isCloseTo(Math.log(4 / 1.5), within(1e-15));   // median(1, 2) = 1.5
        assertThat(r[3][1]).isCloseTo(Math.log(8 / 2.0), within(1e-15));   // median(1, 2, 4) = 2
    }

    @Test
    void appendingValuesNeverChangesEarlierRows() {
        Random rnd = new Random(3);
        double[] v = new double[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1 + rnd.nextDouble();
        }
        double[][] all = SeriesFeatures.rows(v);
        double[][] prefix = SeriesFeatures.rows(Arrays.copyOf(v, 150));
        for (int t = 0; t < 150; t++) {
            assertThat(all[t]).containsExactly(prefix[t]);
        }
    }

    @Test
    void theMedianLooksBackOneDayOfHourlyRows() {
        double[] v = new double[60];
        Arrays.fill(v, 1.0);
        for (int i = 0; i < 30; i++) {
            v[i] = 100.0; // forgotten after 24 rows
        }
        double[][] r = SeriesFeatures.rows(v);
        assertThat(r[30 + SeriesFeatures.DEFAULT_MEDIAN_ROWS][1]).isEqualTo(0.0);
    }
}
