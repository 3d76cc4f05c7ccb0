package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationTree;

/** The {@code split.rule=non-constant} trees: scikit-learn's node rule, compact storage, determinism. */
class NonConstantTreeGrowerTest {

    private static final double[][] TABLE = TestTables.gaussian(2_000, 3, 1);
    private static final double[][] PROBE = TestTables.gaussian(300, 3, 2);

    private static IsolationForestConfig nonConstant(long seed) {
        return IsolationForestConfig.builder().splitRule(SplitRule.NON_CONSTANT).seed(seed).build();
    }

    private static IsolationForestDetector fitted(IsolationForestConfig config, double[][] rows) {
        IsolationForestDetector d = new IsolationForestDetector(config);
        d.fit(rows);
        return d;
    }

    private static CompactTree grow(double[][] sample, int maxDepth, long seed) {
        NonConstantTreeGrower g = new NonConstantTreeGrower(sample[0].length, sample.length, maxDepth);
        for (int r = 0; r < sample.length; r++) {
            g.setRow(r, sample[r]);
        }
        return g.grow(new SplittableRandom(seed));
    }

    /** A smtp-like sample: few distinct values per input, so many nodes have inputs constant within them. */
    private static double[][] tiedSample(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        for (double[] row : x) {
            row[0] = rnd.nextInt(3);
            row[1] = rnd.nextInt(10) < 8 ? 0.0 : rnd.nextInt(4);
            row[2] = rnd.nextInt(2) * 5.0;
            row[3] = TestTables.gaussian(rnd);
        }
        for (int i = 0; i < n / 3; i++) { // a block of identical rows
            x[i] = new double[] {1, 0, 5, 0.25};
        }
        return x;
    }

    @Test
    void anObviousOutlierIsIsolatedSoonAndScoresHigh() {
        IsolationForestDetector d = fitted(nonConstant(1), TABLE);
        double[] s = d.score(new double[][] {{8, -8, 8}, {0, 0, 0}});
        assertThat(s[0]).isGreaterThan(0.6);
        assertThat(s[1]).isBetween(0.35, 0.5);
        double[] inliers = d.score(PROBE);
        Arrays.sort(inliers);
        assertThat(inliers[inliers.length / 2]).as("median inlier score").isBetween(0.4, 0.5);
        double[] path = d.meanPathLengths(new double[][] {{8, -8, 8}, {0, 0, 0}});
        assertThat(path[0]).isLessThan(FittedForest.averagePathLength(256) / 2).isGreaterThan(0.0);
        assertThat(path[1]).isGreaterThan(FittedForest.averagePathLength(256) * 0.9);
    }

    @Test
    void aSampleOfIdenticalRowsIsOneLeafWhereSmileDescendsToTheDepthLimit() {
        double[][] same = new double[256][];
        Arrays.fill(same, new double[] {1.5, -2.0, 7.0});
        CompactTree t = grow(same, 8, 3);
        assertThat(t.nodeCount()).isEqualTo(1);
        assertThat(t.feature(0)).isEqualTo(CompactTree.LEAF);
        assertThat(t.path(same[0])).isEqualTo(FittedForest.averagePathLength(256));
        assertThat(t.path(new double[] {100, 100, 100})).isEqualTo(FittedForest.averagePathLength(256));
        // Smile's rule splits on constant inputs, sending every row one way, down to the depth limit
        IsolationTree smile = new IsolationTree(Arrays.asList(same), 8, 0);
        assertThat(smile.path(same[0])).isEqualTo(8 + FittedForest.averagePathLength(256));
    }

    @Test
    void anInputConstantInTheSampleIsNeverChosen() {
        double[][] sample = TestTables.gaussian(256, 3, 4);
        for (double[] row : sample) {
            row[1] = 42.0;
        }
        int[] splits = new int[3];
        for (long seed = 0; seed < 50; seed++) {
            CompactTree t = grow(sample, 8, seed);
            for (int k = 0; k < t.nodeCount(); k++) {
                if (t.feature(k) != CompactTree.LEAF) {
                    splits[t.feature(k)]++;
                }
            }
        }
        assertThat(splits[1]).as("splits on the constant input").isZero();
        assertThat(splits[0]).as("splits on input 0").isGreaterThan(1_000);
        assertThat(splits[2]).as("splits on input 2").isGreaterThan(1_000);
    }

