package io.ppcanomaly.api;

import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.MetricSeries;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RootCauseAnalyzer} works on. Immutable.
 *
 * @param graph     the validated hierarchy
 * @param anomalies the anomalous entities (any level), possibly empty
 * @param metrics   entity id → metrics, for decomposition; may be empty or cover only some entities
 *                  (parents' metrics are the sums of their children's when absent). Wrapped, not copied: a
 *                  million-keyword map would otherwise be copied on every call, which costs more than the
 *                  analysis. Build it once, and do not mutate it while an analysis runs.
 */
public record RootCauseInput(EntityGraph graph, List<EntityAnomaly> anomalies, Map<String, MetricSeries> metrics) {

    /** Validates and freezes. */
    public RootCauseInput {
        Objects.requireNonNull(graph, "graph");
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(metrics);
    }
}
