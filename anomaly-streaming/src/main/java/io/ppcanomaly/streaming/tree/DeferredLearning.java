package io.ppcanomaly.streaming.tree;

import static io.ppcanomaly.streaming.tree.NodeArrays.DIM_SHIFT;
import static io.ppcanomaly.streaming.tree.NodeArrays.MASS_BITS;
import static io.ppcanomaly.streaming.tree.NodeArrays.MASS_MASK;

/**
 * Deferred learning of the latest mass profile of a {@link HalfSpaceForest} (see its class documentation): the
 * latest window's rows and per-tree stop nodes, the walks that count an observation only as deep as scoring reads,
 * and the passes that finish or complete the counts.
 *
 * <p>Scoring reads a node's mass only while every node above it holds at least {@code sizeLimit}. So an
 * observation is counted along the path its score walk visits anyway ({@link #scoreAndLearn}); when the window
 * closes ({@link #closeWindow}), its rows are carried further down, level by level, only where the node reached
 * holds at least {@code sizeLimit}; and when the full counts are wanted — an accessor, a checkpoint —
 * {@link #completeReference} and {@link #flushLatest} add the rest of every path. Scores are bit-identical to eager
 * learning throughout.
 *
 * <p>Owned by one forest and used by its learning thread only. Allocates only when built.
 */
final class DeferredLearning {

    /** Largest ψ × (dimensions + trees) for which learning is deferred: what the rows and stop nodes cost. */
    static final int MAX_VALUES = 1 << 21;

    private final NodeArrays nodes;
    private final int trees;
    private final int depth;
    private final int internalPerTree;
    private final int leavesPerTree;
    private final int windowSize;
    private final int dims;
    private final long limit;
    /** The latest window's observations, row after row. */
    private double[] latestRows;
    /** The reference window's observations, for {@link #completeReference}. */
    private double[] referenceRows;
    /** Per tree and latest row, the deepest node l counts it at ({@code [tree · ψ + row]}). */
    private int[] latestStops;
    /** The same for the reference window's rows and r. */
    private int[] referenceStops;
    /** Scratch of {@link #addPending}: rows by depth, and the rows carried down with their nodes. */
    private final int[] scratch;
    /** Scratch of {@link #addPending}: a counting sort by depth. */
    private final int[] depthStart;
    /** Scratch of {@link #scoreAndAddPrefix}: each tree's current node. */
    private final int[] pathIndex;
    /** Scratch of {@link #scoreAndAddPrefix}: the trees whose score walk is still descending. */
    private final int[] openTrees;
    /** Rows of the latest window already counted in full; the rest wait in {@link #latestRows}. */
    private int latestFlushed;
    /** Reference rows {@code [from, to)} counted only as deep as scores read. */
    private int referencePendingFrom;
    private int referencePendingTo;

    DeferredLearning(NodeArrays nodes, int windowSize, int dims, int sizeLimit) {
        this.nodes = nodes;
        this.trees = nodes.trees;
        this.depth = nodes.depth;
        this.internalPerTree = nodes.internalPerTree;
        this.leavesPerTree = nodes.leavesPerTree;
        this.windowSize = windowSize;
        this.dims = dims;
        this.limit = sizeLimit;
        this.latestRows = new double[windowSize * dims];
        this.referenceRows = new double[windowSize * dims];
        this.latestStops = new int[trees * windowSize];
        this.referenceStops = new int[trees * windowSize];
        this.scratch = new int[3 * windowSize];
        this.depthStart = new int[depth + 2];
        this.pathIndex = new int[trees];
        this.openTrees = new int[trees];
    }

    /** @return whether a forest of this shape defers learning (its rows and stop nodes stay under {@link #MAX_VALUES}) */
    static boolean applies(int trees, int windowSize, int dims) {
        return (long) windowSize * (dims + trees) <= MAX_VALUES;
    }

    /** @return the bytes an instance holds for this shape: rows, stop nodes, scratch, header and fields */
    static long sizeInBytes(int trees, int depth, int windowSize, int dims) {
        long header = 16;
        return 2 * (header + 8L * windowSize * dims)
                + 2 * (header + NodeArrays.align(4L * trees * windowSize))
                + header + NodeArrays.align(12L * windowSize)
                + header + NodeArrays.align(4L * (depth + 2))
                + 2 * (header + NodeArrays.align(4L * trees))
                + 72; // the object's own fields
    }