    @Test
    void everyNodeFollowsScikitLearnsRuleOnHeavilyTiedData() {
        int leavesOfTies = 0;
        for (long seed = 0; seed < 30; seed++) {
            double[][] sample = tiedSample(256, 100 + seed);
            CompactTree t = grow(sample, 8, seed);
            leavesOfTies += checkNode(t, 0, 0, List.of(sample), 8);
        }
        assertThat(leavesOfTies).as("leaves of several identical rows above the depth limit").isGreaterThan(0);
    }

    /**
     * Routes {@code rows} through node {@code k} and checks it: a split input varies among its rows and the
     * threshold lies in [min, max) of it; a leaf is at the depth limit, or holds one row, or rows equal in every
     * input, and counts depth + c(rows). Returns how many leaves of several identical rows above the limit it saw.
     */
    private static int checkNode(CompactTree t, int k, int depth, List<double[]> rows, int maxDepth) {
        assertThat(rows).as("node %d reached by no row", k).isNotEmpty();
        int f = t.feature(k);
        if (f == CompactTree.LEAF) {
            double expected = rows.size() > 1 ? depth + FittedForest.averagePathLength(rows.size()) : depth;
            assertThat(t.value(k)).as("leaf %d value", k).isEqualTo(expected);
            boolean identical = rows.stream().allMatch(r -> Arrays.equals(r, rows.get(0)));
            assertThat(depth == maxDepth || rows.size() == 1 || identical)
                    .as("leaf %d: depth %d, %d rows, identical %b", k, depth, rows.size(), identical).isTrue();
            return depth < maxDepth && rows.size() > 1 ? 1 : 0;
        }
        double min = rows.stream().mapToDouble(r -> r[f]).min().orElseThrow();
        double max = rows.stream().mapToDouble(r -> r[f]).max().orElseThrow();
        assertThat(max).as("node %d splits on input %d, constant among its %d rows", k, f, rows.size())
                .isGreaterThan(min);
        assertThat(t.value(k)).as("node %d threshold", k).isGreaterThanOrEqualTo(min).isLessThan(max);
        assertThat(t.left(k)).isGreaterThan(k);
        assertThat(t.right(k)).isGreaterThan(k);
        List<double[]> left = new ArrayList<>();
        List<double[]> right = new ArrayList<>();
        for (double[] r : rows) {
            (r[f] <= t.value(k) ? left : right).add(r);
        }
        return checkNode(t, t.left(k), depth + 1, left, maxDepth)
                + checkNode(t, t.right(k), depth + 1, right, maxDepth);
    }

    @Test
    void theDepthLimitHolds() {
        CompactTree t = grow(TestTables.gaussian(256, 3, 5), 3, 1);
        assertThat(t.nodeCount()).isEqualTo(15); // 256 distinct rows fill a depth-3 tree
        for (double[] x : PROBE) {
            assertThat(t.path(x)).isGreaterThanOrEqualTo(3.0);
        }
        assertThat(NonConstantTreeGrower.maxNodes(256, 3)).isEqualTo(15);
        assertThat(NonConstantTreeGrower.maxNodes(256, 8)).isEqualTo(511);
        assertThat(NonConstantTreeGrower.maxNodes(256, 64)).isEqualTo(511);
    }

    @Test
    void sameSeedGivesBitIdenticalTreesAndScores() {
        double[][] sample = tiedSample(256, 7);
        CompactTree a = grow(sample, 8, 9);
        CompactTree b = grow(sample, 8, 9);
        assertThat(b.nodeCount()).isEqualTo(a.nodeCount());
        for (int k = 0; k < a.nodeCount(); k++) {
            assertThat(b.feature(k)).isEqualTo(a.feature(k));
            assertThat(Double.doubleToRawLongBits(b.value(k))).isEqualTo(Double.doubleToRawLongBits(a.value(k)));
            assertThat(b.left(k)).isEqualTo(a.left(k));
            assertThat(b.right(k)).isEqualTo(a.right(k));
        }
        double[] first = fitted(nonConstant(3), TABLE).score(PROBE);
        assertThat(fitted(nonConstant(3), TABLE).score(PROBE)).containsExactly(first);
        assertThat(fitted(nonConstant(4), TABLE).score(PROBE)).isNotEqualTo(first);
        assertThat(fitted(nonConstant(3).toBuilder().splitRule(SplitRule.SMILE).build(), TABLE).score(PROBE))
                .as("the rule matters").isNotEqualTo(first);
    }

