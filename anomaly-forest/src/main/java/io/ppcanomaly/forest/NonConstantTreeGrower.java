package io.ppcanomaly.forest;

import java.util.SplittableRandom;

/**
 * Grows {@link CompactTree}s by scikit-learn's isolation-tree rule ({@code split.rule=non-constant}), as its
 * {@code IsolationForest} gets it from {@code ExtraTreeRegressor(max_features=1, splitter="random")}:
 *
 * <ul>
 *   <li>a node of one row, or at the depth limit, is a leaf;</li>
 *   <li>otherwise the node draws inputs uniformly without replacement until it finds one that takes more than one
 *       value among its rows, skipping the constant ones (an input constant in a node is constant in all its
 *       descendants, so they are never tried again below it); if every input is constant the node is a leaf;</li>
 *   <li>the threshold is {@code t = (max − min)·u + min}, u uniform in [0, 1), with {@code t = min} if that
 *       rounds up to {@code max} (scikit-learn's {@code rand_uniform} and its guard), so both sides get rows:
 *       {@code x <= t} goes left;</li>
 *   <li>a leaf of n rows at depth d has path length {@code d + c(n)}, c(1) = 0 and c(n) =
 *       {@link FittedForest#averagePathLength(int)} otherwise (Smile's c, so the two rules share one normaliser).</li>
 * </ul>
 *
 * <p>Smile's rule (Liu et al. 2008) instead picks among all inputs, so a node spends a level on an input that
 * is constant within it, and a node of identical rows keeps splitting (uselessly) down to the depth limit.
 *
 * <p>Where this differs from scikit-learn, on purpose: values are doubles (scikit-learn casts to float32), an
 * input counts as constant when its maximum equals its minimum (scikit-learn: when they differ by at most 1e-7),
 * and the random numbers come from a {@link SplittableRandom} per tree rather than scikit-learn's generator.
 *
 * <p>One grower serves one fit: it reuses its buffers from tree to tree and is not thread-safe.
 */
final class NonConstantTreeGrower {

    private final int width;
    private final int psi;
    private final int maxDepth;
    /** The sample, column-major: {@code columns[j][r]} is input j of sample row r. */
    private final double[][] columns;
    /** Sample row numbers, partitioned in place so each node owns a contiguous range. */
    private final int[] rows;
    /** Per depth, the inputs in the order the node at that depth leaves them: known constants first. */
    private final int[][] inputs;
    private final int[] feature;
    private final double[] value;
    private final int[] left;
    private final int[] right;
    private int nodes;
    private SplittableRandom rnd;

    /**
     * @param width    inputs per row, &ge; 1
     * @param psi      rows per tree, &ge; 2
     * @param maxDepth depth limit, &ge; 1
     */
    NonConstantTreeGrower(int width, int psi, int maxDepth) {
        assert width >= 1 && psi >= 2 && maxDepth >= 1 : width + " " + psi + " " + maxDepth;
        this.width = width;
        this.psi = psi;
        this.maxDepth = maxDepth;
        this.columns = new double[width][psi];
        this.rows = new int[psi];
        this.inputs = new int[maxDepth + 1][width];
        int capacity = maxNodes(psi, maxDepth);
        this.feature = new int[capacity];
        this.value = new double[capacity];
        this.left = new int[capacity];
        this.right = new int[capacity];
    }

    /** @return the most nodes a tree of {@code psi} rows and depth limit {@code maxDepth} can have */
    static int maxNodes(int psi, int maxDepth) {
        long full = maxDepth >= 62 ? Long.MAX_VALUE : (1L << (maxDepth + 1)) - 1;
        return (int) Math.min(2L * psi - 1, full);
    }

    /**
     * Sets sample row {@code r} (copied); call for every r in [0, ψ) before each {@link #grow}.
     *
     * @param x at least {@code width} values
     */
    void setRow(int r, double[] x) {
        for (int j = 0; j < width; j++) {
            columns[j][r] = x[j];
        }
    }

    /**
     * Grows one tree on the sample set through {@link #setRow}.
     *
     * @param random the tree's own generator (it is advanced)
     * @return the tree
     */
    CompactTree grow(SplittableRandom random) {
        rnd = random;
        nodes = 0;
        for (int r = 0; r < psi; r++) {
            rows[r] = r;
        }
        for (int j = 0; j < width; j++) {
            inputs[0][j] = j;
        }
        node(0, psi, 0, 0);
        rnd = null;
        return CompactTree.of(feature, value, left, right, nodes);
    }

    /**
     * Grows the subtree of sample rows {@code rows[from, to)} at {@code depth}, whose first {@code constants}
     * entries of {@code inputs[depth]} are known to be constant in it.
     *
     * @return the subtree's root node
     */
    private int node(int from, int to, int depth, int constants) {
        int k = nodes++;
        int n = to - from;
        if (depth >= maxDepth || n <= 1) {
            return leaf(k, depth, n);
        }
        int[] order = inputs[depth];
        if (depth > 0) {
            System.arraycopy(inputs[depth - 1], 0, order, 0, width);
        }
        int known = constants;
        while (known < width) {
            int pick = known + rnd.nextInt(width - known);
            int j = order[pick];
            double[] c = columns[j];
            double min = c[rows[from]];
            double max = min;
            for (int i = from + 1; i < to; i++) {
                double v = c[rows[i]];
                if (v < min) {
                    min = v;
                } else if (v > max) {
                    max = v;
                }
            }
            if (max > min) {
                double t = (max - min) * rnd.nextDouble() + min;
                if (!(t < max)) { // rounded up to max, or overflowed: scikit-learn's fallback
                    t = min;
                }
                int mid = partition(c, from, to, t);
                feature[k] = j;
                value[k] = t;
                left[k] = node(from, mid, depth + 1, known);
                right[k] = node(mid, to, depth + 1, known);
                return k;
            }
            // constant here, so in every descendant: move it into the known-constant prefix
            order[pick] = order[known];
            order[known] = j;
            known++;
        }
        return leaf(k, depth, n); // every input is constant: these rows cannot be told apart
    }

    private int leaf(int k, int depth, int n) {
        feature[k] = CompactTree.LEAF;
        value[k] = n > 1 ? depth + FittedForest.averagePathLength(n) : depth;
        left[k] = 0;
        right[k] = 0;
        return k;
    }

    /** Moves the rows with {@code c[row] <= t} to the front of [from, to); returns where the rest start. */
    private int partition(double[] c, int from, int to, double t) {
        int i = from;
        int j = to - 1;
        while (i <= j) {
            if (c[rows[i]] <= t) {
                i++;
            } else {
                int tmp = rows[i];
                rows[i] = rows[j];
                rows[j] = tmp;
                j--;
            }
        }
        assert i > from && i < to : "a split must leave rows on both sides";
        return i;
    }
}
