package io.ppcanomaly.bench.nab;

import java.util.List;
import java.util.Objects;

/**
 * A detector's NAB result on a set of files under one profile, at the threshold optimised for it.
 *
 * @param detector        the detector's name
 * @param profile         the cost profile
 * @param threshold       the optimised detection threshold (1.1 means "detect nothing" was best)
 * @param rawScore        the raw NAB score S at that threshold, summed over the files
 * @param nullScore       S_null: the null detector's raw score (a constant anomaly score, optimised the same way)
 * @param perfectScore    S_perfect: every window detected at its first row, no false positive
 *                        ({@code windows · A_TP})
 * @param normalizedScore {@code 100 · (S − S_null) / (S_perfect − S_null)}: 100 is perfect, 0 the null detector
 * @param files           per-file breakdown at the threshold
 */
public record NabResult(String detector, CostProfile profile, double threshold, double rawScore, double nullScore,
                        double perfectScore, double normalizedScore, List<FileScore> files) {

    /** Copies the file list. */
    public NabResult {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(profile, "profile");
        files = List.copyOf(files);
    }

    /** @return windows detected over all files */
    public int windowsDetected() {
        return files.stream().mapToInt(FileScore::windowsDetected).sum();
    }

    /** @return scorable windows over all files */
    public int windows() {
        return files.stream().mapToInt(FileScore::windows).sum();
    }

    /** @return false-positive rows over all files */
    public int falsePositives() {
        return files.stream().mapToInt(FileScore::fp).sum();
    }
}
