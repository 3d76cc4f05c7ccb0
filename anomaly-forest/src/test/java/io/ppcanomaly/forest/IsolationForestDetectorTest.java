package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import smile.stat.distribution.GaussianDistribution;

class IsolationForestDetectorTest {

    private static final double[][] TABLE = TestTables.gaussian(2_000, 3, 1);
    private static final double[][] PROBE = TestTables.gaussian(300, 3, 2);

    private static IsolationForestDetector fitted(IsolationForestConfig config, double[][] rows) {
        IsolationForestDetector d = new IsolationForestDetector(config);
        d.fit(rows);
        return d;
    }

    /** The defaults (split rule {@code non-constant}) with a seed. */
    private static IsolationForestConfig seeded(long seed) {
        return IsolationForestConfig.builder().seed(seed).build();
    }

    /** Smile's trees ({@code split.rule=smile}, set explicitly) with a seed. */
    private static IsolationForestConfig smile(long seed) {
        return seeded(seed).toBuilder().splitRule(SplitRule.SMILE).build();
    }

    @Test
    void theDefaultModelHoldsCompactTreesGrownByTheNonConstantRule() {
        FittedForest m = ForestTrainer.fit(RowSource.of(TABLE, 3), seeded(3), FeatureSchema.generic(3), 1);
        assertThat(m.trees()).isInstanceOf(TreeEnsemble.Compact.class);
        assertThat(new IsolationForestDetector().config().splitRule()).isEqualTo(SplitRule.NON_CONSTANT);
        assertThat(fitted(seeded(3), TABLE).score(PROBE))
                .isEqualTo(fitted(seeded(3).toBuilder().splitRule(SplitRule.NON_CONSTANT).build(), TABLE)
                        .score(PROBE))
                .isNotEqualTo(fitted(smile(3), TABLE).score(PROBE));
    }

    @ParameterizedTest
    @EnumSource(SplitRule.class)
    void sameSeedAndTableGiveBitIdenticalScores(SplitRule rule) {
        IsolationForestConfig c = seeded(3).toBuilder().splitRule(rule).build();
        double[] a = fitted(c, TABLE).score(PROBE);
        double[] b = fitted(c, TABLE).score(PROBE);
        assertThat(b).containsExactly(a);
        assertThat(fitted(c.withSeed(4), TABLE).score(PROBE)).isNotEqualTo(a);
    }

    @Test
    void aValueLeftInSmilesSharedGaussianCacheDoesNotChangeTheModel() {
        double[] reference = fitted(smile(3), TABLE).score(PROBE);
        // Smile's GaussianDistribution singleton caches every second draw; either parity must be harmless
        for (int extra = 0; extra < 2; extra++) {
            for (int k = 0; k <= extra; k++) {
                GaussianDistribution.getInstance().rand();
            }
            assertThat(fitted(smile(3), TABLE).score(PROBE)).as("after %d extra draws", extra + 1)
                    .containsExactly(reference);
        }
    }

