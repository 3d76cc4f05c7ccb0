package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.rootcause.decompose.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of entities over the spans one analysis asks about, with parents' metrics summed from their
 * children when the input has no series for them. Confined to one call.
 *
 * <p>Only the periods a snapshot needs are read (the baseline and the anomalous span), never whole series,
 * and a parent's sums are cached per span, so a campaign's leaves are read once per span however many of its
 * ancestors and descendants are decomposed. Leaves are not cached: a keyword's few periods are cheaper to read
 * again than to store for a million keywords. A period outside a series counts as zero activity, as in
 * {@link MetricSeries#sum}.
 */
final class SnapshotCache {

    private static final int N = 5;

    private final EntityGraph graph;
    private final Map<String, MetricSeries> metrics;
    private final Granularity granularity;
    private final int baselinePeriods;
    private final long dataStart;
    private final Map<Key, double[]> sums = new HashMap<>();

    private record Key(String id, long start, long end) {
    }

    /**
     * @param dataStart the first period with data; baselines are clipped to it so periods before any data do
     *                  not dilute the forecast ({@link Long#MIN_VALUE} when unknown)
     */
    SnapshotCache(EntityGraph graph, Map<String, MetricSeries> metrics, Granularity granularity, int baselinePeriods,
                  long dataStart) {
        this.graph = graph;
        this.metrics = metrics;
        this.granularity = granularity;
        this.baselinePeriods = baselinePeriods;
        this.dataStart = dataStart;
    }

    /**
     * @param start first period of the anomalous span
     * @param end   last period, &ge; start
     * @return the entity's snapshot, or {@code null} when there is no baseline before {@code start}
     */
    Snapshot snapshot(Entity entity, long start, long end) {
        long b0 = dataStart == Long.MIN_VALUE ? start - baselinePeriods : Math.max(start - baselinePeriods, dataStart);
        int nb = (int) (start - b0);
        if (nb <= 0) {
            return null;
        }
        double[] acc = new double[2 * N];
        accumulate(entity, b0, start, end, acc);
        return Snapshot.ofSums(acc, nb, (int) (end - start + 1));
    }

    private void accumulate(Entity e, long b0, long start, long end, double[] acc) {
        MetricSeries s = metrics.get(e.id());
        if (s != null) {
            addSeries(s, b0, start, end, acc);
            return;
        }
        List<Entity> kids = graph.children(e.id());
        if (kids.isEmpty()) {
            return;
        }
        Key k = new Key(e.id(), start, end);
        double[] sub = sums.get(k);
        if (sub == null) {
            sub = new double[2 * N];
            for (Entity kid : kids) {
                accumulate(kid, b0, start, end, sub);
            }
            sums.put(k, sub);
        }
        for (int i = 0; i < 2 * N; i++) {
            acc[i] += sub[i];
        }
    }

    private void addSeries(MetricSeries s, long b0, long start, long end, double[] acc) {
        if (s.isEmpty()) {
            return;
        }
        if (s.granularity() != granularity) {
            throw new IllegalArgumentException("granularity of series '" + s.entityId() + "' must be "
                    + granularity + ", got " + s.granularity());
        }
        long first = Periods.index(granularity, s.start());
        long last = first + s.size() - 1;
        long lo = Math.max(b0, first);
        long hi = Math.min(start - 1, last);
        for (long t = lo; t <= hi; t++) {
            int i = (int) (t - first);
            acc[0] += s.impressions(i);
            acc[1] += s.clicks(i);
            acc[2] += s.spend(i);
            acc[3] += s.sales(i);
            acc[4] += s.orders(i);
        }
        lo = Math.max(start, first);
        hi = Math.min(end, last);
        for (long t = lo; t <= hi; t++) {
            int i = (int) (t - first);
            acc[5] += s.impressions(i);
            acc[6] += s.clicks(i);
            acc[7] += s.spend(i);
            acc[8] += s.sales(i);
            acc[9] += s.orders(i);
        }
    }
}
