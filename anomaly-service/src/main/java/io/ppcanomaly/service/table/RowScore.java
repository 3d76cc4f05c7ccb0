package io.ppcanomaly.service.table;

/**
 * One row's verdict. Immutable.
 *
 * @param scored    whether the row was scored; warm-up rows (streaming) and rows before the first full window
 *                  are not, and carry no score rather than a made-up one
 * @param score     score in [0, 1] when scored, 0 otherwise
 * @param anomalous whether scored and at or above the detector's threshold
 */
public record RowScore(boolean scored, double score, boolean anomalous) {

    /** A row that was not scored. */
    public static final RowScore UNSCORED = new RowScore(false, 0.0, false);

    /** Validates. */
    public RowScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (!scored && (anomalous || score != 0)) {
            throw new IllegalArgumentException("an unscored row must have score 0 and no flag, got " + score + ", "
                    + anomalous);
        }
    }
}