    @ParameterizedTest
    @EnumSource(SplitRule.class)
    void concurrentFitsGiveTheSameModelAsOneFit(SplitRule rule) throws Exception {
        IsolationForestConfig c = seeded(5).toBuilder().splitRule(rule).build();
        double[] reference = fitted(c, TABLE).score(PROBE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                long seed = k % 2 == 0 ? 5 : 6; // interleave fits with another seed
                runs.add(pool.submit(() -> fitted(c.withSeed(seed), TABLE).score(PROBE)));
            }
            for (int k = 0; k < runs.size(); k += 2) {
                assertThat(runs.get(k).get()).containsExactly(reference);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scoresAndPathLengthsEqualSmilesOwnScoringToTheBit() {
        FittedForest m = ForestTrainer.fit(RowSource.of(TABLE, 3), smile(8), FeatureSchema.generic(3), 1);
        IsolationForestDetector d = fitted(smile(8), TABLE);
        double[] scores = d.score(PROBE);
        double[] paths = d.meanPathLengths(PROBE);
        for (int i = 0; i < PROBE.length; i++) {
            assertThat(scores[i]).isEqualTo(m.smileForest().score(PROBE[i]));
            assertThat(scores[i]).isEqualTo(Math.pow(2.0, -paths[i] / FittedForest.averagePathLength(256)));
        }
        // c(256) of Liu et al.: 2 H(255) - 2 * 255 / 256 with H(i) ~ ln(i) + 0.5772156649
        assertThat(FittedForest.averagePathLength(256)).isCloseTo(10.2448, within(1e-4));
    }

    @Test
    void anObviousOutlierScoresAboveSixTenthsAndInliersAroundAHalfWithSmilesTrees() {
        // the default rule's copy of this check is NonConstantTreeGrowerTest.anObviousOutlierIsIsolatedSoonAndScoresHigh
        IsolationForestDetector d = fitted(smile(1), TABLE);
        double[] s = d.score(new double[][] {{8, -8, 8}, {0, 0, 0}});
        assertThat(s[0]).isGreaterThan(0.6);
        assertThat(s[1]).isBetween(0.35, 0.5);
        double[] inliers = d.score(PROBE);
        Arrays.sort(inliers);
        assertThat(inliers[inliers.length / 2]).as("median inlier score").isBetween(0.4, 0.5);
        assertThat(inliers[0]).isGreaterThan(0.0);
        assertThat(inliers[inliers.length - 1]).isLessThanOrEqualTo(1.0);
    }

    @Test
    void theRawScoreIsTheMeanPathLengthShorterForTheOutlier() {
        IsolationForestDetector d = fitted(seeded(1), TABLE);
        double[] path = d.meanPathLengths(new double[][] {{8, -8, 8}, {0, 0, 0}});
        assertThat(path[0]).isLessThan(path[1]).isGreaterThan(0.0);
        // isolated in under half the cuts an average point needs, c(256) ~ 10.24
        assertThat(path[0]).isLessThan(FittedForest.averagePathLength(256) / 2);
        assertThat(path[1]).isGreaterThan(FittedForest.averagePathLength(256) * 0.9);
    }

    @Test
    void theThresholdFlagsAboutTheContaminationShareOfTrainingRows() {
        IsolationForestConfig c = IsolationForestConfig.builder().contamination(0.05).seed(2).build();
        IsolationForestDetector d = fitted(c, TABLE);
        long flagged = Arrays.stream(d.score(TABLE)).filter(s -> s >= d.threshold()).count();
        assertThat(flagged).isBetween(99L, 101L); // 5 % of 2,000, within the quantile's interpolation
        assertThat(d.threshold()).isBetween(0.5, 0.8);
    }

    @Test
    void aSampledThresholdStaysCloseToTheExactOne() {
        double exact = fitted(seeded(2), TABLE).threshold();
        double sampled = fitted(seeded(2).toBuilder().thresholdSampleSize(1_000).build(), TABLE).threshold();
        assertThat(sampled).isCloseTo(exact, within(0.03));
    }

    @Test
    void parallelSequentialAndRowByRowScoringAreBitIdentical() {
        double[][] big = TestTables.gaussian(3 * FittedForest.PARALLEL_MIN_ROWS, 3, 9);
        double[] par = fitted(seeded(1), TABLE).score(big);
        double[] seq = fitted(seeded(1).toBuilder().parallel(false).build(), TABLE).score(big);
        assertThat(par).containsExactly(seq);
        FittedForest m = ForestTrainer.fit(RowSource.of(TABLE, 3), seeded(1), FeatureSchema.generic(3), 1);
        double[] rowByRow = Arrays.stream(big).mapToDouble(r -> m.score(m.meanPathLength(r))).toArray();
        assertThat(par).as("blocked tree-by-tree scoring vs row by row").containsExactly(rowByRow);
    }

    @Test
    void fittingReadsOnlyTheSampledRowsWhateverTheTableSize() {
        AtomicLong reads = new AtomicLong();
        int n = 50_000_000; // never materialised: rows are made on demand
        RowSource huge = new RowSource() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int width() {
                return 2;
            }

            @Override
            public double[] row(int i, double[] scratch) {
                reads.incrementAndGet();
                double[] out = scratch == null ? new double[2] : scratch;
                SplittableRandom r = new SplittableRandom(i);
                out[0] = r.nextDouble();
                out[1] = r.nextDouble();
                return out;
            }

            @Override
            public boolean needsScratch() {
                return true;
            }
        };
        IsolationForestConfig c = IsolationForestConfig.builder().thresholdSampleSize(2_000).build();
        FittedForest m = ForestTrainer.fit(huge, c, FeatureSchema.generic(2), 1);
        assertThat(reads.get()).isEqualTo((long) c.trees() * c.sampleSize() + c.thresholdSampleSize());
        assertThat(m.psi()).isEqualTo(256);
        assertThat(m.depth()).isEqualTo(8);
    }

    @Test
    void aTableSmallerThanTheSampleSizeGrowsEveryTreeOnAllRows() {
        double[][] small = Arrays.copyOf(TABLE, 50);
        FittedForest m = ForestTrainer.fit(RowSource.of(small, 3), seeded(1), FeatureSchema.generic(3), 1);
        assertThat(m.psi()).isEqualTo(50);
        assertThat(m.depth()).isEqualTo(6);
        assertThat(Arrays.stream(fitted(seeded(1), small).score(small)).boxed().toList())
                .allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    }

    @Test
    void windowsAndTablesGiveTheSameScoresForOneRowWindows() {
        FeatureSchema schema = FeatureSchema.generic(3);
        List<FeatureWindow> windows = Arrays.stream(TABLE).map(r -> FeatureWindow.ofRow(schema, r)).toList();
        IsolationForestDetector byWindow = new IsolationForestDetector(seeded(4));
        byWindow.fit(windows);
        IsolationForestDetector byTable = fitted(seeded(4), TABLE);
        List<FeatureWindow> probe = Arrays.stream(PROBE).map(r -> FeatureWindow.ofRow(schema, r)).toList();
        double[] fromWindows = byWindow.scoreAll(probe).stream().mapToDouble(AnomalyResult::score).toArray();
        assertThat(fromWindows).containsExactly(byTable.score(PROBE));
        assertThat(byWindow.threshold()).isEqualTo(byTable.threshold());
        assertThat(byTable.schema()).isEqualTo(schema);
        assertThat(byTable.windowLength()).isEqualTo(1);
        AnomalyResult r = byWindow.score(probe.get(0));
        assertThat(r.rawScore()).isEqualTo(byTable.meanPathLengths(new double[][] {PROBE[0]})[0]);
    }

    @Test
    void byDefaultOnlyTheLastRowIsJudgedAndWindowRowsWidensTheView() {
        FeatureSchema schema = FeatureSchema.of("ctr", "cpc");
        SplittableRandom rnd = new SplittableRandom(6);
        List<FeatureWindow> history = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            history.add(window(schema, rnd, 0.0));
        }
        FeatureWindow shockedBeforeToday = window(schema, rnd, 5.0);
        IsolationForestDetector lastRow = new IsolationForestDetector(seeded(1));
        lastRow.fit(history);
        IsolationForestDetector twoRows = new IsolationForestDetector(seeded(1).toBuilder().windowRows(2).build());
        twoRows.fit(history);
        assertThat(lastRow.score(shockedBeforeToday).score()).isLessThan(0.55);
        assertThat(twoRows.score(shockedBeforeToday).score()).isGreaterThan(0.6);
    }

