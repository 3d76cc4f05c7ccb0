package io.ppcanomaly.streaming.tree;

/**
 * The limits of a {@link HalfSpaceForest}'s shape and what a shape costs, checked and computed without building a
 * forest (configurations validate with these before any memory is taken). Stateless.
 */
public final class ForestShape {

    /** Largest supported depth. */
    public static final int MAX_DEPTH = 20;
    /** Largest number of dimensions: split dimensions take 16 bits. */
    public static final int MAX_DIMENSIONS = 0xFFFF;
    /** Largest window ψ: mass counters take 24 bits. */
    public static final int MAX_WINDOW_SIZE = 0xFF_FFFF;

    private ForestShape() {
    }

    /**
     * Checks that {@code trees} trees of depth {@code depth} fit the flat arrays.
     *
     * @throws IllegalArgumentException naming the offending value
     */
    public static void checkShape(int trees, int depth) {
        if (trees <= 0) {
            throw new IllegalArgumentException("numberOfTrees must be > 0, got " + trees);
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be in [1, " + MAX_DEPTH + "], got " + depth);
        }
        long slots = 2L * trees * (1L << depth);
        if (slots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("numberOfTrees × 2^(maxDepth+1) must be < 2^31, got " + slots
                    + " for " + trees + " trees of depth " + depth);
        }
    }

    /**
     * Checks ψ and the size-limit fraction.
     *
     * @throws IllegalArgumentException naming the offending value
     */
    public static void checkWindow(int windowSize, double sizeLimitFraction) {
        if (windowSize <= 0 || windowSize > MAX_WINDOW_SIZE) {
            throw new IllegalArgumentException("windowSize must be in [1, " + MAX_WINDOW_SIZE + "], got "
                    + windowSize);
        }
        if (!(sizeLimitFraction > 0.0 && sizeLimitFraction <= 1.0)) {
            throw new IllegalArgumentException("sizeLimitFraction must be in (0, 1], got " + sizeLimitFraction);
        }
    }

    /**
     * @return what {@link HalfSpaceForest#sizeInBytes()} is for this shape, without building it: fixed, whatever the number of
     *         observations or entities learnt
     */
    public static long sizeInBytes(int trees, int depth, int dimensions, int windowSize) {
        checkShape(trees, depth);
        checkWindow(windowSize, 1.0);
        long rows = DeferredLearning.applies(trees, windowSize, dimensions)
                ? DeferredLearning.sizeInBytes(trees, depth, windowSize, dimensions)
                : 0;
        return NodeArrays.sizeInBytes(trees, depth) + Calibration.sizeInBytes(windowSize)
                + 2 * (16 + 8L * dimensions) + rows + 80;
    }
}
