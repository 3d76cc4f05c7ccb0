package io.ppcanomaly.forest;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An axis-parallel isolation tree in four parallel primitive arrays, one slot per node, root at 0. Immutable (the
 * arrays never leave this class), so any number of threads may score with it.
 *
 * <ul>
 *   <li>{@code feature[k]}: the input a split node tests, or {@value #LEAF} for a leaf;</li>
 *   <li>{@code value[k]}: a split node's threshold (a row goes left when {@code x[feature] <= threshold}, as in
 *       scikit-learn), or a leaf's path length {@code depth + c(rows)};</li>
 *   <li>{@code left[k]}, {@code right[k]}: a split node's children, always at higher indices than the node (0
 *       for a leaf), so a walk from the root always ends.</li>
 * </ul>
 *
 * <p>A node costs 20 bytes. {@link #path} is a loop over these arrays: no allocation, no virtual calls.
 */
final class CompactTree {

    /** {@code feature[k]} of a leaf. */
    static final int LEAF = -1;

    private final int[] feature;
    private final double[] value;
    private final int[] left;
    private final int[] right;

    /** Takes ownership of the arrays; callers have checked them ({@link #read} or the grower). */
    private CompactTree(int[] feature, double[] value, int[] left, int[] right) {
        this.feature = feature;
        this.value = value;
        this.left = left;
        this.right = right;
    }

    /**
     * Wraps the first {@code nodes} slots of a grower's arrays, copied to their exact length.
     *
     * @param nodes node count, &ge; 1
     */
    static CompactTree of(int[] feature, double[] value, int[] left, int[] right, int nodes) {
        assert nodes >= 1 && nodes <= feature.length : "nodes " + nodes;
        return new CompactTree(Arrays.copyOf(feature, nodes), Arrays.copyOf(value, nodes), Arrays.copyOf(left, nodes),
                Arrays.copyOf(right, nodes));
    }

    /**
     * The path length of {@code x}: the depth of the leaf it reaches plus c(rows of that leaf).
     *
     * @param x a row of at least the width the tree was grown on
     * @return the path length, &ge; 0
     */
    double path(double[] x) {
        int[] f = feature;
        double[] v = value;
        int k = 0;
        int j;
        while ((j = f[k]) >= 0) {
            k = x[j] <= v[k] ? left[k] : right[k];
        }
        return v[k];
    }

    /** @return the number of nodes, &ge; 1 */
    int nodeCount() {
        return feature.length;
    }

    /** @return the input node {@code k} splits on, or {@link #LEAF} */
    int feature(int k) {
        return feature[k];
    }

    /** @return node {@code k}'s threshold (split node) or path length (leaf) */
    double value(int k) {
        return value[k];
    }

    /** @return node {@code k}'s left child, or 0 for a leaf */
    int left(int k) {
        return left[k];
    }

    /** @return node {@code k}'s right child, or 0 for a leaf */
    int right(int k) {
        return right[k];
    }

    /** Writes the node count, then the four arrays in turn (20 bytes a node). */
    void write(DataOutputStream out) throws IOException {
        int n = feature.length;
        out.writeInt(n);
        for (int k = 0; k < n; k++) {
            out.writeInt(feature[k]);
        }
        for (int k = 0; k < n; k++) {
            out.writeDouble(value[k]);
        }
        for (int k = 0; k < n; k++) {
            out.writeInt(left[k]);
        }
        for (int k = 0; k < n; k++) {
            out.writeInt(right[k]);
        }
    }

    /**
     * Reads a tree written by {@link #write} and checks that it is one: a node count in [1, maxNodes], every
     * split on an input below {@code width} at a finite threshold, every node but the root the child of exactly
     * one node at a lower index, no node deeper than {@code maxDepth}, and every leaf's path length finite and in
     * [its depth, its depth + {@code maxLeafExtra}].
     *
     * @param maxNodes     the most nodes a tree of the model's ψ can have, 2ψ − 1
     * @param maxLeafExtra the largest c(rows) a leaf may add, c(ψ)
     * @throws IOException (an {@link java.io.EOFException} when the stream ends) naming the tree, node and field
     *                     that is wrong
     */
    static CompactTree read(DataInputStream in, int tree, int width, int maxNodes, int maxDepth, double maxLeafExtra)
            throws IOException {
        Objects.requireNonNull(in, "in");
        int n = in.readInt();
        if (n < 1 || n > maxNodes) {
            throw new IOException("tree " + tree + ": node count must be in [1, " + maxNodes + "], got " + n);
        }
        int[] feature = new int[n];
        double[] value = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        for (int k = 0; k < n; k++) {
            feature[k] = in.readInt();
        }
        for (int k = 0; k < n; k++) {
            value[k] = in.readDouble();
        }
        for (int k = 0; k < n; k++) {
            left[k] = in.readInt();
        }
        for (int k = 0; k < n; k++) {
            right[k] = in.readInt();
        }
        int[] depth = new int[n];
        boolean[] hasParent = new boolean[n];
        for (int k = 0; k < n; k++) {
            if (k > 0 && !hasParent[k]) {
                throw new IOException("tree " + tree + ": node " + k + " is no node's child");
            }
            int f = feature[k];
            if (f == LEAF) {
                double extra = value[k] - depth[k];
                if (!(extra >= 0.0 && extra <= maxLeafExtra) || left[k] != 0 || right[k] != 0) {
                    throw new IOException("tree " + tree + ": leaf " + k + " at depth " + depth[k] + " must have a "
                            + "path length in [" + depth[k] + ", " + depth[k] + " + " + maxLeafExtra + "] and no "
                            + "children, got " + value[k] + ", children " + left[k] + "/" + right[k]);
                }
                continue;
            }
            if (f < 0 || f >= width) {
                throw new IOException("tree " + tree + ": node " + k + " must split on an input in [0, " + width
                        + ") or be a leaf (" + LEAF + "), got " + f);
            }
            if (!Double.isFinite(value[k])) {
                throw new IOException("tree " + tree + ": node " + k + " threshold must be finite, got " + value[k]);
            }
            if (depth[k] >= maxDepth) {
                throw new IOException("tree " + tree + ": node " + k + " splits at depth " + depth[k]
                        + ", the depth limit is " + maxDepth);
            }
            for (int child : new int[] {left[k], right[k]}) {
                if (child <= k || child >= n || hasParent[child] || left[k] == right[k]) {
                    throw new IOException("tree " + tree + ": node " + k + " children must be two distinct unclaimed"
                            + " nodes in (" + k + ", " + n + "), got " + left[k] + "/" + right[k]);
                }
                hasParent[child] = true;
                depth[child] = depth[k] + 1;
            }
        }
        return new CompactTree(feature, value, left, right);
    }

    @Override
    public String toString() {
        return "CompactTree[" + feature.length + " nodes]";
    }
}
