package io.ppcanomaly.api;

import io.ppcanomaly.api.model.Entity;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ranked root cause: where a problem starts and which anomalies it explains. Immutable.
 *
 * @param entity        the root entity; its type is the level
 * @param kind          what kind of problem
 * @param confidence    in [0, 1]
 * @param start         the period the cause's anomaly starts
 * @param summary       one line for a person, e.g. "campaign 'Shoes' lost 71% of impressions from 2026-03-14"
 * @param explained     the anomalies this cause accounts for (so a caller can fold them into one alert)
 * @param leadPeriods   how many periods the cause leads the earliest effect it explains (0 = simultaneous)
 * @param siblingRatio  share of the anomalous entity's siblings anomalous in the same direction, in [0, 1]
 *                      (NaN is not allowed; 0 when not applicable)
 * @param contributions evidence: child entity id or metric → share of the change it explains, finite
 */
public record RootCause(Entity entity, RootCauseKind kind, double confidence, LocalDateTime start, String summary,
                        List<EntityAnomaly> explained, double leadPeriods, double siblingRatio,
                        Map<String, Double> contributions) {

    /** Validates and freezes. */
    public RootCause {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        if (!Double.isFinite(leadPeriods) || leadPeriods < 0) {
            throw new IllegalArgumentException("leadPeriods must be finite and >= 0, got " + leadPeriods);
        }
        if (!(siblingRatio >= 0 && siblingRatio <= 1)) {
            throw new IllegalArgumentException("siblingRatio must be in [0, 1], got " + siblingRatio);
        }
        explained = explained == null ? List.of() : List.copyOf(explained);
        contributions = contributions == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(contributions));
    }
}
