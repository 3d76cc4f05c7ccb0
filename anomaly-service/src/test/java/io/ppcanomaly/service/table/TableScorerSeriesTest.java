package io.ppcanomaly.service.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.FitProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableScorerSeriesTest {

    private static final List<String> VALUE = List.of("value");
    private static final long MONDAY = 20_514L * Cycle.DAY;

    private static TableScorer scorer(String detector, int warmup) {
        return new TableScorer(detector, null, TableScoringConfig.DEFAULT.withWarmupRows(warmup));
    }

    private static SeriesScores series(TableScorer s, long[] t, double[][] x) {
        return s.scoreSeries(t, VALUE, x, SeriesFeatureConfig.DEFAULT, DuplicateTimestamps.FAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-running-z", "test-robust-z"})
    void isCausal_appendingRowsNeverChangesEarlierScores(String detector) {
        double[][] x = TemporalFeaturesTest.hourly(30, 11);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        TableScorer s = scorer(detector, 240);
        List<RowScore> full = series(s, t, x).scores();
        for (int cut : new int[] {241, 400, 719}) {
            List<RowScore> part = series(s, Arrays.copyOf(t, cut), Arrays.copyOf(x, cut)).scores();
            assertThat(part).as("first %d rows", cut).isEqualTo(full.subList(0, cut));
        }
        assertThat(full.subList(0, 240)).containsOnly(RowScore.UNSCORED);
        assertThat(full.subList(240, 720)).allSatisfy(r -> assertThat(r.scored()).isTrue());
    }

    @Test
    void flagsANightSpikeThatScoringTheRawValuesMisses() {
        double[][] x = TemporalFeaturesTest.hourly(30, 12);
        int spike = 25 * 24 + 4;
        x[spike][0] = x[spike - 12][0];
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        TableScorer s = scorer("test-robust-z", 240);
        assertThat(series(s, t, x).scores().get(spike).anomalous()).isTrue();
        assertThat(s.score(VALUE, x).get(spike).anomalous()).as("4 p.m.'s level is ordinary as a raw value")
                .isFalse();
    }

    @Test
    void reportsWhatItFoundPerColumn() {
        double[][] x = TemporalFeaturesTest.hourly(20, 13);
        SeriesScores r = series(scorer("test-robust-z", 200), TemporalFeaturesTest.hours(x.length, MONDAY), x);
        assertThat(r.features().schema().names()).containsExactly("value_dev", "value_dev_long");
        assertThat(r.features().columns().get(0).cycle().name()).isEqualTo("day");
        assertThat(r.scores()).hasSize(x.length);
    }

    @Test
    void rowsBeforeTheFirstBaselineCarryNoEvidenceAndAreLeftUnscoredInBatchModeToo() {
        double[][] x = TemporalFeaturesTest.hourly(20, 18);
        SeriesScores r = new TableScorer("test-robust-z", null, TableScoringConfig.DEFAULT.withMode(ScoringMode.BATCH))
                .scoreSeries(TemporalFeaturesTest.hours(x.length, MONDAY), VALUE, x, SeriesFeatureConfig.DEFAULT,
                        DuplicateTimestamps.FAIL);
        assertThat(r.features().columns().get(0).evidenceFrom()).isEqualTo(72);
        assertThat(r.scores().subList(0, 72)).containsOnly(RowScore.UNSCORED);
        assertThat(r.scores().subList(72, x.length)).allSatisfy(s -> assertThat(s.scored()).isTrue());
    }

    @Test
    void rejectsTimestampsThatGoBackNamingTheRowsAndTimes() {
        double[][] x = TemporalFeaturesTest.hourly(10, 14);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        t[100] = t[98];
        assertThatThrownBy(() -> series(scorer("test-robust-z", 60), t, x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamps must not decrease: row 100 (2026-03-06T02:00) comes after row 99 "
                        + "(2026-03-06T03:00); sort the series by time");
    }

    @Test
    void rejectsRepeatedTimestampsUnlessToldToKeepThem() {
        double[][] x = TemporalFeaturesTest.hourly(10, 15);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        t[101] = t[100];
        assertThatThrownBy(() -> series(scorer("test-robust-z", 60), t, x))
                .hasMessage("timestamps must be unique: rows 100 and 101 are both at 2026-03-06T04:00 "
                        + "(DuplicateTimestamps.KEEP scores both)");
        SeriesScores kept = scorer("test-robust-z", 60).scoreSeries(t, VALUE, x, SeriesFeatureConfig.DEFAULT,
                DuplicateTimestamps.KEEP);
        assertThat(kept.scores()).hasSize(x.length);
        assertThat(TableScorer.firstOutOfOrder(t, DuplicateTimestamps.KEEP)).isEqualTo(-1);
    }

    @Test
    void rejectsNonFiniteValuesRaggedRowsAndMismatchedTimes() {
        double[][] x = TemporalFeaturesTest.hourly(10, 16);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        x[7][0] = Double.NaN;
        assertThatThrownBy(() -> series(scorer("test-robust-z", 60), t, x))
                .hasMessage("row 7 column 'value' must be finite, got NaN");
        x[7] = new double[] {1, 2};
        assertThatThrownBy(() -> series(scorer("test-robust-z", 60), t, x))
                .hasMessage("row 7 must have 1 values, got 2");
        assertThatThrownBy(() -> series(scorer("test-robust-z", 60), Arrays.copyOf(t, 5),
                TemporalFeaturesTest.hourly(10, 16)))
                .hasMessage("times must have one timestamp per row (240), got 5");
    }

    @Test
    void rejectsASeriesTooShortToLearnItsBaselines() {
        double[][] x = TemporalFeaturesTest.hourly(8, 17);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        TableScorer byDefault = new TableScorer("test-robust-z", null, TableScoringConfig.DEFAULT);
        assertThatThrownBy(() -> series(byDefault, t, x))
                .hasMessage("a time series must have a warm-up of at least 48 rows (2 x baselineRows) to learn its "
                        + "baselines, got 29 (15% of 192 rows): score a longer series, set a longer warm-up, or "
                        + "score the raw values");
        assertThat(series(scorer("test-robust-z", 48), t, x).scores()).hasSize(192);
    }

    @Test
    void aNonFiniteValueInASecondColumnIsNamedByRowColumnAndValue_andNothingIsScored() {
        double[][] one = TemporalFeaturesTest.hourly(10, 19);
        double[][] x = new double[one.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {one[i][0], 2 * one[i][0]};
        }
        x[150][1] = Double.POSITIVE_INFINITY;
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        assertThatThrownBy(() -> scorer("test-robust-z", 60).scoreSeries(t, List.of("cpc", "cpm"), x,
                SeriesFeatureConfig.DEFAULT, DuplicateTimestamps.FAIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 150 column 'cpm' must be finite, got Infinity");
        assertThat(x[150][1]).as("the caller's rows are left as they were").isInfinite();
    }

    @Test
    void anEmptySeriesOrMissingArgumentsFailClearly() {
        TableScorer s = scorer("test-robust-z", 60);
        assertThatThrownBy(() -> series(s, new long[0], new double[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a time series must have a warm-up of at least 48 rows (2 x baselineRows) "
                        + "to learn its baselines, got 0");
        double[][] x = TemporalFeaturesTest.hourly(10, 20);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        assertThatThrownBy(() -> series(s, null, x)).isInstanceOf(NullPointerException.class).hasMessage("times");
        assertThatThrownBy(() -> s.scoreSeries(t, VALUE, x, SeriesFeatureConfig.DEFAULT, DuplicateTimestamps.FAIL,
                null)).isInstanceOf(NullPointerException.class).hasMessage("listener");
        assertThatThrownBy(() -> s.scoreSeries(t, List.of(), x, SeriesFeatureConfig.DEFAULT,
                DuplicateTimestamps.FAIL)).hasMessage("columns must not be empty");
    }

    @Test
    void theListenerHearsEveryFit_theFirstAndEachRefit() {
        double[][] x = TemporalFeaturesTest.hourly(30, 21);
        long[] t = TemporalFeaturesTest.hours(x.length, MONDAY);
        List<FitProgress> heard = new ArrayList<>();
        List<RowScore> scores = scorer("test-robust-z", 240).scoreSeries(t, VALUE, x, SeriesFeatureConfig.DEFAULT,
                DuplicateTimestamps.FAIL, heard::add).scores();
        // 72 rows carry no evidence (three daily cycles); the other 168 of the warm-up fit the detector, which is
        // refitted before each next block of 168 rows: fits before rows 240, 408 and 576 (of 720).
        assertThat(heard.stream().filter(p -> p.stage() == FitProgress.Stage.STARTED).map(FitProgress::rows))
                .containsExactly(168L, 336L, 504L);
        assertThat(heard.stream().filter(p -> p.stage() == FitProgress.Stage.FINISHED)).hasSize(3);
        assertThat(scores).isEqualTo(series(scorer("test-robust-z", 240), t, x).scores());
    }
}
