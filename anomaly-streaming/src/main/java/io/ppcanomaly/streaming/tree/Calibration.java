package io.ppcanomaly.streaming.tree;

/**
 * The scale {@code m} that maps raw mass scores to [0, 1] ({@code m / (m + raw)}): the median raw score of recent,
 * ordinary traffic, so that a typical observation scores about 0.5.
 *
 * <ul>
 *   <li>Once the reference is complete, every observation learnt is also scored against the reference in force
 *       (the learning walk yields that score for free). When the latest window closes and becomes the reference,
 *       {@code m} becomes the median of its observations' scores.</li>
 *   <li>The first reference window had no reference to be scored against: while it fills, {@code m} is the median
 *       of its observations' scores against itself (in-sample), recomputed as it grows.</li>
 *   <li>For ψ above {@value #MAX_SAMPLE}, every {@code ⌈ψ / MAX_SAMPLE⌉}-th observation is sampled, so the memory
 *       stays bounded.</li>
 *   <li>{@code m} is at least 1 (the smallest non-zero raw score), so that a window whose majority fell into empty
 *       space cannot make the scale zero.</li>
 * </ul>
 * The median is the lower one, taken by an in-place heap sort of a scratch copy: deterministic, allocation-free.
 *
 * <p>Why not a closed form over the reference profile, which would need no recorded scores: the mean score of the
 * reference's own observations is dominated by a few dense cells (duplicated records), and the per-tree geometric
 * mean underestimates the sum over trees; with either, typical observations scored 0.99 or 0.2 on ADBench data.
 */
final class Calibration {

    /** Largest number of scores or warm-up observations kept per window. */
    static final int MAX_SAMPLE = 4096;

    final int stride;
    final int capacity;
    final int dimensions;
    /** Raw scores of the sampled observations of the latest window, in arrival order. */
    final double[] windowScores;
    /** Sampled observations of the first reference window while it fills; {@code null} once it is complete. */
    double[] warmUp;
    private final double[] scratch;
    private double scale;

    Calibration(int windowSize, int dimensions) {
        this.stride = (windowSize + MAX_SAMPLE - 1) / MAX_SAMPLE;
        this.capacity = (windowSize + stride - 1) / stride;
        this.dimensions = dimensions;
        this.windowScores = new double[capacity];
        this.scratch = new double[capacity];
        this.warmUp = new double[capacity * dimensions];
    }

    /** @return whether the observation at this position of its window is sampled */
    boolean sampled(int positionInWindow) {
        return positionInWindow % stride == 0;
    }

    /** @return how many of the first {@code n} observations of a window are sampled */
    int sampledCount(int n) {
        return (n + stride - 1) / stride;
    }

    double scale() {
        return scale;
    }

    void setScale(double scale) {
        this.scale = scale;
    }

    /** Records the raw score of the latest window's observation at {@code position} (if sampled). */
    void recordScore(int position, double raw) {
        if (sampled(position)) {
            windowScores[position / stride] = raw;
        }
    }

    /** Records a warm-up observation at {@code position} of the first reference window (if sampled). */
    void recordWarmUp(int position, double[] x, int offset) {
        if (sampled(position)) {
            System.arraycopy(x, offset, warmUp, (position / stride) * dimensions, dimensions);
        }
    }

    /** The latest window of {@code n} observations closed: m ← median of their scores. */
    void closeWindow(int n) {
        int k = sampledCount(n);
        System.arraycopy(windowScores, 0, scratch, 0, k);
        scale = Math.max(1.0, lowerMedian(scratch, k));
    }

    /** m ← median of the first {@code n} warm-up observations' scores against the (partial) reference. */
    void inSample(NodeArrays nodes, int refSlot, long limit, int n) {
        int k = sampledCount(n);
        for (int i = 0; i < k; i++) {
            scratch[i] = nodes.score(warmUp, i * dimensions, refSlot, limit);
        }
        scale = Math.max(1.0, lowerMedian(scratch, k));
    }

    /**
     * Restores the state a checkpoint kept: the scale, the scores of the latest window's first {@code latestSize}
     * observations and, while the first window fills, its first {@code warmUpSize} observations, whose in-sample
     * median must then equal the scale.
     *
     * @throws IllegalArgumentException for lengths that do not match the sizes, or values out of range
     */
    void restore(double scale, double[] latestScores, int latestSize, double[] warm, int warmUpSize,
                 NodeArrays nodes, int refSlot, long limit) {
        if (!(scale >= 1.0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and >= 1, got " + scale);
        }
        int scores = sampledCount(latestSize);
        if (latestScores.length != scores) {
            throw new IllegalArgumentException("latest window scores must have " + scores + " values, got "
                    + latestScores.length);
        }
        for (int i = 0; i < scores; i++) {
            if (!(latestScores[i] >= 0.0) || !Double.isFinite(latestScores[i])) {
                throw new IllegalArgumentException("latest window score " + i + " must be finite and >= 0, got "
                        + latestScores[i]);
            }
        }
        int values = sampledCount(warmUpSize) * dimensions;
        if (warm.length != values) {
            throw new IllegalArgumentException("warm-up observations must have " + values + " values, got "
                    + warm.length);
        }
        System.arraycopy(latestScores, 0, windowScores, 0, scores);
        if (values > 0) {
            System.arraycopy(warm, 0, warmUp, 0, values);
            inSample(nodes, refSlot, limit, warmUpSize);
            if (this.scale != scale) {
                throw new IllegalArgumentException("scale must be the warm-up's median score " + this.scale
                        + ", got " + scale);
            }
        }
        this.scale = scale;
    }

    /** @return the element of rank ⌊(n − 1) / 2⌋ of {@code a[0, n)}, which is sorted in place */
    static double lowerMedian(double[] a, int n) {
        if (n == 0) {
            return 0.0;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(a, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            double t = a[0];
            a[0] = a[end];
            a[end] = t;
            siftDown(a, 0, end);
        }
        return a[(n - 1) / 2];
    }

    private static void siftDown(double[] a, int i, int n) {
        double v = a[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && a[c + 1] > a[c]) {
                c++;
            }
            if (a[c] <= v) {
                break;
            }
            a[i] = a[c];
            i = c;
        }
        a[i] = v;
    }

    /** @return bytes held in steady state (scores and scratch; the warm-up buffer is released after warm-up) */
    static long sizeInBytes(int windowSize) {
        int stride = (windowSize + MAX_SAMPLE - 1) / MAX_SAMPLE;
        long capacity = (windowSize + stride - 1) / stride;
        return 2 * (16 + 8 * capacity) + 48;
    }
}
