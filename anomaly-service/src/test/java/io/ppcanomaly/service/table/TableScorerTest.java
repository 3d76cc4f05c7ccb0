package io.ppcanomaly.service.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableScorerTest {

    private static final List<String> COLUMNS = List.of("a", "b");

    private static double[][] series(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {100 + r.nextDouble() * 10, 5 + r.nextDouble()};
            if (i % 97 == 50) {
                x[i][0] += 80;
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-running-z", "test-robust-z"})
    void streamingIsCausal_appendingRowsNeverChangesEarlierScores(String detector) {
        double[][] all = series(600, 3);
        TableScoringConfig cfg = TableScoringConfig.DEFAULT.withWarmupRows(60).withWindowRows(3);
        TableScorer scorer = new TableScorer(detector, null, cfg);
        List<RowScore> full = scorer.score(COLUMNS, all);
        for (int cut : new int[] {61, 150, 333, 599}) {
            List<RowScore> part = scorer.score(COLUMNS, Arrays.copyOf(all, cut));
            assertThat(part).as("first %d rows", cut).isEqualTo(full.subList(0, cut));
        }
        assertThat(full.subList(0, 60)).containsOnly(RowScore.UNSCORED);
        assertThat(full.subList(60, 600)).allSatisfy(s -> assertThat(s.scored()).isTrue());
        assertThat(full.get(147).anomalous()).as("the injected outlier at row 147").isTrue();
    }

    @Test
    void batchFitsOnAllRowsAndScoresEveryRowWithAFullWindow() {
        double[][] x = series(300, 5);
        java.util.Properties opts = new java.util.Properties();
        opts.setProperty("quantile", "0.9");
        List<RowScore> s = new TableScorer("test-robust-z", opts, TableScoringConfig.DEFAULT
                .withMode(ScoringMode.BATCH).withWindowRows(2)).score(COLUMNS, x);
        assertThat(s.get(0)).isEqualTo(RowScore.UNSCORED);
        assertThat(s.subList(1, 300)).allSatisfy(r -> assertThat(r.scored()).isTrue());
        assertThat(s.get(50).anomalous()).isTrue();
        assertThat(s.get(51).anomalous()).isFalse();
    }

    @Test
    void theDefaultWarmupIsFifteenPercentCappedAt750() {
        assertThat(TableScoringConfig.DEFAULT.warmupFor(1000)).isEqualTo(150);
        assertThat(TableScoringConfig.DEFAULT.warmupFor(100_000)).isEqualTo(750);
        assertThat(TableScoringConfig.DEFAULT.withWarmupRows(20).warmupFor(1000)).isEqualTo(20);
    }

    @Test
    void rejectsRaggedOrNonFiniteRowsAndAWarmupThatLeavesNothing() {
        TableScorer s = new TableScorer("test-robust-z", null, TableScoringConfig.DEFAULT.withWarmupRows(10));
        assertThatThrownBy(() -> s.score(COLUMNS, new double[][] {{1, 2}, {3}}))
                .hasMessage("row 1 must have 2 values, got 1");
        assertThatThrownBy(() -> s.score(COLUMNS, new double[][] {{1, Double.NaN}}))
                .hasMessage("row 0 column 'b' must be finite, got NaN");
        assertThatThrownBy(() -> s.score(COLUMNS, series(10, 1)))
                .hasMessage("warm-up rows must leave rows to score: the table has 10 rows, warm-up is 10");
        assertThatThrownBy(() -> new TableScorer("nope", null, TableScoringConfig.DEFAULT))
                .hasMessageContaining("got 'nope'");
    }
}
