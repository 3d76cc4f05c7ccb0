package io.ppcanomaly.service.table;

import java.util.Arrays;

/**
 * Finds a series' calendar cycle from its warm-up rows: their timestamps say which cycles are possible, their
 * values whether one is there. Stateless.
 *
 * <h2>Candidates (from the timestamps)</h2>
 * A day and a week. A candidate is possible when its period holds at least {@value #MIN_BUCKETS} steps of the
 * series' usual step (the median gap between consecutive warm-up timestamps: an hourly series can have a daily
 * and a weekly cycle, a daily series only a weekly one) and the warm-up spans at least
 * {@value #MIN_CYCLES} such periods (days or calendar weeks), each with at least half its phases present.
 *
 * <h2>Strength (from the values)</h2>
 * Each warm-up value {@code y} (already transformed, see {@link TemporalFeatures}) is taken relative to the mean
 * of its own cycle (its day or week), {@code d = y − ȳ_cycle}, which removes slow changes of level; cycles with
 * less than half their phases present are left out. Each {@code d} is then predicted by the mean {@code p} of the
 * same phase in the <em>other</em> cycles, and
 * <pre>
 *   strength = 1 − Σ (d − p)² / Σ d²
 * </pre>
 * is the share of the within-cycle variance the cycle explains out of sample: the "strength of seasonality" of
 * Wang, Smith &amp; Hyndman ("Characteristic-based clustering for time series data", 2006), each row's seasonal
 * component estimated without its own cycle. Leaving that cycle out matters: with {@code k} cycles of pure noise
 * the in-sample share is about {@code 1/k}, the out-of-sample one about {@code −1/(k − 1)}. A strength above 0
 * means the same phase of other cycles predicts a value better than the cycle's mean does, which is exactly when
 * a seasonal baseline helps; the strongest candidate above the configured minimum wins.
 */
final class CycleFinder {

    /** Fewest phases a candidate cycle must hold. */
    static final int MIN_BUCKETS = 4;
    /**
     * Fewest cycles the warm-up must span for a candidate to be judged: the features' first three cycles carry no
     * evidence yet ({@link TemporalFeatures.ColumnPlan#evidenceFrom()}), so the detector fits on the fourth on.
     */
    static final int MIN_CYCLES = 4;

    private static final long[] CANDIDATES = {Cycle.DAY, Cycle.WEEK};

    private CycleFinder() {
    }

    /**
     * @param times       wall-clock seconds, non-decreasing
     * @param rows        warm-up rows to judge, {@code <= times.length}
     * @return the median positive gap between consecutive timestamps of the first {@code rows} rows, or 0 when
     *         there is none
     */
    static long typicalStep(long[] times, int rows) {
        long[] gaps = new long[Math.max(0, rows - 1)];
        int n = 0;
        for (int i = 1; i < rows; i++) {
            long g = times[i] - times[i - 1];
            if (g > 0) {
                gaps[n++] = g;
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(gaps, 0, n);
        return gaps[n / 2];
    }

    /**
     * @param times       wall-clock seconds, non-decreasing
     * @param y           transformed values, one per time
     * @param rows        warm-up rows to judge, {@code <= times.length}
     * @param minStrength the strength a cycle must exceed
     * @return the strongest cycle above {@code minStrength}, or {@link Cycle#NONE}
     */
    static Cycle detect(long[] times, double[] y, int rows, double minStrength) {
        long step = typicalStep(times, rows);
        if (step == 0) {
            return Cycle.NONE;
        }
        Cycle best = Cycle.NONE;
        for (long period : CANDIDATES) {
            long buckets = Math.round((double) period / step);
            if (buckets < MIN_BUCKETS || buckets > Integer.MAX_VALUE / 4
                    || times[rows - 1] - times[0] < (MIN_CYCLES - 1) * period) {
                continue;
            }
            Cycle c = new Cycle(period == Cycle.DAY ? "day" : "week", period, (int) buckets, 0.0);
            double s = strength(c, times, y, rows);
            if (s > minStrength && (!best.present() || s > best.strength())) {
                best = new Cycle(c.name(), period, (int) buckets, s);
            }
        }
        return best;
    }

    /** The out-of-sample strength of a cycle on the first {@code rows} rows; −∞ when it cannot be judged. */
    static double strength(Cycle c, long[] times, double[] y, int rows) {
        long first = c.index(times[0]);
        int cycles = (int) (c.index(times[rows - 1]) - first + 1);
        double[] sum = new double[cycles];
        int[] count = new int[cycles];
        boolean[][] seen = new boolean[cycles][];
        int[] phases = new int[cycles];
        for (int i = 0; i < rows; i++) {
            int k = (int) (c.index(times[i]) - first);
            sum[k] += y[i];
            count[k]++;
            if (seen[k] == null) {
                seen[k] = new boolean[c.buckets()];
            }
            int b = c.phase(times[i]);
            if (!seen[k][b]) {
                seen[k][b] = true;
                phases[k]++;
            }
        }
        int kept = 0;
        for (int k = 0; k < cycles; k++) {
            if (2 * phases[k] >= c.buckets()) {
                kept++;
            }
        }
        if (kept < MIN_CYCLES) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] d = new double[rows];
        boolean[] use = new boolean[rows];
        double[] bucketSum = new double[c.buckets()];
        int[] bucketCount = new int[c.buckets()];
        for (int i = 0; i < rows; i++) {
            int k = (int) (c.index(times[i]) - first);
            if (2 * phases[k] >= c.buckets()) {
                use[i] = true;
                d[i] = y[i] - sum[k] / count[k];
                int b = c.phase(times[i]);
                bucketSum[b] += d[i];
                bucketCount[b]++;
            }
        }
        double err = 0;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int b = use[i] ? c.phase(times[i]) : -1;
            if (b < 0 || bucketCount[b] < 2) {
                continue;
            }
            double p = (bucketSum[b] - d[i]) / (bucketCount[b] - 1);
            err += (d[i] - p) * (d[i] - p);
            total += d[i] * d[i];
        }
        return total > 0 ? 1 - err / total : Double.NEGATIVE_INFINITY;
    }
}
