package io.ppcanomaly.streaming.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HalfSpaceForestTest {

    private static final double[] MIN = {-1, -1, -1};
    private static final double[] MAX = {5, 5, 5};

    private static HalfSpaceForest forest(int psi) {
        return new HalfSpaceForest(8, 10, psi, 0.1, SplitRule.MIDPOINT, 3, MIN, MAX);
    }

    private static double[][] data(int n) {
        double[][] x = HalfSpaceForestPaperTest.stream(n, 4, 5);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOf(x[i], 3); // drop the constant column
        }
        return out;
    }

    @Test
    void theFirstPsiObservationsFillTheReferenceThenTheProfilesSwapEveryPsi() {
        int psi = 50;
        HalfSpaceForest f = forest(psi);
        double[][] x = data(4 * psi);
        for (int i = 0; i < psi; i++) {
            assertThat(f.referenceSize()).isEqualTo(i);
            f.learn(x[i], 0);
        }
        assertThat(f.referenceSize()).isEqualTo(psi);
        assertThat(f.latestSize()).isZero();
        for (int i = psi; i < 4 * psi; i++) {
            int latestBefore = f.latestSize();
            int[][] latest = new int[f.trees()][f.nodesPerTree()];
            for (int t = 0; t < f.trees(); t++) {
                for (int n = 0; n < f.nodesPerTree(); n++) {
                    latest[t][n] = f.latestMass(t, n);
                }
            }
            f.learn(x[i], 0);
            if (latestBefore < psi - 1) {
                assertThat(f.latestSize()).isEqualTo(latestBefore + 1);
                continue;
            }
            // the ψ-th observation of the window completes l, which becomes r; l starts again from zero
            assertThat(f.latestSize()).isZero();
            assertThat(f.referenceSize()).isEqualTo(psi);
            for (int t = 0; t < f.trees(); t++) {
                assertThat(f.referenceMass(t, 0)).isEqualTo(psi);
                for (int n = 0; n < f.nodesPerTree(); n++) {
                    assertThat(f.latestMass(t, n)).isZero();
                    assertThat(f.referenceMass(t, n) - latest[t][n]).isBetween(0, 1);
                }
            }
        }
    }

    @Test
    void theReferenceDoesNotChangeWhileTheLatestWindowFills() {
        HalfSpaceForest f = forest(40);
        double[][] x = data(200);
        for (int i = 0; i < 40; i++) {
            f.learn(x[i], 0);
        }
        double[] probe = {0.1, 2.2, 3.9};
        double before = f.score(probe, 0);
        double scale = f.referenceScale();
        for (int i = 40; i < 79; i++) {
            f.scoreAndLearn(x[i], 0);
        }
        assertThat(f.score(probe, 0)).isEqualTo(before);
        assertThat(f.referenceScale()).isEqualTo(scale);
    }

    @Test
    void everyRootSplitsInsideTheWarmUpRangeAsTheWorkSpacePerturbationPromises() {
        double[] min = {10, -3, 0};
        double[] max = {11, 7, 1e6};
        HalfSpaceForest f = new HalfSpaceForest(200, 4, 10, 0.1, SplitRule.MIDPOINT, 1, min, max);
        for (int t = 0; t < f.trees(); t++) {
            int q = f.splitDimension(t, 0);
            // the root's range is [s − w, s + w] around s drawn in [min, max]: its midpoint is s
            assertThat(f.splitValue(t, 0)).isBetween(min[q], max[q]);
        }
    }

    @Test
    void aFeatureConstantDuringWarmUpStillIsolatesDeviationsInBothDirections() {
        double[] min = {0, 7};
        double[] max = {1, 7};
        HalfSpaceForest f = new HalfSpaceForest(25, 12, 100, 0.1, SplitRule.MIDPOINT, 2, min, max);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            f.learn(new double[] {rnd.nextDouble(), 7}, 0);
        }
        double normal = f.score(new double[] {0.5, 7}, 0);
        assertThat(f.score(new double[] {0.5, 9}, 0)).isLessThan(normal);
        assertThat(f.score(new double[] {0.5, 5}, 0)).isLessThan(normal);
    }

    @Test
    void outliersHaveLessMassAndAHigherNormalisedScoreThanTypicalPoints() {
        HalfSpaceForest f = new HalfSpaceForest(25, 15, 250, 0.1, SplitRule.MIDPOINT, 8, MIN, MAX);
        double[][] x = data(1000);
        for (double[] row : x) {
            f.scoreAndLearn(row, 0);
        }
        double[] typical = new double[250];
        for (int i = 0; i < typical.length; i++) {
            typical[i] = HalfSpaceForest.normalize(f.score(x[i], 0), f.referenceScale());
        }
        Arrays.sort(typical);
        double median = typical[typical.length / 2];
        double outlier = HalfSpaceForest.normalize(f.score(new double[] {4.9, -0.9, 4.9}, 0), f.referenceScale());
        assertThat(median).as("median score of ordinary points").isBetween(0.3, 0.7);
        assertThat(outlier).isGreaterThan(0.9).isGreaterThan(typical[typical.length - 10]);
    }

    @Test
    void normalisationIsOneForNoMassAndStrictlyDecreasing() {
        assertThat(HalfSpaceForest.normalize(0, 123.0)).isEqualTo(1.0);
        assertThat(HalfSpaceForest.normalize(123.0, 123.0)).isEqualTo(0.5);
        assertThat(HalfSpaceForest.normalize(1e12, 123.0)).isStrictlyBetween(0.0, 1e-9);
        assertThat(HalfSpaceForest.normalize(10, 123.0)).isGreaterThan(HalfSpaceForest.normalize(11, 123.0));
    }

    @Test
    void sameSeedBuildsTheSameTreesAndAnotherSeedOthers() {
        HalfSpaceForest a = forest(10);
        HalfSpaceForest b = forest(10);
        HalfSpaceForest c = new HalfSpaceForest(8, 10, 10, 0.1, SplitRule.MIDPOINT, 4, MIN, MAX);
        int differ = 0;
        for (int t = 0; t < a.trees(); t++) {
            for (int n = 0; n < 1023; n++) {
                assertThat(b.splitValue(t, n)).isEqualTo(a.splitValue(t, n));
                assertThat(b.splitDimension(t, n)).isEqualTo(a.splitDimension(t, n));
                differ += c.splitValue(t, n) != a.splitValue(t, n) ? 1 : 0;
            }
        }
        assertThat(differ).isGreaterThan(7000);
    }

    @Test
    void theMemoryIsFixedBySizeAloneAndAbout19MegabytesAtThePaperDefaults() {
        assertThat(ForestShape.sizeInBytes(25, 15, 6, 250)).isEqualTo(19_742_784L);
        HalfSpaceForest f = new HalfSpaceForest(25, 15, 250, 0.1, SplitRule.MIDPOINT, 1, new double[6], new double[6]);
        assertThat(f.sizeInBytes()).isEqualTo(19_742_784L);
        // 16 bytes per internal node and 8 per leaf; then two windows of rows and their per-tree stop nodes
        // (deferred learning: 2 × 250 × (6 doubles + 25 ints)) and the calibration's scores: the counters, not the
        // stream, set the size
        long nodes = 25L * ((1 << 15) - 1) * 16 + 25L * (1 << 15) * 8;
        long rows = 2L * 250 * (6 * 8 + 25 * 4);
        assertThat(f.sizeInBytes() - nodes - rows).isBetween(0L, 16_384L);
    }

    @Test
    void scoringAndLearningAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        HalfSpaceForest f = new HalfSpaceForest(25, 15, 250, 0.1, SplitRule.MIDPOINT, 8, MIN, MAX);
        double[][] x = data(2048);
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // crosses many swaps; lets the JIT settle
            sink += f.scoreAndLearn(x[i & 2047], 0) + f.score(x[(i + 7) & 2047], 0);
            f.learn(x[(i + 3) & 2047], 0);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) {
            sink += f.scoreAndLearn(x[i & 2047], 0) + f.score(x[(i + 7) & 2047], 0);
            f.learn(x[(i + 3) & 2047], 0);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 60,000 calls").isLessThan(1024);
    }

    @Test
    void restoringMassesThatNoStreamCouldProduceIsRejected() {
        HalfSpaceForest f = forest(10);
        f.restoreTree(0, new int[] {0, 1}, new int[] {3, 3}, new int[] {0, 0});
        assertThatThrownBy(() -> f.restoreSizes(3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tree 0 node 1");
        assertThatThrownBy(() -> f.restoreTree(1, new int[] {2, 1}, new int[] {1, 1}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascend");
        assertThatThrownBy(() -> f.restoreTree(1, new int[] {0}, new int[] {11}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masses must be in [0, 10]");
        assertThatThrownBy(() -> f.restoreSizes(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("referenceSize must be in [1, 10], got 0");
    }

    @Test
    void constructionRejectsShapesAndRangesOutsideTheirBounds() {
        assertThatThrownBy(() -> new HalfSpaceForest(0, 15, 250, 0.1, SplitRule.MIDPOINT, 1, MIN, MAX))
                .hasMessage("numberOfTrees must be > 0, got 0");
        assertThatThrownBy(() -> new HalfSpaceForest(25, 21, 250, 0.1, SplitRule.MIDPOINT, 1, MIN, MAX))
                .hasMessage("maxDepth must be in [1, 20], got 21");
        assertThatThrownBy(() -> new HalfSpaceForest(25, 15, 0, 0.1, SplitRule.MIDPOINT, 1, MIN, MAX))
                .hasMessageContaining("windowSize must be in [1, 16777215], got 0");
        assertThatThrownBy(() -> new HalfSpaceForest(25, 15, 250, 0.0, SplitRule.MIDPOINT, 1, MIN, MAX))
                .hasMessage("sizeLimitFraction must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new HalfSpaceForest(25, 15, 250, 0.1, SplitRule.MIDPOINT, 1, new double[] {2},
                new double[] {1})).hasMessageContaining("feature range 0 must be finite with min <= max");
        assertThatThrownBy(() -> new HalfSpaceForest(2000, 20, 250, 0.1, SplitRule.MIDPOINT, 1, MIN, MAX))
                .hasMessageContaining("must be < 2^31");
    }
}
