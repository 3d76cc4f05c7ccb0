package io.ppcanomaly.bench.nab;

/**
 * One file's share of a NAB result at the chosen threshold.
 *
 * @param file            the file name
 * @param score           the file's raw NAB score
 * @param tp              detected rows inside windows
 * @param tn              undetected rows outside windows
 * @param fp              detected rows outside windows
 * @param fn              undetected rows inside windows
 * @param windows         scorable label windows in the file
 * @param windowsDetected windows with at least one detection
 */
public record FileScore(String file, double score, int tp, int tn, int fp, int fn, int windows,
                        int windowsDetected) {
}
