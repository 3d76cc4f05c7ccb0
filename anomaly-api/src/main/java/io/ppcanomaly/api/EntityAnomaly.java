package io.ppcanomaly.api;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An entity found anomalous over a span of periods: the input of root-cause analysis. Immutable.
 *
 * @param entityId      the anomalous entity
 * @param start         the first anomalous period
 * @param end           the last anomalous period, not before {@code start}
 * @param score         the highest [0, 1] score over the span
 * @param features      signed feature values at the most anomalous period (log-ratios to the entity's baseline:
 *                      the direction and size of each KPI's move); may be empty
 * @param contributions per-feature contributions to the score (from an {@link Explainer}); may be empty
 */
public record EntityAnomaly(String entityId, LocalDateTime start, LocalDateTime end, double score,
                            Map<String, Double> features, Map<String, Double> contributions) {

    /** Validates and freezes. */
    public EntityAnomaly {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end of anomaly on '" + entityId + "' must not be before start "
                    + start + ", got " + end);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score of anomaly on '" + entityId + "' must be in [0, 1], got "
                    + score);
        }
        requireFinite(entityId, "feature", features);
        requireFinite(entityId, "contribution", contributions);
        features = features == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(features));
        contributions = contributions == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(contributions));
    }

    private static void requireFinite(String entityId, String what, Map<String, Double> values) {
        if (values == null) {
            return;
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(what + " '" + e.getKey() + "' of anomaly on '" + entityId
                        + "' must be finite, got " + e.getValue());
            }
        }
    }

    /** @return the feature value, or 0 when absent */
    public double feature(String name) {
        Double v = features.get(name);
        return v == null ? 0.0 : v;
    }
}