    @Test
    void parallelSequentialAndRowByRowScoringAreBitIdentical() {
        double[][] big = TestTables.gaussian(3 * FittedForest.PARALLEL_MIN_ROWS, 3, 9);
        double[] par = fitted(nonConstant(1), TABLE).score(big);
        double[] seq = fitted(nonConstant(1).toBuilder().parallel(false).build(), TABLE).score(big);
        assertThat(par).containsExactly(seq);
        FittedForest m = ForestTrainer.fit(RowSource.of(TABLE, 3), nonConstant(1), FeatureSchema.generic(3), 1);
        double[] rowByRow = Arrays.stream(big).mapToDouble(r -> m.score(m.meanPathLength(r))).toArray();
        assertThat(par).containsExactly(rowByRow);
    }

    @Test
    void windowsAndTablesGiveTheSameModel() {
        FeatureSchema schema = FeatureSchema.generic(3);
        List<FeatureWindow> windows = Arrays.stream(TABLE).map(r -> FeatureWindow.ofRow(schema, r)).toList();
        IsolationForestDetector byWindow = new IsolationForestDetector(nonConstant(4));
        byWindow.fit(windows);
        List<FeatureWindow> probe = Arrays.stream(PROBE).map(r -> FeatureWindow.ofRow(schema, r)).toList();
        double[] fromWindows = byWindow.scoreAll(probe).stream().mapToDouble(AnomalyResult::score).toArray();
        assertThat(fromWindows).containsExactly(fitted(nonConstant(4), TABLE).score(PROBE));
    }

    @Test
    void bothRulesReadTheSameSampledRowsForOneSeed() {
        List<List<Integer>> reads = new ArrayList<>();
        for (SplitRule rule : SplitRule.values()) {
            List<Integer> read = new ArrayList<>();
            RowSource recording = new RowSource() {
                @Override
                public int size() {
                    return TABLE.length;
                }

                @Override
                public int width() {
                    return 3;
                }

                @Override
                public double[] row(int i, double[] scratch) {
                    read.add(i);
                    return TABLE[i];
                }

                @Override
                public boolean needsScratch() {
                    return false;
                }
            };
            IsolationForestConfig c = nonConstant(8).toBuilder().splitRule(rule).thresholdSampleSize(500).build();
            ForestTrainer.fit(recording, c, FeatureSchema.generic(3), 1);
            reads.add(read);
        }
        assertThat(reads.get(0)).hasSize(100 * 256 + 500);
        assertThat(reads.get(1)).containsExactlyElementsOf(reads.get(0));
    }

    @Test
    void aModelOfTheRuleHoldsCompactTreesAndIgnoresAnInputConstantInTheTable() {
        FittedForest m = ForestTrainer.fit(RowSource.of(TABLE, 3), nonConstant(2), FeatureSchema.generic(3), 1);
        assertThat(m.psi()).isEqualTo(256);
        assertThat(m.depth()).isEqualTo(8);
        assertThat(m.trees().size()).isEqualTo(100);
        assertThatThrownBy(m::smileForest).isInstanceOf(IllegalStateException.class)
                .hasMessage("a split.rule=non-constant model holds no Smile forest");
        // an input constant in the whole table is never split on, so its value cannot change a score
        double[][] withConstant = Arrays.stream(TABLE).map(r -> new double[] {r[0], 3.0, r[1], r[2]})
                .toArray(double[][]::new);
        IsolationForestDetector d = fitted(nonConstant(6), withConstant);
        double[][] atConstant = Arrays.stream(PROBE).map(r -> new double[] {r[0], 3.0, r[1], r[2]})
                .toArray(double[][]::new);
        double[][] farOff = Arrays.stream(PROBE).map(r -> new double[] {r[0], -50.0, r[1], r[2]})
                .toArray(double[][]::new);
        assertThat(d.meanPathLengths(farOff)).containsExactly(d.meanPathLengths(atConstant));
        IsolationForestDetector smile = fitted(nonConstant(6).toBuilder().splitRule(SplitRule.SMILE).build(),
                withConstant);
        assertThat(smile.meanPathLengths(farOff)).as("Smile's rule does split on it")
                .isNotEqualTo(smile.meanPathLengths(atConstant));
    }
}
