package io.ppcanomaly.streaming;

import java.util.Arrays;

/**
 * ROC-AUC of scores against 0/1 labels by the rank-sum (Mann–Whitney) formula, tied scores sharing their average
 * rank, so a constant scorer gets exactly 0.5.
 *
 * <p>Test-only here; every detector module needs the same metric, so it belongs in a shared place (anomaly-api's
 * test-jar next to the contract kit, or an evaluation package) once a second module uses it.
 */
final class RocAuc {

    private RocAuc() {
    }

    /**
     * @param scores higher = more anomalous, finite
     * @param labels 1 for an anomaly, 0 otherwise; both classes present
     * @return the probability that a random anomaly outscores a random normal point, ties counting half
     */
    static double of(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("labels must have " + scores.length + " entries, got " + labels.length);
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1.0; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositives += avgRank;
                    positives++;
                } else if (labels[order[k]] != 0) {
                    throw new IllegalArgumentException("labels must be 0 or 1, got " + labels[order[k]]);
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("labels must hold both classes, got " + positives + " positives of "
                    + n);
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
