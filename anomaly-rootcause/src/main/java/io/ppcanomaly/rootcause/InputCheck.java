package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The boundary check of one analysis: every anomaly's entity is in the graph, its features and contributions are
 * finite, its periods are whole periods of
 * the metrics' granularity and lie in the range of its metrics (its own series, or its descendants' when it has
 * none). Resolves each anomaly's entity once and finds the granularity (the metrics', or midnight-only
 * anomalies mean days) and the time span the analysis reads.
 */
final class InputCheck {

    private final EntityGraph graph;
    private final Map<String, MetricSeries> metrics;
    final Granularity granularity;
    /** The entity of each anomaly, in input order. */
    final Entity[] entities;
    /** First period of data below the anomalous entities, or {@link Long#MIN_VALUE} when unknown. */
    final long dataStart;
    /** Earliest and latest anomaly start, as period numbers. */
    final long firstStart;
    final long lastStart;
    private final Map<String, long[]> ranges = new HashMap<>();

    /** @throws IllegalArgumentException naming the anomaly's entity and the offending period */
    InputCheck(RootCauseInput input) {
        this.graph = input.graph();
        this.metrics = input.metrics();
        List<EntityAnomaly> anomalies = input.anomalies();
        this.granularity = metrics.isEmpty() ? inferGranularity(anomalies)
                : metrics.values().iterator().next().granularity();
        this.entities = new Entity[anomalies.size()];
        long data = Long.MAX_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < anomalies.size(); i++) {
            EntityAnomaly a = anomalies.get(i);
            try {
                entities[i] = graph.get(a.entityId());
            } catch (IllegalArgumentException absent) {
                throw new IllegalArgumentException("entity of anomaly " + i + " must be in the graph, got '"
                        + a.entityId() + "'");
            }
            checkFinite(a, "feature", a.features());
            checkFinite(a, "contribution", a.contributions());
            checkAligned(a, "start", a.start());
            checkAligned(a, "end", a.end());
            long t = Periods.index(granularity, a.start());
            first = Math.min(first, t);
            last = Math.max(last, t);
            if (metrics.isEmpty()) {
                continue;
            }
            long[] range = range(entities[i]);
            if (range == null) {
                continue;
            }
            checkInRange(a, "start", a.start(), range);
            checkInRange(a, "end", a.end(), range);
            data = Math.min(data, range[0]);
        }
        this.dataStart = data == Long.MAX_VALUE ? Long.MIN_VALUE : data;
        this.firstStart = first;
        this.lastStart = last;
    }

    private static void checkFinite(EntityAnomaly a, String what, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(what + " '" + e.getKey() + "' of anomaly on '" + a.entityId()
                        + "' must be finite, got " + e.getValue());
            }
        }
    }

    private static Granularity inferGranularity(List<EntityAnomaly> anomalies) {
        for (EntityAnomaly a : anomalies) {
            if (!Granularity.DAY.isAligned(a.start()) || !Granularity.DAY.isAligned(a.end())) {
                return Granularity.HOUR;
            }
        }
        return Granularity.DAY;
    }

    private void checkAligned(EntityAnomaly a, String what, LocalDateTime t) {
        if (!granularity.isAligned(t)) {
            throw new IllegalArgumentException(what + " of anomaly on '" + a.entityId() + "' must be a whole "
                    + granularity.name().toLowerCase(java.util.Locale.ROOT) + " like its metrics, got " + t);
        }
    }

    private void checkInRange(EntityAnomaly a, String what, LocalDateTime t, long[] range) {
        long p = Periods.index(granularity, t);
        if (p < range[0] || p > range[1]) {
            throw new IllegalArgumentException(what + " of anomaly on '" + a.entityId() + "' must lie in its metrics ["
                    + formatIndex(range[0]) + ", " + formatIndex(range[1]) + "], got " + granularity.format(t));
        }
    }

    private String formatIndex(long p) {
        LocalDateTime t = granularity == Granularity.DAY ? java.time.LocalDate.ofEpochDay(p).atStartOfDay()
                : LocalDateTime.ofEpochSecond(p * 3600L, 0, java.time.ZoneOffset.UTC);
        return granularity.format(t);
    }

    /** @return [first, last] period of the entity's series, or of its descendants' when it has none; or null */
    private long[] range(Entity e) {
        MetricSeries s = metrics.get(e.id());
        if (s != null) {
            if (s.isEmpty()) {
                return null;
            }
            if (s.granularity() != granularity) {
                throw new IllegalArgumentException("granularity of series '" + e.id() + "' must be " + granularity
                        + ", got " + s.granularity());
            }
            long first = Periods.index(granularity, s.start());
            return new long[] {first, first + s.size() - 1};
        }
        List<Entity> kids = graph.children(e.id());
        if (kids.isEmpty()) {
            return null;
        }
        if (ranges.containsKey(e.id())) {
            return ranges.get(e.id());
        }
        long[] r = null;
        for (Entity k : kids) {
            long[] kr = range(k);
            if (kr != null) {
                r = r == null ? kr.clone() : new long[] {Math.min(r[0], kr[0]), Math.max(r[1], kr[1])};
            }
        }
        ranges.put(e.id(), r);
        return r;
    }
}
