package io.ppcanomaly.api;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-feature contributions to one score. Immutable.
 *
 * <p>For Shapley explainers the contributions add up to {@code score − baselineScore} (efficiency).
 *
 * @param entityId       the entity explained, or {@code null}
 * @param period         the period explained, or {@code null}
 * @param method         the explainer's provider name
 * @param score          the detector's [0, 1] score of the window
 * @param baselineScore  the detector's [0, 1] score of the baseline window
 * @param contributions  feature name → contribution, in schema order, finite
 * @param standardErrors feature name → standard error of the contribution (0 when exact), finite
 */
public record Explanation(String entityId, LocalDateTime period, String method, double score, double baselineScore,
                          Map<String, Double> contributions, Map<String, Double> standardErrors) {

    /** Validates and freezes the maps (their iteration order is kept). */
    public Explanation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(contributions, "contributions");
        Objects.requireNonNull(standardErrors, "standardErrors");
        for (Map.Entry<String, Double> e : contributions.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("contribution of '" + e.getKey() + "' must be finite, got "
                        + e.getValue());
            }
        }
        contributions = Collections.unmodifiableMap(new LinkedHashMap<>(contributions));
        standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
    }

    /** @return feature names ordered by absolute contribution, largest first */
    public List<String> ranked() {
        List<String> names = new ArrayList<>(contributions.keySet());
        names.sort((a, b) -> Double.compare(Math.abs(contributions.get(b)), Math.abs(contributions.get(a))));
        return names;
    }

    /** @return the sum of the contributions */
    public double total() {
        double s = 0;
        for (double v : contributions.values()) {
            s += v;
        }
        return s;
    }
}
