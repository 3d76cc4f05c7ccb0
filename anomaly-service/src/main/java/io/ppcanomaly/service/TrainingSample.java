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
 * The training windows of a run: every window of every entity ending before a period, at a stride; when there are
 * more than a cap, a sample stratified by entity size, without replacement (with a seed). Sampling picks (entity,
 * end) pairs first and builds only the chosen windows.
 *
 * <h2>Why stratified</h2>
 * Entities are grouped by the decade of their mean clicks per period over the training range (&lt; 0.1, 0.1–1,
 * 1–10, …) and the cap is shared equally between the groups (a group with fewer windows than its share gives the
 * rest to the others), each group sampled uniformly. A uniform sample mirrors the account, where most keywords
 * are small: at a few clicks a period their features sit near zero (shrinkage), and the few large keywords —
 * whose ordinary noise is real, a cvr of +60% in an hour with 4 orders expected — are a few percent of the
 * sample, so a model fitted on it reads their ordinary hours as rare and alerts on them. Hourly data, 24 times
 * the periods, hits the cap and shows it most (on the hourly sample: false alerts concentrated on the 40 largest
 * keywords). Every size still gets its share, and a history below the cap (the daily sample's) is used whole, as
 * before.
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
        // Group the entities by size, share the cap between the groups, sample each group uniformly.
        int[] group = new int[n];
        long[] available = new long[GROUPS];
        for (int i = 0; i < n; i++) {
            group[i] = sizeGroup(series.get(i), lastIdx[i]);
            available[group[i]] += counts[i];
        }
        long[] take = share(available, max);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<long[]> chosen = new ArrayList<>(max);
        for (int gi = 0; gi < GROUPS; gi++) {
            if (take[gi] == 0) {
                continue;
            }
            long[] picks = floyd(available[gi], (int) take[gi], rnd);
            int si = -1;
            long base = 0;
            long size = 0;
            for (long g : picks) {
                while (g >= base + size) {
                    base += size;
                    do {
                        si++;
                    } while (group[si] != gi);
                    size = counts[si];
                }
                chosen.add(new long[] {si, first + (g - base) * stride});
            }
        }
        chosen.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] c : chosen) {
            int si = (int) c[0];
            out.add(fx.window(series.get(si), (int) c[1], references.get(si)));
        }
        return out;
    }

    /** Number of size groups: mean clicks per period below 0.1, then one decade each, 1,000 and more last. */
    static final int GROUPS = 6;

    /** @return the size group of a series over its first {@code last + 1} periods */
    static int sizeGroup(MetricSeries s, int last) {
        double clicks = 0;
        for (int i = 0; i <= last; i++) {
            clicks += s.clicks(i);
        }
        double mean = clicks / (last + 1);
        int g = 0;
        for (double bound = 0.1; g < GROUPS - 1 && mean >= bound; bound *= 10) {
            g++;
        }
        return g;
    }

    /** @return per group, how many windows to take: equal shares of {@code max}, a small group's rest shared on */
    static long[] share(long[] available, int max) {
        long[] take = new long[available.length];
        long left = max;
        Integer[] order = new Integer[available.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(available[a], available[b]));
        int groupsLeft = 0;
        for (long a : available) {
            groupsLeft += a > 0 ? 1 : 0;
        }
        for (int i : order) {
            if (available[i] == 0) {
                continue;
            }
            long share = left / groupsLeft;
            take[i] = Math.min(available[i], share);
            left -= take[i];
            groupsLeft--;
        }
        return take;
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
