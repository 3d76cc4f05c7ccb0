package io.ppcanomaly.bench.nab;

/**
 * One file after NAB's sweep: for every row, the score the row would add if it were a detection (its "sweep
 * score"), the window it belongs to, and whether it is scorable (past the probationary period).
 *
 * <p>Made by {@link Sweeper#sweep}; immutable.
 */
public final class SweptFile {

    /** Window index of a row outside every window. */
    public static final int OUTSIDE = -1;

    private final NabFile file;
    private final double[] anomalyScores;
    private final double[] sweepScores;
    private final int[] windowOfRow;
    private final int probationLength;

    SweptFile(NabFile file, double[] anomalyScores, double[] sweepScores, int[] windowOfRow, int probationLength) {
        this.file = file;
        this.anomalyScores = anomalyScores;
        this.sweepScores = sweepScores;
        this.windowOfRow = windowOfRow;
        this.probationLength = probationLength;
    }

    /** @return the file swept */
    public NabFile file() {
        return file;
    }

    /** @return the number of rows */
    public int size() {
        return anomalyScores.length;
    }

    /** @return the detector's anomaly score of row {@code i}, in [0, 1] */
    public double anomalyScore(int i) {
        return anomalyScores[i];
    }

    /**
     * @return what row {@code i} adds to the score when detected: inside a window, the scaled-sigmoid credit of
     *         its position (the earliest detection of the window replaces the window's −fn_weight); outside, the
     *         (negative) weight of a false positive at its distance past the previous window
     */
    public double sweepScore(int i) {
        return sweepScores[i];
    }

    /** @return the index of the window holding row {@code i}, or {@link #OUTSIDE} */
    public int window(int i) {
        return windowOfRow[i];
    }

    /** @return whether row {@code i} counts (it is past the probationary period) */
    public boolean scorable(int i) {
        return i >= probationLength;
    }

    /** @return the number of leading, unscored rows */
    public int probationLength() {
        return probationLength;
    }

    /** @return whether window {@code k} has at least one scorable row (otherwise NAB ignores it) */
    public boolean windowScorable(int k) {
        return file.windowEnd(k) >= probationLength;
    }
}