    /**
     * Scores one observation against counter {@code refSlot}, counts it in the other counter along the score
     * walk, and keeps its row as the latest window's {@code row}-th.
     *
     * @return the raw score
     */
    double scoreAndLearn(double[] x, int offset, int refSlot, int row) {
        System.arraycopy(x, offset, latestRows, row * dims, dims);
        return scoreAndAddPrefix(x, offset, refSlot, limit, latestStops, windowSize, row);
    }

    /**
     * The latest window of {@code size} rows, in counter {@code latestSlot}, is about to become the reference:
     * carries its rows as deep as scores will read, then keeps them as the reference's rows.
     */
    void closeWindow(int latestSlot, int size) {
        addPending(latestSlot, latestRows, latestFlushed, size, dims, limit, latestStops, windowSize, scratch);
        double[] rows = referenceRows;
        referenceRows = latestRows;
        latestRows = rows;
        int[] stops = referenceStops;
        referenceStops = latestStops;
        latestStops = stops;
        referencePendingFrom = latestFlushed;
        referencePendingTo = size;
        latestFlushed = 0;
    }

    /**
     * Adds to the reference, counter {@code refSlot}, what was left out below the nodes where scoring stops, so it
     * holds the paper's counts everywhere. Changes no count that scoring reads.
     */
    void completeReference(int refSlot) {
        if (referencePendingFrom < referencePendingTo) {
            complete(refSlot, referenceRows, referencePendingFrom, referencePendingTo, dims, referenceStops,
                    windowSize);
            referencePendingFrom = referencePendingTo;
        }
    }

    /** Counts the latest window's first {@code size} rows in full in counter {@code latestSlot}. */
    void flushLatest(int latestSlot, int size) {
        if (latestFlushed < size) {
            complete(latestSlot, latestRows, latestFlushed, size, dims, latestStops, windowSize);
            latestFlushed = size;
        }
    }

    /** Both profiles were just restored with full counts, the latest holding {@code latestSize} observations. */
    void restored(int latestSize) {
        latestFlushed = latestSize;
        referencePendingFrom = 0;
        referencePendingTo = 0;
    }

    /**
     * Scores against counter {@code refSlot} as {@link NodeArrays#score} does and adds the observation to the other counter
     * along the part of each tree's path that the score walk visits: from the root down to the node where the
     * walk stops (included). Records that node's heap index, per tree, in {@code stops[t · stride + row]}.
     * {@link #addPending} and {@link #complete} add the rest of the path later, as far as it is needed.
     */
    private long scoreAndAddPrefix(double[] x, int offset, int refSlot, long limit, int[] stops, int stride, int row) {
        final long[] in = nodes.inner;
        final long[] lv = nodes.leaves;
        final int[] idx = pathIndex;
        final int[] ids = openTrees;
        final int refShift = refSlot * MASS_BITS;
        final long inc = 1L << ((refSlot ^ 1) * MASS_BITS);
        for (int t = 0; t < trees; t++) {
            ids[t] = t;
            idx[t] = 0;
        }
        long s = 0;
        int open = trees;
        // all trees one level at a time (their cache misses overlap), dropping each tree when its score stops
        for (int k = 0; k < depth && open > 0; k++) {
            int kept = 0;
            for (int j = 0; j < open; j++) {
                int t = ids[j];
                int i = idx[t];
                int g = (t * internalPerTree + i) << 1;
                long meta = in[g + 1];
                in[g + 1] = meta + inc;
                long r = (meta >>> refShift) & MASS_MASK;
                if (r < limit) {
                    s += r << k;
                    stops[t * stride + row] = i;
                    continue;
                }
                idx[t] = (i << 1) + (x[offset + (int) (meta >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g]) ? 1 : 2);
                ids[kept++] = t;
            }
            open = kept;
        }
        for (int j = 0; j < open; j++) { // walks that reached their leaves: count there, stop there
            int t = ids[j];
            int leaf = t * leavesPerTree + idx[t] - internalPerTree;
            long lm = lv[leaf];
            lv[leaf] = lm + inc;
            s += ((lm >>> refShift) & MASS_MASK) << depth;
            stops[t * stride + row] = idx[t];
        }
        return s;
    }

    /** @return the depth of heap index {@code node} (the root is at depth 0) */
    static int depthOf(int node) {
        return 31 - Integer.numberOfLeadingZeros(node + 1);
    }

