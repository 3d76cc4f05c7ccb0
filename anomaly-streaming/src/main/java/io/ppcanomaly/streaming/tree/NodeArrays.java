package io.ppcanomaly.streaming.tree;

/**
 * The nodes of every tree of a {@link HalfSpaceForest} in two flat arrays, and the allocation-free walks over
 * them. Knows nothing of windows: callers say which of the two 24-bit counters ("slots") to read or add to.
 *
 * <p>Heap layout per tree: node {@code i} has children {@code 2i+1}, {@code 2i+2}; {@code i < internal} is
 * internal, the rest are leaves. An internal node is two adjacent {@code long}s in {@link #inner} — the split
 * value's bits, then {@code dim << 48 | slot1 << 24 | slot0} — so a step down a tree touches one cache line. A leaf
 * is one {@code long} of {@link #leaves}: {@code slot1 << 24 | slot0}.
 *
 * <p>The walks that learn move all trees one level at a time (or four at a time when scoring, with locals, since
 * scoring must not share scratch between threads): the trees' walks are independent, so the cache misses of the
 * deep levels overlap instead of queueing. That halves the time per observation against tree-after-tree walks.
 */
final class NodeArrays {

    static final int MASS_BITS = 24;
    static final long MASS_MASK = 0xFF_FFFFL;
    static final int DIM_SHIFT = 48;

    final int trees;
    final int depth;
    final int internalPerTree;
    final int leavesPerTree;

    /** Internal nodes, two longs each (split value bits; dimension and counters); read by {@link DeferredLearning}. */
    final long[] inner;
    /** Leaves, one long each (counters); read by {@link DeferredLearning}. */
    final long[] leaves;
    /** Scratch of the learning thread: the walk stack when clearing a profile. */
    private final int[] stack;
    /** Scratch of the learning thread: each tree's current node in a level-synchronous walk. */
    private final int[] pathIndex;
    /** Scratch of the learning thread: all-ones while a tree's score is still descending, else zero. */
    private final long[] open;

    NodeArrays(int trees, int depth) {
        this.trees = trees;
        this.depth = depth;
        this.internalPerTree = (1 << depth) - 1;
        this.leavesPerTree = 1 << depth;
        this.inner = new long[2 * trees * internalPerTree];
        this.leaves = new long[trees * leavesPerTree];
        this.stack = new int[depth + 2];
        this.pathIndex = new int[trees];
        this.open = new long[trees];
    }

    /**
     * Builds every tree as Tan, Ting &amp; Liu's InitialiseWorkSpace and BuildSingleHS-Tree do, drawing from one
     * {@link SplitMix64} stream in a fixed order: per tree, {@code s_q} for each dimension, then the nodes in
     * pre-order (dimension, and for {@link SplitRule#UNIFORM} the split point).
     */
    void build(SplitRule rule, long seed, double[] featureMin, double[] featureMax) {
        int dims = featureMin.length;
        SplitMix64 rnd = new SplitMix64(seed);
        double[] lo = new double[dims];
        double[] hi = new double[dims];
        for (int t = 0; t < trees; t++) {
            for (int q = 0; q < dims; q++) {
                double min = featureMin[q];
                double max = featureMax[q];
                if (min == max) {
                    double a = Math.max(Math.abs(min), 1.0);
                    min -= a;
                    max += a;
                }
                double s = min + rnd.nextDouble() * (max - min);
                double w = 2.0 * Math.max(s - min, max - s);
                lo[q] = s - w;
                hi[q] = s + w;
            }
            buildNode(rule, t * internalPerTree, 0, 0, lo, hi, rnd);
        }
    }

    private void buildNode(SplitRule rule, int base, int node, int k, double[] lo, double[] hi, SplitMix64 rnd) {
        if (k == depth) {
            return;
        }
        int q = rnd.nextInt(lo.length);
        double p = rule == SplitRule.MIDPOINT
                ? 0.5 * (lo[q] + hi[q])
                : lo[q] + rnd.nextDouble() * (hi[q] - lo[q]);
        int g = 2 * (base + node);
        inner[g] = Double.doubleToLongBits(p);
        inner[g + 1] = (long) q << DIM_SHIFT;
        double saved = hi[q];
        hi[q] = p;
        buildNode(rule, base, 2 * node + 1, k + 1, lo, hi, rnd);
        hi[q] = saved;
        saved = lo[q];
        lo[q] = p;
        buildNode(rule, base, 2 * node + 2, k + 1, lo, hi, rnd);
        lo[q] = saved;
    }

