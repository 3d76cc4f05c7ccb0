package io.ppcanomaly.streaming;

import static io.ppcanomaly.streaming.TestWindows.SCHEMA;
import static io.ppcanomaly.streaming.TestWindows.scores;
import static io.ppcanomaly.streaming.TestWindows.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HalfSpaceTreesDetectorTest {

    private static final HalfSpaceTreesConfig SMALL = HalfSpaceTreesConfig.builder().numberOfTrees(10).maxDepth(10)
            .windowSize(50).seed(3).build();

    private static HalfSpaceTreesDetector fitted(HalfSpaceTreesConfig config, int n) {
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(config);
        d.fit(windows(n, 4, 1, 0.0));
        return d;
    }

    @Test
    void theProviderCreatesAStreamingDetectorFromOptions() {
        Properties p = new Properties();
        p.setProperty("numberOfTrees", "5");
        p.setProperty("seed", "9");
        StreamingDetector d = (StreamingDetector) Detectors.create("half-space-trees", p);
        assertThat(d).isInstanceOf(HalfSpaceTreesDetector.class);
        assertThat(((HalfSpaceTreesDetector) d).config().numberOfTrees()).isEqualTo(5);
        assertThat(((HalfSpaceTreesDetector) d).config().seed()).isEqualTo(9);
    }

    @Test
    void fittingFillsTheReferenceWithTheFirstPsiObservationsAndStreamingSwapsEveryPsi() {
        HalfSpaceTreesDetector d = fitted(SMALL, 70);
        assertThat(d.referenceSize()).isEqualTo(50);
        assertThat(d.latestSize()).isEqualTo(20);
        List<FeatureWindow> more = windows(200, 4, 2, 0.0);
        for (int i = 0; i < more.size(); i++) {
            d.scoreAndLearn(more.get(i));
            assertThat(d.latestSize()).isEqualTo((20 + i + 1) % 50);
            assertThat(d.referenceSize()).isEqualTo(50);
        }
    }

    @Test
    void fittingOnFewerThanPsiWindowsLeavesTheRestOfTheReferenceToLearning() {
        HalfSpaceTreesDetector d = fitted(SMALL, 10);
        assertThat(d.referenceSize()).isEqualTo(10);
        assertThat(d.latestSize()).isZero();
        for (FeatureWindow w : windows(45, 4, 2, 0.0)) {
            d.learn(w);
        }
        assertThat(d.referenceSize()).isEqualTo(50);
        assertThat(d.latestSize()).isEqualTo(5);
    }

    @Test
    void scoreAndLearnEqualsScoreThenLearnForWindowsAndForArrays() {
        HalfSpaceTreesDetector a = fitted(SMALL, 60);
        HalfSpaceTreesDetector b = fitted(SMALL, 60);
        HalfSpaceTreesDetector c = fitted(SMALL, 60);
        for (FeatureWindow w : windows(300, 4, 5, 0.0)) {
            AnomalyResult ra = a.scoreAndLearn(w);
            AnomalyResult rb = b.score(w);
            b.learn(w);
            double rc = c.scoreAndLearn(w.lastRow());
            assertThat(rb.score()).isEqualTo(ra.score());
            assertThat(rb.rawScore()).isEqualTo(ra.rawScore());
            assertThat(rc).isEqualTo(ra.score());
        }
    }

    @Test
    void givenTheSameSeed_whenFittedAndStreamedTwice_thenScoresAreBitIdentical() {
        List<FeatureWindow> stream = windows(400, 4, 7, 0.0);
        double[] a = scores(fitted(HalfSpaceTreesConfig.DEFAULT, 300).scoreAndLearnAll(stream));
        double[] b = scores(fitted(HalfSpaceTreesConfig.DEFAULT, 300).scoreAndLearnAll(stream));
        double[] other = scores(fitted(HalfSpaceTreesConfig.DEFAULT.toBuilder().seed(43).build(), 300)
                .scoreAndLearnAll(stream));
        assertThat(b).containsExactly(a);
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void shiftedObservationsScoreHigherAndAreFlagged() {
        HalfSpaceTreesDetector d = fitted(HalfSpaceTreesConfig.DEFAULT, 500);
        List<AnomalyResult> normal = d.scoreAll(windows(200, 4, 8, 0.0));
        List<AnomalyResult> shifted = d.scoreAll(windows(20, 4, 9, 2.5));
        double maxNormal = normal.stream().mapToDouble(AnomalyResult::score).sorted().skip(195).findFirst().orElseThrow();
        assertThat(shifted).allSatisfy(r -> {
            assertThat(r.score()).isGreaterThan(maxNormal);
            assertThat(r.anomalous()).isTrue();
        });
        assertThat(normal.stream().filter(AnomalyResult::anomalous).count()).isLessThan(10);
    }

    @Test
    void theContaminationQuantileFlagsThatShareOfTheTrainingObservations() {
        HalfSpaceTreesConfig c = HalfSpaceTreesConfig.DEFAULT.toBuilder().contamination(0.05).build();
        List<FeatureWindow> training = windows(1000, 4, 1, 0.0);
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(c);
        d.fit(training);
        long flagged = d.scoreAll(training).stream().filter(AnomalyResult::anomalous).count();
        assertThat(flagged).isBetween(50L, 60L);
    }

    @Test
    void aFixedThresholdOverridesTheQuantile() {
        HalfSpaceTreesDetector d = fitted(SMALL.toBuilder().threshold(0.75).build(), 100);
        assertThat(d.threshold()).isEqualTo(0.75);
        for (AnomalyResult r : d.scoreAll(windows(100, 4, 3, 0.0))) {
            assertThat(r.threshold()).isEqualTo(0.75);
            assertThat(r.anomalous()).isEqualTo(r.score() >= 0.75);
        }
    }

    @Test
    void byDefaultOnlyTheLastRowCountsAndWindowRowsFlattensMore() {
        HalfSpaceTreesDetector last = fitted(SMALL, 100);
        HalfSpaceTreesDetector two = fitted(SMALL.toBuilder().windowRows(2).build(), 100);
        assertThat(last.dimensions()).isEqualTo(3);
        assertThat(two.dimensions()).isEqualTo(6);
        FeatureWindow w = windows(1, 4, 11, 0.0).get(0);
        double[] v = w.toArray();
        v[0] += 50; // row 0: outside both observations
        FeatureWindow farPast = w.withValues(v);
        v = w.toArray();
        v[2 * 3 + 1] += 50; // row 2: second-to-last row
        FeatureWindow recentPast = w.withValues(v);
        assertThat(last.score(farPast).rawScore()).isEqualTo(last.score(w).rawScore());
        assertThat(last.score(recentPast).rawScore()).isEqualTo(last.score(w).rawScore());
        assertThat(two.score(farPast).rawScore()).isEqualTo(two.score(w).rawScore());
        assertThat(two.score(recentPast).score()).isGreaterThan(two.score(w).score());
    }

    @Test
    void windowsShorterThanWindowRowsCannotBeFitted() {
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(SMALL.toBuilder().windowRows(5).build());
        assertThatThrownBy(() -> d.fit(windows(10, 4, 1, 0.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowRows must be <= the window length 4, got 5");
    }

    @Test
    void everyMethodOfAnUnfittedDetectorThrowsIllegalState() {
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(SMALL);
        FeatureWindow w = windows(1, 4, 1, 0.0).get(0);
        double[] x = {0, 0, 0};
        List<Runnable> calls = List.of(() -> d.score(x), () -> d.scoreAndLearn(x), () -> d.learn(x),
                () -> d.rawScore(x), () -> d.learn(w), () -> d.scoreAndLearn(w), () -> d.learnAll(List.of(w)),
                () -> d.scoreAndLearnAll(List.of(w)), d::dimensions, d::sizeInBytes, d::checkpoint, d::schema,
                d::windowLength, d::referenceSize);
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("half-space-trees must be fitted");
        }
    }

    @Test
    void theArrayApiRejectsNonFiniteValuesAndWrongWidthsNamingThem() {
        HalfSpaceTreesDetector d = fitted(SMALL, 60);
        int latest = d.latestSize();
        assertThatThrownBy(() -> d.scoreAndLearn(new double[] {0, 1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("observation value 2 must be finite, got NaN");
        assertThatThrownBy(() -> d.learn(new double[] {Double.NEGATIVE_INFINITY, 1, 0}))
                .hasMessage("observation value 0 must be finite, got -Infinity");
        assertThatThrownBy(() -> d.score(new double[] {0, 1}))
                .hasMessage("observation must have 3 values, got 2");
        assertThatThrownBy(() -> d.rawScore(null)).isInstanceOf(NullPointerException.class);
        assertThat(d.latestSize()).as("nothing learnt from rejected input").isEqualTo(latest);
    }

    @Test
    void fittingOnRowsRejectsNonFiniteValuesNamingRowAndColumn() {
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(SMALL);
        assertThatThrownBy(() -> d.fit(new double[][] {{0, 1}, {2, Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rows[1][1] must be finite, got NaN");
        assertThatThrownBy(() -> d.fit(new double[][] {{0, 1}, {2}})).hasMessage("rows[1] must have 2 values, got 1");
        assertThatThrownBy(() -> d.fit(new double[0][])).hasMessage("training rows must not be empty, got 0");
        assertThatThrownBy(() -> new HalfSpaceTreesDetector(SMALL.toBuilder().windowRows(2).build())
                .fit(new double[][] {{0, 1}})).hasMessage("windowRows must be 1 to fit on rows, got 2");
        assertThat(d.isFitted()).isFalse();
        d.fit(new double[][] {{0, 1}, {2, 3}});
        assertThat(d.schema()).isEqualTo(FeatureSchema.generic(2));
        assertThat(d.windowLength()).isEqualTo(1);
        assertThat(d.score(FeatureWindow.ofRow(FeatureSchema.generic(2), 0, 1)).score()).isBetween(0.0, 1.0);
    }

    @Test
    void nonFiniteValuesInAWindowAreRejectedAtTheBoundaryNamingRowAndFeature() {
        double[] v = new double[4 * 3];
        v[7] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> FeatureWindow.of(SCHEMA, v, "kw", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 feature 'cpc'");
    }

    @Test
    void aBatchWithOneBadWindowLearnsNothing() {
        HalfSpaceTreesDetector d = fitted(SMALL, 60);
        List<FeatureWindow> batch = new ArrayList<>(windows(5, 4, 2, 0.0));
        batch.add(FeatureWindow.zeros(SCHEMA, 3, "short", null));
        int latest = d.latestSize();
        assertThatThrownBy(() -> d.scoreAndLearnAll(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window 5 length must be 4, got 3");
        assertThatThrownBy(() -> d.learnAll(batch)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.latestSize()).isEqualTo(latest);
    }

    @Test
    void refittingReplacesTheModelEntirely() {
        HalfSpaceTreesDetector d = fitted(SMALL, 80);
        d.scoreAndLearnAll(windows(33, 4, 4, 0.0));
        List<FeatureWindow> other = windows(90, 4, 6, 0.3);
        d.fit(other);
        HalfSpaceTreesDetector fresh = new HalfSpaceTreesDetector(SMALL);
        fresh.fit(other);
        List<FeatureWindow> probe = windows(50, 4, 12, 0.0);
        assertThat(scores(d.scoreAll(probe))).containsExactly(scores(fresh.scoreAll(probe)));
    }

    @Test
    void theModelSizeIsFixedAndDocumented() {
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector();
        d.fit(List.of(FeatureWindow.zeros(FeatureSchema.DEFAULT, 1, "kw", null)));
        long before = d.sizeInBytes();
        assertThat(before).isEqualTo(19_742_896L);
        for (int i = 0; i < 1000; i++) {
            d.learn(new double[] {i, 0, 0, 0, 0, i % 7});
        }
        assertThat(d.sizeInBytes()).isEqualTo(before);
    }
}