    /**
     * Finishes, for a window that is about to become the reference, what {@link #scoreAndAddPrefix} left out of
     * counter {@code slot} for rows {@code [from, to)}: each row is carried below its recorded node, one level at
     * a time for all rows of a tree together, for as long as the node it has reached holds at least
     * {@code limit} — the nodes a score walk can pass. Counts below a node under the limit are never read, so
     * rows stop there. A level is finished before the next is looked at, so every decision sees the node's final
     * count. Updates {@code stops} to the deepest node each row was counted at (what {@link #complete} needs).
     *
     * @param scratch at least {@code 3 · (to − from)} ints
     */
    private void addPending(int slot, double[] rows, int from, int to, int dims, long limit, int[] stops, int stride,
                    int[] scratch) {
        final int n = to - from;
        if (n <= 0) {
            return;
        }
        final int shift = slot * MASS_BITS;
        final long inc = 1L << shift;
        final long[] lv = nodes.leaves;
        final int[] start = depthStart;
        for (int t = 0; t < trees; t++) {
            final int base = t * internalPerTree;
            final int stopBase = t * stride;
            // counting sort of the rows by the depth of their recorded node, into scratch[0, n)
            java.util.Arrays.fill(start, 0);
            for (int r = from; r < to; r++) {
                start[depthOf(stops[stopBase + r]) + 1]++;
            }
            for (int d = 1; d < start.length; d++) {
                start[d] += start[d - 1];
            }
            for (int r = from; r < to; r++) {
                scratch[start[depthOf(stops[stopBase + r])]++] = r;
            }
            // start[d] is now the end of depth d's rows. Rows carried down to the current depth live in
            // scratch[n, 2n) (row) and scratch[2n, 3n) (node); a level is compacted in place.
            int p = 0;
            int active = 0;
            for (int d = 0; d < depth; d++) {
                while (p < start[d]) { // the rows whose prefix ended at depth d join those carried down to it
                    int r = scratch[p++];
                    scratch[n + active] = r;
                    scratch[2 * n + active] = stops[stopBase + r];
                    active++;
                }
                int kept = 0;
                for (int j = 0; j < active; j++) {
                    int r = scratch[n + j];
                    int node = scratch[2 * n + j];
                    int g = (base + node) << 1;
                    long meta = nodes.inner[g + 1];
                    if (((meta >>> shift) & MASS_MASK) < limit) {
                        continue; // scores stop here: nothing below is read
                    }
                    int child = (node << 1)
                            + (rows[r * dims + (int) (meta >>> DIM_SHIFT)] < Double.longBitsToDouble(nodes.inner[g]) ? 1 : 2);
                    if (d + 1 == depth) {
                        lv[t * leavesPerTree + child - internalPerTree] += inc;
                    } else {
                        nodes.inner[((base + child) << 1) + 1] += inc;
                    }
                    stops[stopBase + r] = child;
                    scratch[n + kept] = r;
                    scratch[2 * n + kept] = child;
                    kept++;
                }
                active = kept;
            }
        }
    }

    /**
     * Adds rows {@code [from, to)} of {@code rows} to counter {@code slot} below the node recorded for each in
     * {@code stops} (the deepest node it was counted at), so that the counter holds exactly what {@link NodeArrays#add} of
     * each row would have given.
     */
    private void complete(int slot, double[] rows, int from, int to, int dims, int[] stops, int stride) {
        final long[] in = nodes.inner;
        final long[] lv = nodes.leaves;
        final long inc = 1L << (slot * MASS_BITS);
        for (int t = 0; t < trees; t++) {
            final int base = t * internalPerTree;
            for (int r = from; r < to; r++) {
                int counted = depthOf(stops[t * stride + r]);
                if (counted >= depth) {
                    continue; // counted down to its leaf
                }
                int offset = r * dims;
                int i = 0;
                for (int k = 0; k < depth; k++) {
                    int g = (base + i) << 1;
                    long meta = in[g + 1];
                    if (k > counted) {
                        in[g + 1] = meta + inc;
                    }
                    i = (i << 1) + (rows[offset + (int) (meta >>> DIM_SHIFT)] < Double.longBitsToDouble(in[g]) ? 1 : 2);
                }
                lv[t * leavesPerTree + i - internalPerTree] += inc;
                stops[t * stride + r] = i;
            }
        }
    }

}