    /** Σ_trees r·2^k at the first node with r &lt; limit, or the leaf; r read from counter {@code refSlot}. Reads only. */
    long score(double[] x, int offset, int refSlot, long limit) {
        long s = 0;
        int t = 0;
        for (; t + 4 <= trees; t += 4) {
            s += score4(x, offset, t, refSlot * MASS_BITS, limit);
        }
        for (; t < trees; t++) {
            s += score1(x, offset, t, refSlot * MASS_BITS, limit);
        }
        return s;
    }

    /**
     * Scores trees {@code t .. t+3} in lock-step. A tree whose score has stopped keeps walking (harmlessly) until
     * all four have stopped; its mask {@code o} is zero from then on, so nothing more is added for it.
     */
    private long score4(double[] x, int offset, int t, int refShift, long limit) {
        final long[] in = inner;
        final int b0 = t * internalPerTree;
        final int b1 = b0 + internalPerTree;
        final int b2 = b1 + internalPerTree;
        final int b3 = b2 + internalPerTree;
        int i0 = 0;
        int i1 = 0;
        int i2 = 0;
        int i3 = 0;
        long o0 = -1L;
        long o1 = -1L;
        long o2 = -1L;
        long o3 = -1L;
        long s = 0;
        int k = 0;
        for (; k < depth && (o0 | o1 | o2 | o3) != 0; k++) {
            int g0 = (b0 + i0) << 1;
            int g1 = (b1 + i1) << 1;
            int g2 = (b2 + i2) << 1;
            int g3 = (b3 + i3) << 1;
            long m0 = in[g0 + 1];
            long m1 = in[g1 + 1];
            long m2 = in[g2 + 1];
            long m3 = in[g3 + 1];
            long r0 = (m0 >>> refShift) & MASS_MASK;
            long r1 = (m1 >>> refShift) & MASS_MASK;
            long r2 = (m2 >>> refShift) & MASS_MASK;
            long r3 = (m3 >>> refShift) & MASS_MASK;
            // (r − limit) >> 63 is all-ones exactly when r < limit (both below 2^24, no overflow)
            long c0 = o0 & ((r0 - limit) >> 63);
            long c1 = o1 & ((r1 - limit) >> 63);
            long c2 = o2 & ((r2 - limit) >> 63);
            long c3 = o3 & ((r3 - limit) >> 63);
            s += ((r0 << k) & c0) + ((r1 << k) & c1) + ((r2 << k) & c2) + ((r3 << k) & c3);
            o0 &= ~c0;
            o1 &= ~c1;
            o2 &= ~c2;
            o3 &= ~c3;
            i0 = (i0 << 1) + (x[offset + (int) (m0 >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g0]) ? 1 : 2);
            i1 = (i1 << 1) + (x[offset + (int) (m1 >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g1]) ? 1 : 2);
            i2 = (i2 << 1) + (x[offset + (int) (m2 >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g2]) ? 1 : 2);
            i3 = (i3 << 1) + (x[offset + (int) (m3 >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g3]) ? 1 : 2);
        }
        if (k == depth) { // every walk reached a leaf; the masks say whose leaf counts
            final int l0 = t * leavesPerTree - internalPerTree;
            s += (((leaves[l0 + i0] >>> refShift) & MASS_MASK) << depth) & o0;
            s += (((leaves[l0 + leavesPerTree + i1] >>> refShift) & MASS_MASK) << depth) & o1;
            s += (((leaves[l0 + 2 * leavesPerTree + i2] >>> refShift) & MASS_MASK) << depth) & o2;
            s += (((leaves[l0 + 3 * leavesPerTree + i3] >>> refShift) & MASS_MASK) << depth) & o3;
        }
        return s;
    }

    private long score1(double[] x, int offset, int t, int refShift, long limit) {
        final long[] in = inner;
        final int base = t * internalPerTree;
        int i = 0;
        for (int k = 0; k < depth; k++) {
            int g = (base + i) << 1;
            long meta = in[g + 1];
            long r = (meta >>> refShift) & MASS_MASK;
            if (r < limit) {
                return r << k;
            }
            i = (i << 1) + (x[offset + (int) (meta >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g]) ? 1 : 2);
        }
        return ((leaves[t * leavesPerTree + i - internalPerTree] >>> refShift) & MASS_MASK) << depth;
    }

