package io.ppcanomaly.service;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.SeverityPolicy;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One anomalous entity in one period, explained and traced to its root causes. Immutable.
 *
 * @param entityType         the entity's level ({@code keyword}, {@code product_target}, {@code campaign}...)
 * @param entityId           the id column's value, or the path {@code portfolio/campaign/ad_group/keyword}
 * @param entityName         display name
 * @param period             the period the alert is about
 * @param anomalyStart       the first period of the run of anomalous periods ending at {@code period}
 * @param anomalyScore       score in [0, 1]
 * @param threshold          the detector's threshold in [0, 1]
 * @param severity           from score and money at stake ({@link SeverityPolicy})
 * @param detectorType       the detector's provider name
 * @param memberScores       for an ensemble, each member's calibrated score; empty otherwise
 * @param explanation        feature → contribution to the score (Shapley values against the entity's own
 *                           baseline); empty when not explained
 * @param kpiChanges         feature → relative change of the period's value against the entity's baseline,
 *                           {@code exp(feature) − 1} ({@code 0.41} = +41%, {@code -0.62} = −62%)
 * @param moneyAtStake       the larger of the entity's baseline spend and sales per period, in the account's
 *                           currency ({@link SeverityPolicy#moneyAtStake})
 * @param rootCauses         the root causes that explain this alert, most likely first; empty when none
 * @param detectionTimestamp when the run produced the alert
 * @param window             the feature window the detector judged (its schema names the features; the last row
 *                           is {@code period}), or {@code null} when the alert was built without it; kept so a
 *                           person's feedback on the alert can become a training example. Not in the report JSON.
 * @param metrics            the entity's raw metrics in {@code period} (impressions, clicks, spend, sales,
 *                           orders), or {@code null} when the alert was built without them. Not in the report JSON.
 */
public record Alert(EntityType entityType, String entityId, String entityName, LocalDateTime period,
                    LocalDateTime anomalyStart, double anomalyScore, double threshold, Severity severity,
                    String detectorType, Map<String, Double> memberScores, Map<String, Double> explanation,
                    Map<String, Double> kpiChanges, double moneyAtStake, List<AlertCause> rootCauses,
                    Instant detectionTimestamp, FeatureWindow window, Metrics metrics) {

    /** Validates and freezes (map iteration orders are kept). */
    public Alert {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(anomalyStart, "anomalyStart");
        if (anomalyStart.isAfter(period)) {
            throw new IllegalArgumentException("anomalyStart must not be after period " + period + ", got "
                    + anomalyStart);
        }
        if (!(anomalyScore >= 0 && anomalyScore <= 1)) {
            throw new IllegalArgumentException("anomalyScore must be in [0, 1], got " + anomalyScore);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detectorType, "detectorType");
        if (!(moneyAtStake >= 0) || Double.isInfinite(moneyAtStake)) {
            throw new IllegalArgumentException("moneyAtStake must be finite and >= 0, got " + moneyAtStake);
        }
        memberScores = freeze(memberScores);
        explanation = freeze(explanation);
        kpiChanges = freeze(kpiChanges);
        rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
        Objects.requireNonNull(detectionTimestamp, "detectionTimestamp");
        if (window != null && window.period() != null && !window.period().equals(period)) {
            throw new IllegalArgumentException("window must end at period " + period + ", got " + window.period());
        }
    }

    /**
     * An alert without its judged window and raw metrics (both {@code null}), for alerts built by hand or read
     * back from a report; see the canonical constructor for the parameters.
     */
    public Alert(EntityType entityType, String entityId, String entityName, LocalDateTime period,
                 LocalDateTime anomalyStart, double anomalyScore, double threshold, Severity severity,
                 String detectorType, Map<String, Double> memberScores, Map<String, Double> explanation,
                 Map<String, Double> kpiChanges, double moneyAtStake, List<AlertCause> rootCauses,
                 Instant detectionTimestamp) {
        this(entityType, entityId, entityName, period, anomalyStart, anomalyScore, threshold, severity, detectorType,
                memberScores, explanation, kpiChanges, moneyAtStake, rootCauses, detectionTimestamp, null, null);
    }

    private static Map<String, Double> freeze(Map<String, Double> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** @return whether the alert carries an explanation */
    public boolean explained() {
        return !explanation.isEmpty();
    }
}
