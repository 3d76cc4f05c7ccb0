package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An account as loaded by a {@link MetricSource}: its validated hierarchy and the metrics of its leaves.
 * Immutable.
 *
 * @param graph       the hierarchy (profile → portfolio → campaign → ad group → keyword / product target)
 * @param granularity the period length of every series
 * @param leafMetrics leaf entity id → its metrics; every key is a leaf of {@code graph} and every series has
 *                    {@code granularity}. Leaves without an entry had no rows (no activity)
 * @param summary     what was read and what was refused
 */
public record AccountData(EntityGraph graph, Granularity granularity, Map<String, MetricSeries> leafMetrics,
                          LoadSummary summary) {

    /** Validates that the metrics belong to leaves of the graph and share the granularity. */
    public AccountData {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(leafMetrics, "leafMetrics");
        Objects.requireNonNull(summary, "summary");
        for (Map.Entry<String, MetricSeries> e : leafMetrics.entrySet()) {
            String id = e.getKey();
            MetricSeries s = Objects.requireNonNull(e.getValue(), "metrics of " + id);
            if (!graph.contains(id)) {
                throw new IllegalArgumentException("metrics entity must be in the graph, got '" + id + "'");
            }
            Entity entity = graph.get(id);
            if (!graph.children(id).isEmpty()) {
                throw new IllegalArgumentException("metrics must be given for leaves only (parents are the sums of "
                        + "their leaves), got " + entity.type().wireName() + " '" + id + "'");
            }
            if (!s.entityId().equals(id)) {
                throw new IllegalArgumentException("series under key '" + id + "' must belong to it, got series of '"
                        + s.entityId() + "'");
            }
            if (s.granularity() != granularity) {
                throw new IllegalArgumentException("granularity of series '" + id + "' must be " + granularity
                        + ", got " + s.granularity());
            }
        }
        leafMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(leafMetrics));
    }
}