    /**
     * Scores against counter {@code refSlot} and adds the observation to the other counter, in one walk per tree
     * (all trees level by level). Equal to {@link #score} followed by {@link #add} on the other slot.
     */
    long scoreAndAdd(double[] x, int offset, int refSlot, long limit) {
        final long[] in = inner;
        final int[] idx = pathIndex;
        final long[] o = open;
        final int refShift = refSlot * MASS_BITS;
        final long inc = 1L << ((refSlot ^ 1) * MASS_BITS);
        long s = 0;
        for (int t = 0; t < trees; t++) {
            idx[t] = 0;
            o[t] = -1L;
        }
        for (int k = 0; k < depth; k++) {
            for (int t = 0; t < trees; t++) {
                int i = idx[t];
                int g = (t * internalPerTree + i) << 1;
                long meta = in[g + 1];
                in[g + 1] = meta + inc;
                long r = (meta >>> refShift) & MASS_MASK;
                long stop = o[t] & ((r - limit) >> 63);
                s += (r << k) & stop;
                o[t] &= ~stop;
                idx[t] = (i << 1) + (x[offset + (int) (meta >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g]) ? 1 : 2);
            }
        }
        for (int t = 0; t < trees; t++) {
            int leaf = t * leavesPerTree + idx[t] - internalPerTree;
            long lm = leaves[leaf];
            s += (((lm >>> refShift) & MASS_MASK) << depth) & o[t];
            leaves[leaf] = lm + inc;
        }
        return s;
    }

    /** Adds one observation to counter {@code slot} on its path in every tree, trees walking level by level. */
    void add(double[] x, int offset, int slot) {
        final long[] in = inner;
        final int[] idx = pathIndex;
        final long inc = 1L << (slot * MASS_BITS);
        for (int t = 0; t < trees; t++) {
            idx[t] = 0;
        }
        for (int k = 0; k < depth; k++) {
            for (int t = 0; t < trees; t++) {
                int i = idx[t];
                int g = (t * internalPerTree + i) << 1;
                long meta = in[g + 1];
                in[g + 1] = meta + inc;
                idx[t] = (i << 1) + (x[offset + (int) (meta >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g]) ? 1 : 2);
            }
        }
        for (int t = 0; t < trees; t++) {
            leaves[t * leavesPerTree + idx[t] - internalPerTree] += inc;
        }
    }

