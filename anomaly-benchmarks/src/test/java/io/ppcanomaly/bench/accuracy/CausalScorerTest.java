package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.features.FeatureSchema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CausalScorerTest {

    private static final FeatureSchema ONE = FeatureSchema.of("v");

    private static double[][] series(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {rnd.nextGaussian()};
        }
        return rows;
    }

    @Test
    void warmupIsNabsProbation() {
        assertThat(CausalScorer.warmupRows(1624)).isEqualTo(243);
        assertThat(CausalScorer.warmupRows(10_000)).isEqualTo(750);
    }

    @Test
    void appendingRowsNeverChangesEarlierScoresForBatchAndStreamingDetectors() {
        double[][] rows = series(1000, 1);
        double[][] prefix = Arrays.copyOf(rows, 640);
        for (int windowLength : new int[] {1, 5}) {
            CausalScorer scorer = new CausalScorer(windowLength, 100, 300);
            double[] full = scorer.run(FakeDetectors.MeanDistance::new, ONE, rows, 150).scores();
            double[] part = scorer.run(FakeDetectors.MeanDistance::new, ONE, prefix, 150).scores();
            assertThat(Arrays.copyOf(full, 640)).containsExactly(part);
            double[] sFull = scorer.run(FakeDetectors.StreamingMeanDistance::new, ONE, rows, 150).scores();
            double[] sPart = scorer.run(FakeDetectors.StreamingMeanDistance::new, ONE, prefix, 150).scores();
            assertThat(Arrays.copyOf(sFull, 640)).containsExactly(sPart);
        }
    }

    @Test
    void aBatchDetectorIsRefittedOnTrailingRowsItHasAlreadyScored() {
        FakeDetectors.MeanDistance d = new FakeDetectors.MeanDistance();
        CausalScorer.Run r = new CausalScorer(1, 100, 250).run(() -> d, ONE, series(1000, 2), 150);
        assertThat(r.streaming()).isFalse();
        // Fit on the 150 warm-up rows; blocks of 100 rows start at 150, 250, ..., 950; after each block but the
        // last (ending at 250, 350, ..., 950) a refit on the trailing 250 rows: 8 refits, 9 fits.
        assertThat(d.fitSizes).containsExactly(150, 250, 250, 250, 250, 250, 250, 250, 250);
        assertThat(r.fits()).isEqualTo(9);
        assertThat(Arrays.copyOf(r.scores(), 150)).containsOnly(0.0);
        assertThat(r.scores()[150]).isGreaterThan(0.0);
    }

    @Test
    void aStreamingDetectorLearnsEveryRowAfterTheWarmup() {
        FakeDetectors.StreamingMeanDistance d = new FakeDetectors.StreamingMeanDistance();
        CausalScorer.Run r = new CausalScorer(1, 0, 0).run(() -> d, ONE, series(1000, 3));
        assertThat(r.streaming()).isTrue();
        assertThat(r.warmupRows()).isEqualTo(150);
        assertThat(d.fitSizes).containsExactly(150);
        assertThat(d.learnt).isEqualTo(850);
    }

    @Test
    void rejectsAWarmupShorterThanAWindow() {
        assertThatThrownBy(() -> new CausalScorer(20, 0, 0).run(FakeDetectors.MeanDistance::new, ONE,
                series(100, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warm-up must hold at least one window of 20 rows, got 15 rows for a series of 100");
    }
}
