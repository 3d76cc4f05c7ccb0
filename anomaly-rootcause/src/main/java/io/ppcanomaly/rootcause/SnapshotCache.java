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
 * <h2>Forecast</h2>
 * Seasonal naive: the anomalous span (at most one season long) is compared with the same periods one, two, …
 * {@code seasons} seasons earlier — the same weekdays of the previous weeks for daily data — so a weekly
 * pattern does not pass for a change. With a season of one period it is the plain mean of the periods just
 * before the first anomalous one.
 *
 * <h2>Cost</h2>
 * Only the periods a snapshot needs are read, never whole series. A parent's per-period sums over the call's
 * time window (every period any snapshot of the call can ask for) are built once, from its children's, and
 * cached, so each keyword is read once per call however many spans and ancestors are decomposed. Leaves are
 * not cached: a keyword's few periods are cheaper to read again than to store for a million keywords. When the
 * window is longer than {@value #MAX_WINDOW} periods (anomalies spread over a long time) the sums are cached per
 * span instead. A period outside a series counts as zero activity, as in {@link MetricSeries#sum}.
 */
final class SnapshotCache {

    private static final int N = 5;
    /** Longest call window whose per-period sums are cached per parent. */
    static final int MAX_WINDOW = 1024;

    private final EntityGraph graph;
    private final Map<String, MetricSeries> metrics;
    private final Granularity granularity;
    private final int season;
    private final int seasons;
    private final long dataStart;
    private final Map<Key, double[]> sums = new HashMap<>();
    private final long windowStart;
    private final int windowLength;
    private final Map<String, double[]> vectors = new HashMap<>();

    private record Key(String id, long start, long end, int seasons) {
    }

    /**
     * @param season    periods per season, &ge; 1
     * @param seasons   seasons back the forecast averages, &ge; 1
     * @param dataStart   the first period with data; forecasts use only whole seasons after it, so periods
     *                    before any data do not dilute them ({@link Long#MIN_VALUE} when unknown)
     * @param windowStart first period any snapshot of the call reads
     * @param windowEnd   last period any snapshot of the call reads
     */
    SnapshotCache(EntityGraph graph, Map<String, MetricSeries> metrics, Granularity granularity, int season,
                  int seasons, long dataStart, long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        long len = windowEnd - windowStart + 1;
        this.windowLength = len > 0 && len <= MAX_WINDOW ? (int) len : 0;
        this.graph = graph;
        this.metrics = metrics;
        this.granularity = granularity;
        this.season = season;
        this.seasons = seasons;
        this.dataStart = dataStart;
    }

    /** @return the last period of the span a snapshot from {@code start} to {@code end} actually measures */
    long spanEnd(long start, long end) {
        return Math.min(end, start + season - 1);
    }

    /**
     * @param start first period of the anomalous span
     * @param end   last period, &ge; start; the span is cut to one season ({@link #spanEnd})
     * @return the entity's snapshot, or {@code null} when there is not one whole season before {@code start}
     */
    Snapshot snapshot(Entity entity, long start, long end) {
        long e = spanEnd(start, end);
        int m = seasons;
        if (dataStart != Long.MIN_VALUE) {
            m = (int) Math.min(m, Math.max(0, (start - dataStart) / season));
        }
        if (m <= 0) {
            return null;
        }
        double[] acc = new double[2 * N];
        MetricSeries own = metrics.get(entity.id());
        if (own == null && windowLength > 0 && start - (long) m * season >= windowStart
                && e < windowStart + windowLength && !graph.children(entity.id()).isEmpty()) {
            double[] v = vector(entity);
            addVector(v, start, e, 5, acc);
            for (int j = 1; j <= m; j++) {
                long shift = (long) j * season;
                addVector(v, start - shift, e - shift, 0, acc);
            }
        } else {
            accumulate(entity, start, e, m, acc);
        }
        int na = (int) (e - start + 1);
        return Snapshot.ofSums(acc, na * m, na);
    }

    private void addVector(double[] v, long from, long to, int at, double[] acc) {
        for (long t = from; t <= to; t++) {
            int o = (int) (t - windowStart) * N;
            for (int f = 0; f < N; f++) {
                acc[at + f] += v[o + f];
            }
        }
    }

    /** @return the parent's per-period sums over the call window, built once from its children */
    private double[] vector(Entity e) {
        double[] v = vectors.get(e.id());
        if (v != null) {
            return v;
        }
        v = new double[windowLength * N];
        long windowEnd = windowStart + windowLength - 1;
        for (Entity kid : graph.children(e.id())) {
            MetricSeries s = metrics.get(kid.id());
            if (s != null) {
                if (s.isEmpty()) {
                    continue;
                }
                checkGranularity(s);
                long first = Periods.index(granularity, s.start());
                long lo = Math.max(windowStart, first);
                long hi = Math.min(windowEnd, first + s.size() - 1);
                for (long t = lo; t <= hi; t++) {
                    int i = (int) (t - first);
                    int o = (int) (t - windowStart) * N;
                    v[o] += s.impressions(i);
                    v[o + 1] += s.clicks(i);
                    v[o + 2] += s.spend(i);
                    v[o + 3] += s.sales(i);
                    v[o + 4] += s.orders(i);
                }
            } else if (!graph.children(kid.id()).isEmpty()) {
                double[] kv = vector(kid);
                for (int i = 0; i < v.length; i++) {
                    v[i] += kv[i];
                }
            }
        }
        vectors.put(e.id(), v);
        return v;
    }

    private void checkGranularity(MetricSeries s) {
        if (s.granularity() != granularity) {
            throw new IllegalArgumentException("granularity of series '" + s.entityId() + "' must be "
                    + granularity + ", got " + s.granularity());
        }
    }

    private void accumulate(Entity e, long start, long end, int m, double[] acc) {
        MetricSeries s = metrics.get(e.id());
        if (s != null) {
            addSeries(s, start, end, m, acc);
            return;
        }
        List<Entity> kids = graph.children(e.id());
        if (kids.isEmpty()) {
            return;
        }
        Key k = new Key(e.id(), start, end, m);
        double[] sub = sums.get(k);
        if (sub == null) {
            sub = new double[2 * N];
            for (Entity kid : kids) {
                accumulate(kid, start, end, m, sub);
            }
            sums.put(k, sub);
        }
        for (int i = 0; i < 2 * N; i++) {
            acc[i] += sub[i];
        }
    }

    private void addSeries(MetricSeries s, long start, long end, int m, double[] acc) {
        if (s.isEmpty()) {
            return;
        }
        checkGranularity(s);
        long first = Periods.index(granularity, s.start());
        long last = first + s.size() - 1;
        add(s, first, last, start, end, 5, acc);
        for (int j = 1; j <= m; j++) {
            long shift = (long) j * season;
            add(s, first, last, start - shift, end - shift, 0, acc);
        }
    }

    private static void add(MetricSeries s, long first, long last, long from, long to, int at, double[] acc) {
        long lo = Math.max(from, first);
        long hi = Math.min(to, last);
        for (long t = lo; t <= hi; t++) {
            int i = (int) (t - first);
            acc[at] += s.impressions(i);
            acc[at + 1] += s.clicks(i);
            acc[at + 2] += s.spend(i);
            acc[at + 3] += s.sales(i);
            acc[at + 4] += s.orders(i);
        }
    }
}
