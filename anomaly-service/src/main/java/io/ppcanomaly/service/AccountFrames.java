package io.ppcanomaly.service;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.AccountData;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Every entity's series over the account: leaves padded with zero activity up to the account's last period (a
 * keyword with no row on a day did not serve that day — exactly what a budget cut-off or an outage looks
 * like), parents summed from their leaves in id order. Immutable once built.
 */
final class AccountFrames {

    /** Leaves from which parents are summed on every core. */
    private static final int PARALLEL_LEAVES = 2_000;

    private final AccountData data;
    private final Map<String, MetricSeries> series;
    /** Entity id → the id of its root (its profile), for the seasonal reference. */
    private final Map<String, String> roots;
    private final LocalDateTime start;
    private final LocalDateTime end;

    private AccountFrames(AccountData data, Map<String, MetricSeries> series, LocalDateTime start,
                          LocalDateTime end) {
        this.data = data;
        this.series = series;
        this.start = start;
        EntityGraph graph = data.graph();
        Map<String, String> r = new HashMap<>(graph.size() * 2);
        for (Entity e : graph.entities()) {
            Entity top = e;
            for (Entity p = graph.parent(top.id()); p != null; p = graph.parent(top.id())) {
                top = p;
            }
            r.put(e.id(), top.id());
        }
        this.roots = Map.copyOf(r);
        this.end = end;
    }

    /**
     * @throws IllegalArgumentException when the account has no metrics at all
     */
    static AccountFrames of(AccountData data) {
        Granularity g = data.granularity();
        LocalDateTime lo = null;
        LocalDateTime hi = null;
        for (MetricSeries s : data.leafMetrics().values()) {
            if (s.isEmpty()) {
                continue;
            }
            lo = lo == null || s.start().isBefore(lo) ? s.start() : lo;
            hi = hi == null || s.end().isAfter(hi) ? s.end() : hi;
        }
        if (hi == null) {
            throw new IllegalArgumentException("account must have metrics for at least one period, got none");
        }
        Map<String, MetricSeries> out = new HashMap<>(data.graph().size() * 2);
        MetricSeries endMarker = null;
        for (Map.Entry<String, MetricSeries> e : data.leafMetrics().entrySet()) {
            MetricSeries s = e.getValue();
            if (s.isEmpty()) {
                continue;
            }
            if (s.end().isBefore(hi)) {
                if (endMarker == null) {
                    endMarker = MetricSeries.builder("end", g).add(hi, Metrics.ZERO).build();
                }
                s = MetricSeries.sum(e.getKey(), g, List.of(s, endMarker));
            }
            out.put(e.getKey(), s);
        }
        EntityGraph graph = data.graph();
        List<Entity> parents = new ArrayList<>();
        for (Entity e : graph.entities()) {
            if (!graph.children(e.id()).isEmpty()) {
                parents.add(e);
            }
        }
        // Each parent sums its leaves directly, in id order: a parent's metrics are then the same bits whatever
        // the order of the input's rows, and a stream processor summing the same leaves in a keyed window gets
        // them too (anomaly-flink), where sums of sums in another grouping would differ in the last bits.
        // Parents are independent of each other: a large account sums them on every core (each parent's own sum
        // stays sequential in id order, so the bits do not depend on the threads).
        Map<String, MetricSeries> leaves = Map.copyOf(out);
        MetricSeries[] sums = new MetricSeries[parents.size()];
        IntStream range = IntStream.range(0, parents.size());
        (leaves.size() >= PARALLEL_LEAVES ? range.parallel() : range).forEach(i -> {
            Entity p = parents.get(i);
            List<Entity> below = new ArrayList<>(graph.leaves(p.id()));
            below.sort(Comparator.comparing(Entity::id));
            List<MetricSeries> parts = new ArrayList<>();
            for (Entity c : below) {
                MetricSeries cs = leaves.get(c.id());
                if (cs != null) {
                    parts.add(cs);
                }
            }
            if (!parts.isEmpty()) {
                sums[i] = MetricSeries.sum(p.id(), g, parts);
            }
        });
        for (int i = 0; i < sums.length; i++) {
            if (sums[i] != null) {
                out.put(parents.get(i).id(), sums[i]);
            }
        }
        return new AccountFrames(data, Map.copyOf(out), lo, hi);
    }

    AccountData data() {
        return data;
    }

    EntityGraph graph() {
        return data.graph();
    }

    Granularity granularity() {
        return data.granularity();
    }

    /** @return the first period with data */
    LocalDateTime start() {
        return start;
    }

    /** @return the last period with data; every leaf is padded to it */
    LocalDateTime end() {
        return end;
    }

    /** @return the entity's series, or {@code null} when it never had activity */
    MetricSeries series(String id) {
        return series.get(id);
    }

    /**
     * @return the seasonal reference of an entity ({@link io.ppcanomaly.api.features.FeatureExtractor}): the
     *         series of its root, the profile summing every keyword of the account, or {@code null}
     */
    MetricSeries reference(String id) {
        String root = roots.get(id);
        return root == null ? null : series.get(root);
    }

    /** @return every entity's series */
    Map<String, MetricSeries> all() {
        return series;
    }

    /** @return the entities checked at a level; {@link EntityType#KEYWORD} means every leaf target */
    List<Entity> targets(EntityType type) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : graph().entities()) {
            boolean match = type == EntityType.KEYWORD
                    ? (e.type() == EntityType.KEYWORD || e.type() == EntityType.PRODUCT_TARGET)
                    : e.type() == type;
            if (match) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return every series cut after {@code period}, so a causal step cannot see later metrics */
    Map<String, MetricSeries> upTo(LocalDateTime period) {
        if (!period.isBefore(end)) {
            return series;
        }
        Map<String, MetricSeries> out = new HashMap<>(series.size() * 2);
        Granularity g = granularity();
        for (Map.Entry<String, MetricSeries> e : series.entrySet()) {
            MetricSeries s = e.getValue();
            long keep = g.between(s.start(), period) + 1;
            if (keep > 0) {
                out.put(e.getKey(), s.head((int) Math.min(keep, s.size())));
            }
        }
        return out;
    }
}
