package io.ppcanomaly.bench.nab;

/**
 * The raw NAB score of a set of files at one detection threshold, with the row counts NAB reports.
 *
 * <p>Counts are of scorable rows (probationary rows are excluded): a row is a true positive when it is detected
 * inside a window, a false negative when it is inside a window and not detected, and so on. The score itself
 * counts windows, not rows: only the earliest detection in a window scores.
 *
 * @param threshold the detection threshold: rows with an anomaly score {@code >=} it are detections
 * @param score     the raw (unnormalised) NAB score
 * @param tp        detected rows inside windows
 * @param tn        undetected rows outside windows
 * @param fp        detected rows outside windows
 * @param fn        undetected rows inside windows
 */
public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {

    /** @return the number of scorable rows */
    public int total() {
        return tp + tn + fp + fn;
    }
}
