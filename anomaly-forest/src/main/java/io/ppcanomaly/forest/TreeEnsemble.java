package io.ppcanomaly.forest;

import java.util.Objects;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/**
 * The trees of a fitted forest, of either split rule: Smile's {@link IsolationTree}s ({@code split.rule=smile})
 * or {@link CompactTree}s ({@code split.rule=non-constant}). Both sum path lengths over the trees in tree order
 * from 0.0, so row-by-row and block scoring give bit-identical sums. Immutable.
 */
sealed interface TreeEnsemble permits TreeEnsemble.Smile, TreeEnsemble.Compact {

    /** @return the number of trees, &ge; 1 */
    int size();

    /** @return the sum of the path lengths of {@code x} over the trees, in tree order */
    double pathSum(double[] x);

    /**
     * Adds, tree by tree, each tree's path length of {@code x[i]} to {@code sum[i]} for i in [0, m): one tree's
     * nodes stay in cache while the block streams past.
     */
    void addPathSums(double[][] x, int m, double[] sum);

    /** Smile's forest, scored through {@link IsolationTree#path(double[])}. */
    final class Smile implements TreeEnsemble {
        private final IsolationForest forest;
        private final IsolationTree[] trees;

        /** @param forest a Smile forest of at least one tree */
        Smile(IsolationForest forest) {
            this.forest = Objects.requireNonNull(forest, "forest");
            // trees() hands out Smile's own array in 3.1.1 (a copy in later versions): copy it so nothing outside
            // can swap a tree under a scoring thread
            this.trees = forest.trees().clone();
        }

        /** @return Smile's model (for persistence) */
        IsolationForest forest() {
            return forest;
        }

        @Override
        public int size() {
            return trees.length;
        }

        @Override
        public double pathSum(double[] x) {
            double sum = 0.0;
            for (IsolationTree t : trees) {
                sum += t.path(x);
            }
            return sum;
        }

        @Override
        public void addPathSums(double[][] x, int m, double[] sum) {
            for (IsolationTree t : trees) {
                for (int i = 0; i < m; i++) {
                    sum[i] += t.path(x[i]);
                }
            }
        }
    }

    /** Trees grown by {@link NonConstantTreeGrower}, each in flat primitive arrays. */
    final class Compact implements TreeEnsemble {
        private final CompactTree[] trees;

        /** @param trees at least one tree (copied) */
        Compact(CompactTree[] trees) {
            this.trees = trees.clone();
            assert this.trees.length >= 1 : "no trees";
        }

        /** @return tree {@code t} (for persistence and tests) */
        CompactTree tree(int t) {
            return trees[t];
        }

        @Override
        public int size() {
            return trees.length;
        }

        @Override
        public double pathSum(double[] x) {
            double sum = 0.0;
            for (CompactTree t : trees) {
                sum += t.path(x);
            }
            return sum;
        }

        @Override
        public void addPathSums(double[][] x, int m, double[] sum) {
            for (CompactTree t : trees) {
                for (int i = 0; i < m; i++) {
                    sum[i] += t.path(x[i]);
                }
            }
        }
    }
}
