package io.ppcanomaly.streaming.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming HS-Trees written the plainest way, one object per node, straight from the pseudo-code of Tan, Ting &amp;
 * Liu (IJCAI 2011): Algorithm 1 (Streaming HS-Trees), 2 (BuildSingleHS-Tree), 3 (UpdateMass), 4 (Score), with
 * InitialiseWorkSpace generalised from [0, 1] to the warm-up range. Test oracle for {@link HalfSpaceForest}: it
 * shares only the random number generator (so both build the same trees), none of the layout or walks.
 *
 * <p>It also derives the normalisation scale the documented way, by brute force: the median of the scores the
 * latest window's points got on arrival, or, while the first window fills, of its points' scores against itself.
 */
final class PaperHsTrees {

    static final class Node {
        Node left;
        Node right;
        int splitAtt;
        double splitValue;
        int r;
        int l;
        final int k;

        Node(int k) {
            this.k = k;
        }
    }

    final List<Node> roots = new ArrayList<>();
    final int maxDepth;
    final int psi;
    final double sizeLimit;
    private int count;
    private int seen;
    private final List<double[]> firstWindow = new ArrayList<>();
    private final List<Double> latestScores = new ArrayList<>();
    double scale;
    /** Every stride-th point of a window is sampled for the scale, as the engine does for ψ above 4096. */
    private final int stride;

    PaperHsTrees(int t, int maxDepth, int psi, double sizeLimitFraction, SplitRule rule, long seed, double[] dataMin,
                 double[] dataMax) {
        this.maxDepth = maxDepth;
        this.psi = psi;
        this.sizeLimit = sizeLimitFraction * psi;
        this.stride = (psi + 4095) / 4096;
        SplitMix64 rnd = new SplitMix64(seed);
        int d = dataMin.length;
        for (int i = 0; i < t; i++) {
            // InitialiseWorkSpace
            double[] min = new double[d];
            double[] max = new double[d];
            for (int q = 0; q < d; q++) {
                double lo = dataMin[q];
                double hi = dataMax[q];
                if (lo == hi) {
                    double a = Math.max(Math.abs(lo), 1.0);
                    lo -= a;
                    hi += a;
                }
                double sq = lo + rnd.nextDouble() * (hi - lo);
                double w = 2.0 * Math.max(sq - lo, hi - sq);
                min[q] = sq - w;
                max[q] = sq + w;
            }
            roots.add(build(min, max, 0, rule, rnd));
        }
    }

    private Node build(double[] min, double[] max, int k, SplitRule rule, SplitMix64 rnd) {
        Node node = new Node(k);
        if (k == maxDepth) {
            return node;
        }
        int q = rnd.nextInt(min.length);
        double p = rule == SplitRule.MIDPOINT ? (max[q] + min[q]) / 2 : min[q] + rnd.nextDouble() * (max[q] - min[q]);
        double temp = max[q];
        max[q] = p;
        node.left = build(min, max, k + 1, rule, rnd);
        max[q] = temp;
        temp = min[q];
        min[q] = p;
        node.right = build(min, max, k + 1, rule, rnd);
        min[q] = temp;
        node.splitAtt = q;
        node.splitValue = p;
        return node;
    }

    /** Algorithm 1 for one point: the first ψ points fill r; then score, update l, swap every ψ. */
    double scoreThenLearn(double[] x) {
        double s = score(x);
        learn(x);
        return s;
    }

    void learn(double[] x) {
        learn(x, true);
    }

    /**
     * @param recalibrate whether to re-derive the warm-up scale now (the engine's {@code learnAll} does it only at
     *                    the end of a batch or when the first window completes)
     */
    void learn(double[] x, boolean recalibrate) {
        if (seen < psi) {
            for (Node root : roots) {
                updateMass(x, root, true);
            }
            if (seen % stride == 0) {
                firstWindow.add(x.clone());
            }
            seen++;
            if (recalibrate || seen == psi) {
                recalibrate();
            }
            return;
        }
        if (count % stride == 0) {
            latestScores.add(score(x));
        }
        for (Node root : roots) {
            updateMass(x, root, false);
        }
        count++;
        if (count == psi) {
            for (Node root : roots) {
                swap(root);
            }
            scale = Math.max(1.0, lowerMedian(latestScores.stream().mapToDouble(Double::doubleValue).toArray()));
            latestScores.clear();
            count = 0;
        }
    }

    void recalibrate() {
        if (seen <= psi && count == 0 && latestScores.isEmpty()) {
            scale = Math.max(1.0, lowerMedian(firstWindow.stream().mapToDouble(this::score).toArray()));
        }
    }

    private static double lowerMedian(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[(c.length - 1) / 2];
    }

    double score(double[] x) {
        double s = 0;
        for (Node root : roots) {
            s += score(x, root);
        }
        return s;
    }

    double score(double[] x, Node node) {
        if (node.k == maxDepth || node.r < sizeLimit) {
            return node.r * Math.pow(2, node.k);
        }
        return score(x, x[node.splitAtt] < node.splitValue ? node.left : node.right);
    }

    private void updateMass(double[] x, Node node, boolean referenceWindow) {
        if (referenceWindow) {
            node.r++;
        } else {
            node.l++;
        }
        if (node.k < maxDepth) {
            updateMass(x, x[node.splitAtt] < node.splitValue ? node.left : node.right, referenceWindow);
        }
    }

    private void swap(Node node) {
        node.r = node.l;
        node.l = 0;
        if (node.left != null) {
            swap(node.left);
            swap(node.right);
        }
    }

    /** Visits nodes in heap order: index i has children 2i+1, 2i+2. */
    static void forEach(Node node, int index, java.util.function.ObjIntConsumer<Node> visitor) {
        visitor.accept(node, index);
        if (node.left != null) {
            forEach(node.left, 2 * index + 1, visitor);
            forEach(node.right, 2 * index + 2, visitor);
        }
    }
}
