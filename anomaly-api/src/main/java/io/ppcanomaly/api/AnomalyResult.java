package io.ppcanomaly.api;

import io.ppcanomaly.api.features.FeatureWindow;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * A detector's verdict on one window. Immutable.
 *
 * @param entityId     the entity scored, or {@code null} for tabular data
 * @param period       the period judged (the window's last row), or {@code null}
 * @param detector     provider name of the detector that produced it
 * @param rawScore     the detector's native score (path length, mass, reconstruction error...), finite
 * @param score        normalised score in [0, 1], higher = more anomalous
 * @param threshold    the score at or above which the window is flagged, in [0, 1]
 * @param anomalous    whether {@code score >= threshold}
 * @param memberScores for an ensemble, each voting member's calibrated score in [0, 1]; empty otherwise
 */
public record AnomalyResult(String entityId, LocalDateTime period, String detector, double rawScore, double score,
                            double threshold, boolean anomalous, Map<String, Double> memberScores) {

    /** Validates ranges; no NaN may leave a detector. */
    public AnomalyResult {
        Objects.requireNonNull(detector, "detector");
        if (!Double.isFinite(rawScore)) {
            throw new IllegalArgumentException("rawScore must be finite, got " + rawScore);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (anomalous != (score >= threshold)) {
            throw new IllegalArgumentException("anomalous must equal score >= threshold, got " + anomalous
                    + " for score " + score + " and threshold " + threshold);
        }
        memberScores = memberScores == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(memberScores));
    }

    /** Creates a result for a window, deriving the flag from score and threshold. */
    public static AnomalyResult of(FeatureWindow window, String detector, double rawScore, double score,
                                   double threshold) {
        return new AnomalyResult(window.entityId(), window.period(), detector, rawScore, score, threshold,
                score >= threshold, Map.of());
    }

    /** @return a copy with the ensemble members' calibrated scores attached */
    public AnomalyResult withMemberScores(Map<String, Double> members) {
        return new AnomalyResult(entityId, period, detector, rawScore, score, threshold, anomalous, members);
    }
}
