package io.ppcanomaly.forest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Area under the ROC curve from scores and binary labels, via the Mann–Whitney U statistic with ties given
 * their average rank (so tied scores count one half, as scikit-learn's {@code roc_auc_score} does).
 *
 * <p>Test code for now; it belongs in a shared evaluation helper (anomaly-api's test-jar or anomaly-benchmarks)
 * once a second module needs it.
 */
final class RocAuc {

    private RocAuc() {
    }

    /**
     * @param scores one finite score per row, higher = more anomalous
     * @param labels one label per row, true = anomaly; both classes must be present
     * @return ROC-AUC in [0, 1]
     */
    static double of(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("labels must have " + scores.length + " entries, got " + labels.length);
        }
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1.0; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("labels must contain both classes, got " + positives
                    + " positives of " + n);
        }
        double u = rankSumPositives - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }
}