    /** Four periods of noise; {@code shock} is added to the second-to-last period only. */
    private static FeatureWindow window(FeatureSchema schema, SplittableRandom rnd, double shock) {
        double[][] rows = new double[4][2];
        for (int t = 0; t < 4; t++) {
            for (int f = 0; f < 2; f++) {
                rows[t][f] = 0.2 * TestTables.gaussian(rnd) + (t == 2 ? shock : 0.0);
            }
        }
        return FeatureWindow.of(schema, rows, "kw", null);
    }

    @Test
    void nonFiniteValuesAreRejectedNamingRowAndColumn() {
        double[][] bad = {{1, 2}, {3, Double.NaN}};
        assertThatThrownBy(() -> new IsolationForestDetector().fit(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 1 value 1 must be finite, got NaN");
        IsolationForestDetector d = fitted(seeded(1), TABLE);
        assertThatThrownBy(() -> d.score(new double[][] {{0, Double.POSITIVE_INFINITY, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite, got Infinity");
        assertThatThrownBy(() -> FeatureWindow.ofRow(FeatureSchema.generic(2), 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void rowsOfTheWrongWidthAreRejected() {
        assertThatThrownBy(() -> new IsolationForestDetector().fit(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 1 has 1 values, expected 2");
        IsolationForestDetector d = fitted(seeded(1), TABLE);
        assertThatThrownBy(() -> d.score(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 0 has 2 values, expected 3");
        assertThatThrownBy(() -> d.score(FeatureWindow.ofRow(FeatureSchema.generic(2), 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features must be [x0, x1, x2]");
    }

    @Test
    void tooFewRowsAreRejected() {
        assertThatThrownBy(() -> new IsolationForestDetector().fit(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new IsolationForestDetector().fit(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("training rows must be >= 2, got 1");
        assertThatThrownBy(() -> new IsolationForestDetector().fit(new double[][] {{}, {}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row width must be >= 1, got 0");
    }

    @Test
    void settingsThatDoNotFitTheDataAreRejectedAtFit() {
        IsolationForestDetector threeRows = new IsolationForestDetector(seeded(1).toBuilder().windowRows(3).build());
        assertThatThrownBy(() -> threeRows.fit(TABLE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window.rows must be <= the window length 1, got 3");
        IsolationForestDetector extended = new IsolationForestDetector(smile(1).toBuilder().extensionLevel(3).build());
        assertThatThrownBy(() -> extended.fit(TABLE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extension.level must be <= 2 (model inputs - 1), got 3");
        assertThat(threeRows.isFitted()).isFalse();
    }

    @Test
    void theFullyExtendedForestAlsoSeparatesTheOutlier() {
        IsolationForestDetector d = fitted(smile(1).toBuilder().extensionLevel(2).build(), TABLE);
        double[] s = d.score(new double[][] {{8, -8, 8}, {0, 0, 0}});
        assertThat(s[0]).isGreaterThan(0.6).isGreaterThan(s[1]);
    }

    @Test
    void usingAnUnfittedDetectorThrowsIllegalState() {
        IsolationForestDetector d = new IsolationForestDetector();
        assertThat(d.isFitted()).isFalse();
        assertThatThrownBy(() -> d.score(PROBE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("isolation-forest must be fitted (or loaded) before scoring");
        assertThatThrownBy(() -> d.meanPathLengths(PROBE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::threshold).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::schema).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(d::windowLength).isInstanceOf(IllegalStateException.class);
        assertThat(d.toString()).contains("unfitted");
    }

    @Test
    void aFailedRefitKeepsThePreviousModel() {
        IsolationForestDetector d = fitted(seeded(1), TABLE);
        double[] before = d.score(PROBE);
        assertThatThrownBy(() -> d.fit(new double[][] {{1, 2, 3}, {1, 2, Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.score(PROBE)).containsExactly(before);
    }
}
