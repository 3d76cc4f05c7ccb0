package io.ppcanomaly.streaming.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The flat, interleaved engine against a one-object-per-node transcription of the paper's pseudo-code. */
class HalfSpaceForestPaperTest {

    /** Three clusters in d dimensions, a constant column, and 2% of points far outside. */
    static double[][] stream(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(3);
            boolean outlier = rnd.nextDouble() < 0.02;
            for (int j = 0; j < d; j++) {
                x[i][j] = j == d - 1 ? 5.0 : outlier ? 20 * rnd.nextDouble() - 10 : c * 2 + 0.3 * rnd.nextGaussian();
            }
        }
        return x;
    }

    static double[][] range(double[][] rows) {
        int d = rows[0].length;
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], r[j]);
                max[j] = Math.max(max[j], r[j]);
            }
        }
        return new double[][] {min, max};
    }

    @ParameterizedTest(name = "{0} trees, depth {1}, psi {2}, {3}")
    @CsvSource({"6, 8, 40, MIDPOINT, 0.1", "25, 10, 250, MIDPOINT, 0.1", "5, 6, 33, UNIFORM, 0.25", "3, 12, 17, MIDPOINT, 1.0"})
    void everyScoreMassAndSwapMatchesThePaperPseudoCodeBitForBit(int trees, int depth, int psi, SplitRule rule,
                                                                 double fraction) {
        double[][] data = stream(6 * psi + psi / 3, 4, 11);
        double[][] warmup = java.util.Arrays.copyOf(data, psi);
        double[][] mm = range(warmup);
        HalfSpaceForest flat = new HalfSpaceForest(trees, depth, psi, fraction, rule, 99, mm[0], mm[1]);
        PaperHsTrees paper = new PaperHsTrees(trees, depth, psi, fraction, rule, 99, mm[0], mm[1]);

        for (int t = 0; t < trees; t++) {
            final int tree = t;
            PaperHsTrees.forEach(paper.roots.get(t), 0, (node, i) -> {
                if (node.left != null) {
                    assertThat(flat.splitDimension(tree, i)).isEqualTo(node.splitAtt);
                    assertThat(flat.splitValue(tree, i)).isEqualTo(node.splitValue);
                }
            });
        }
        for (int i = 0; i < data.length; i++) {
            double expected = paper.scoreThenLearn(data[i]);
            double actual = i % 3 == 0 ? flat.scoreAndLearn(data[i], 0) : scoreThenLearn(flat, data[i]);
            assertThat(actual).as("score of point %d", i).isEqualTo(expected);
            if (i % 97 == 0 || i == data.length - 1) {
                assertSameMasses(flat, paper);
            }
            assertThat(flat.referenceScale()).as("scale after point %d", i).isEqualTo(paper.scale);
        }
    }

    /**
     * Deferred learning must give the paper's scores and masses also when the traffic moves: each window here is
     * a cluster the previous one never saw, so the latest profile is dense exactly where the reference is empty
     * and the rows must be carried far below where their score walks stopped. Eager learning, the other mode,
     * must agree too.
     */
    @ParameterizedTest(name = "deferred learning {0}")
    @CsvSource({"true", "false"})
    void aStreamThatMovesEveryWindowStillMatchesThePaperBitForBit(boolean deferred) {
        int psi = 64;
        int d = 3;
        SplittableRandom rnd = new SplittableRandom(21);
        double[][] data = new double[7 * psi + 11][d];
        for (int i = 0; i < data.length; i++) {
            double centre = (i / psi) % 4 * 2.5 - 4;
            for (int j = 0; j < d; j++) {
                data[i][j] = centre + 0.05 * rnd.nextGaussian();
            }
        }
        double[] min = {-5, -5, -5};
        double[] max = {5, 5, 5};
        HalfSpaceForest flat = new HalfSpaceForest(7, 12, psi, 0.1, SplitRule.MIDPOINT, 3, min, max, deferred);
        PaperHsTrees paper = new PaperHsTrees(7, 12, psi, 0.1, SplitRule.MIDPOINT, 3, min, max);
        for (int i = 0; i < data.length; i++) {
            assertThat(flat.scoreAndLearn(data[i], 0)).as("score of point %d", i)
                    .isEqualTo(paper.scoreThenLearn(data[i]));
            assertThat(flat.referenceScale()).as("scale after point %d", i).isEqualTo(paper.scale);
            if (i % psi == psi - 1 && i / psi % 2 == 0) { // read the masses right after some swaps, not others
                assertSameMasses(flat, paper);
            }
        }
        assertSameMasses(flat, paper);
    }

    @Test
    void batchLearningAndSampledCalibrationAboveAWindowOf4096MatchThePseudoCode() {
        int psi = 5000; // the scale samples every 2nd observation
        double[][] data = stream(3 * psi + 123, 3, 17);
        double[][] mm = range(java.util.Arrays.copyOf(data, psi));
        HalfSpaceForest flat = new HalfSpaceForest(3, 7, psi, 0.1, SplitRule.MIDPOINT, 5, mm[0], mm[1]);
        PaperHsTrees paper = new PaperHsTrees(3, 7, psi, 0.1, SplitRule.MIDPOINT, 5, mm[0], mm[1]);
        int batch = 3000;
        double[] flatRows = new double[batch * 3];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(data[i], 0, flatRows, i * 3, 3);
            paper.learn(data[i], false);
        }
        flat.learnAll(flatRows, batch);
        paper.recalibrate();
        assertThat(flat.referenceScale()).isEqualTo(paper.scale);
        for (int i = batch; i < data.length; i++) {
            assertThat(flat.scoreAndLearn(data[i], 0)).as("score of point %d", i).isEqualTo(paper.scoreThenLearn(data[i]));
            assertThat(flat.referenceScale()).as("scale after point %d", i).isEqualTo(paper.scale);
        }
        assertSameMasses(flat, paper);
    }

    private static double scoreThenLearn(HalfSpaceForest f, double[] x) {
        double s = f.score(x, 0);
        f.learn(x, 0);
        return s;
    }

    private static void assertSameMasses(HalfSpaceForest flat, PaperHsTrees paper) {
        for (int t = 0; t < flat.trees(); t++) {
            final int tree = t;
            PaperHsTrees.forEach(paper.roots.get(t), 0, (node, i) -> {
                assertThat(flat.referenceMass(tree, i)).as("r of tree %d node %d", tree, i).isEqualTo(node.r);
                assertThat(flat.latestMass(tree, i)).as("l of tree %d node %d", tree, i).isEqualTo(node.l);
            });
        }
    }
}