    /** Zeroes counter {@code slot} everywhere; a node without mass has none below it, so only massive nodes are visited. */
    void clear(int slot) {
        final int shift = slot * MASS_BITS;
        final long keep = ~(MASS_MASK << shift);
        for (int t = 0; t < trees; t++) {
            final int base = t * internalPerTree;
            final int leafBase = t * leavesPerTree - internalPerTree;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int i = stack[--top];
                if (i >= internalPerTree) {
                    leaves[leafBase + i] &= keep;
                    continue;
                }
                int g = ((base + i) << 1) + 1;
                long meta = inner[g];
                if (((meta >>> shift) & MASS_MASK) == 0) {
                    continue;
                }
                inner[g] = meta & keep;
                stack[top++] = 2 * i + 2;
                stack[top++] = 2 * i + 1;
            }
        }
    }

    /** @return counter {@code slot} of node {@code node} of tree {@code tree} (indices already checked) */
    int mass(int tree, int node, int slot) {
        long word = node < internalPerTree
                ? inner[((tree * internalPerTree + node) << 1) + 1]
                : leaves[tree * leavesPerTree + node - internalPerTree];
        return (int) ((word >>> (slot * MASS_BITS)) & MASS_MASK);
    }

    /** Sets both counters of one node, keeping its split. */
    void setMasses(int tree, int node, long slot0, long slot1) {
        long packed = slot0 | (slot1 << MASS_BITS);
        if (node < internalPerTree) {
            int g = ((tree * internalPerTree + node) << 1) + 1;
            inner[g] = (inner[g] & ~((MASS_MASK << MASS_BITS) | MASS_MASK)) | packed;
        } else {
            leaves[tree * leavesPerTree + node - internalPerTree] = packed;
        }
    }

    /**
     * Lists the nodes of one tree where either counter is non-zero, breadth-first — which in heap layout is
     * ascending index order — into {@code out[0]} (indices), {@code out[1]} (slot 0) and {@code out[2]} (slot 1).
     * A node without mass has none below it, so only massive nodes and their children are visited.
     *
     * @return how many nodes were listed
     */
    int listMassive(int tree, int[][] out) {
        int[] queue = out[0];
        int head = 0;
        int tail = 0;
        if (mass(tree, 0, 0) != 0 || mass(tree, 0, 1) != 0) {
            queue[tail++] = 0;
        }
        while (head < tail) {
            int i = queue[head];
            out[1][head] = mass(tree, i, 0);
            out[2][head] = mass(tree, i, 1);
            head++;
            if (i < internalPerTree) {
                for (int c = 2 * i + 1; c <= 2 * i + 2; c++) {
                    if (mass(tree, c, 0) != 0 || mass(tree, c, 1) != 0) {
                        queue[tail++] = c;
                    }
                }
            }
        }
        return tail;
    }

    /**
     * Replaces both counters of one tree from a sparse list (restoring a checkpoint).
     *
     * @throws IllegalArgumentException for indices out of range or not ascending, or masses outside [0, ψ]
     */
    void replaceTree(int tree, int refSlot, int[] nodes, int[] reference, int[] latest, int windowSize) {
        int n = internalPerTree + leavesPerTree;
        for (int i = 0; i < n; i++) {
            setMasses(tree, i, 0, 0);
        }
        int prev = -1;
        for (int j = 0; j < nodes.length; j++) {
            int node = nodes[j];
            if (node <= prev || node >= n) {
                throw new IllegalArgumentException("tree " + tree + " node indices must ascend within [0, " + n
                        + "), got " + node + " after " + prev);
            }
            if (reference[j] < 0 || reference[j] > windowSize || latest[j] < 0 || latest[j] > windowSize) {
                throw new IllegalArgumentException("tree " + tree + " node " + node + " masses must be in [0, "
                        + windowSize + "], got " + reference[j] + " and " + latest[j]);
            }
            long r = reference[j];
            long l = latest[j];
            setMasses(tree, node, refSlot == 0 ? r : l, refSlot == 0 ? l : r);
            prev = node;
        }
    }

    /**
     * Checks that a tree holds exactly the profile sizes at its root and that every internal node's counters are
     * the sums of its children's: what any sequence of observations produces.
     *
     * @throws IllegalArgumentException naming the first node that breaks it
     */
    void checkMasses(int tree, int refSlot, int referenceSize, int latestSize) {
        if (mass(tree, 0, refSlot) != referenceSize || mass(tree, 0, refSlot ^ 1) != latestSize) {
            throw new IllegalArgumentException("tree " + tree + " root masses must equal the profile sizes "
                    + referenceSize + " and " + latestSize + ", got " + mass(tree, 0, refSlot) + " and "
                    + mass(tree, 0, refSlot ^ 1));
        }
        for (int i = 0; i < internalPerTree; i++) {
            for (int slot = 0; slot < 2; slot++) {
                int parent = mass(tree, i, slot);
                int children = mass(tree, 2 * i + 1, slot) + mass(tree, 2 * i + 2, slot);
                if (parent != children) {
                    throw new IllegalArgumentException("tree " + tree + " node " + i + " mass " + parent
                            + " must equal the sum of its children's, got " + children);
                }
            }
        }
    }

    int splitDimension(int tree, int node) {
        return (int) (inner[((tree * internalPerTree + node) << 1) + 1] >>> DIM_SHIFT);
    }

    double splitValue(int tree, int node) {
        return Double.longBitsToDouble(inner[(tree * internalPerTree + node) << 1]);
    }

    /** @return bytes of the arrays, headers included, for this shape */
    static long sizeInBytes(int trees, int depth) {
        long internal = (1L << depth) - 1;
        long leaves = 1L << depth;
        long header = 16;
        return header + 16L * trees * internal
                + header + 8L * trees * leaves
                + header + align(4L * (depth + 2))
                + header + align(4L * trees)
                + header + align(4L * trees)
                + header + 8L * trees
                + 40; // the object's own fields
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
