package io.ppcanomaly.service;

import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The training windows of a run: every window of every entity ending before a period, at a stride, sampled
 * uniformly without replacement (with a seed) when there are more than a cap. Sampling picks (entity, end)
 * pairs first and builds only the chosen windows.
 */
final class TrainingSample {

    private TrainingSample() {
    }

    /**
     * @param series      the entities' series
     * @param references  each series' seasonal reference (its profile's series), or {@code null} entries
     * @param fx          the feature extractor
     * @param lastEnd     the last period a training window may end at (inclusive)
     * @param stride      step between window ends, &ge; 1
     * @param max         the cap
     * @param seed        the sampling seed
     * @return the windows, in series order then period order
     */
    static List<FeatureWindow> windows(List<MetricSeries> series, List<MetricSeries> references,
                                       FeatureExtractor fx, LocalDateTime lastEnd, int stride, int max, long seed) {
        int first = fx.firstWindowEnd();
        int n = series.size();
        long[] counts = new long[n];
        int[] lastIdx = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            MetricSeries s = series.get(i);
            int last = lastIndex(s, lastEnd);
            lastIdx[i] = last;
            counts[i] = last < first ? 0 : (last - first) / stride + 1;
            total += counts[i];
        }
        List<FeatureWindow> out = new ArrayList<>((int) Math.min(total, max));
        if (total <= max) {
            for (int i = 0; i < n; i++) {
                if (counts[i] > 0) {
                    out.addAll(fx.windows(series.get(i), first, lastIdx[i], stride, references.get(i)));
                }
            }
            return out;
        }
        long[] chosen = floyd(total, max, new SplittableRandom(seed));
        int si = 0;
        long base = 0;
        for (long g : chosen) {
            while (g >= base + counts[si]) {
                base += counts[si];
                si++;
            }
            int end = first + (int) (g - base) * stride;
            out.add(fx.window(series.get(si), end, references.get(si)));
        }
        return out;
    }

    /** @return the index of the last period at or before {@code lastEnd}, or -1 */
    private static int lastIndex(MetricSeries s, LocalDateTime lastEnd) {
        if (s.isEmpty() || s.start().isAfter(lastEnd)) {
            return -1;
        }
        long i = s.granularity().between(s.start(), lastEnd);
        return (int) Math.min(i, s.size() - 1L);
    }

    /** Floyd's algorithm: {@code k} distinct values in [0, n), sorted. */
    private static long[] floyd(long n, int k, SplittableRandom rnd) {
        Set<Long> set = new HashSet<>(k * 2);
        for (long j = n - k; j < n; j++) {
            long t = rnd.nextLong(j + 1);
            if (!set.add(t)) {
                set.add(j);
            }
        }
        long[] out = new long[k];
        int i = 0;
        for (long v : set) {
            out[i++] = v;
        }
        Arrays.sort(out);
        return out;
    }
}
