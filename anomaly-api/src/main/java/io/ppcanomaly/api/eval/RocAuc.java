package io.ppcanomaly.api.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Area under the ROC curve of anomaly scores against binary labels, for accuracy checks on labelled data.
 *
 * <p>Computed as the Mann–Whitney U statistic with tied scores given their average rank, so a tie between an
 * anomaly and a normal row counts one half — the same value scikit-learn's {@code roc_auc_score} gives.
 * O(n log n), sorting primitive indices without boxing.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * @param scores one finite score per row, higher = more anomalous
     * @param labels one label per row, {@code true} = anomaly; both classes must be present
     * @return ROC-AUC in [0, 1]
     * @throws IllegalArgumentException when the lengths differ, a score is not finite, or a class is missing
     */
    public static double of(double[] scores, boolean[] labels) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("labels must have " + scores.length + " entries, got "
                    + labels.length);
        }
        int n = scores.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " must be finite, got " + scores[i]);
            }
        }
        int[] order = sortedIndices(scores);
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1.0;
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
                    + " anomalies of " + n);
        }
        double u = rankSumPositives - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** @see #of(double[], boolean[]) */
    public static double of(double[] scores, int[] labels) {
        boolean[] b = new boolean[labels.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = labels[i] != 0;
        }
        return of(scores, b);
    }

    private static int[] sortedIndices(double[] scores) {
        int n = scores.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    tmp[k++] = scores[idx[b]] < scores[idx[a]] ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    tmp[k++] = idx[a++];
                }
                while (b < hi) {
                    tmp[k++] = idx[b++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
        return idx;
    }
}
