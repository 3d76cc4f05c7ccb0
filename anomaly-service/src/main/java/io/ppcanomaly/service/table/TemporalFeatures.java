package io.ppcanomaly.service.table;

import io.ppcanomaly.api.features.FeatureSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Causal temporal features of a time series: what {@link TableScorer#scoreSeries} feeds a detector instead of
 * the raw values. Row {@code t}'s features use only rows {@code 0..t} and decisions taken once on the warm-up
 * rows {@code 0..W−1}, so with a fixed warm-up, appending rows never changes earlier rows' features. Stateless;
 * thread-safe.
 *
 * <h2>Decided per column on the warm-up</h2>
 * <ul>
 *   <li><b>Transform</b> {@code y = asinh(v / s)}. For {@code v ≫ s} this is {@code ln(2v/s)}, so differences
 *       of {@code y} are log-ratios; near zero it is linear, so a drop to zero is a large but bounded move and
 *       zero or negative values need no special case. When every warm-up value is positive (a price, a rate, a
 *       volume), {@code s} is their 5th percentile, the bottom of the series' usual range: moves within that
 *       range are log-ratios, as multiplicative data call for. Otherwise (zeros or both signs: additive near
 *       zero) {@code s} is the median of {@code |v|} over the warm-up (their mean if that is 0, else 1).</li>
 *   <li><b>Cycle</b>: a day or a week, found from the timestamps and the warm-up's {@code y} by
 *       {@code CycleFinder}, or none. Its phases {@code b(t)} are hour of day, hour of week, day of week …</li>
 *   <li><b>Lengths</b>: {@code L} = one cycle's rows (so a baseline of {@code L} rows holds every phase once),
 *       or {@link SeriesFeatureConfig#baselineRows()} without a cycle; {@code K} =
 *       {@link SeriesFeatureConfig#historyCycles()}.</li>
 * </ul>
 *
 * <h2>Per row {@code t}, for a baseline of {@code B} rows</h2>
 * <pre>
 *   m_t = median(y_{t−B}, …, y_{t−1})                          trailing level (of the rows that exist; m_0 = y_0)
 *   r_t = y_t − m_t                                            move against it
 *   p_t = median of r_u over the last K earlier rows u with b(u) = b(t)   seasonal profile (0 without a cycle)
 *   e_t = r_t − p_t                                            move, seasonally adjusted
 *   σ_t = 1.4826 · median(|e_u|) over the K·L rows before t    spread (1.2533 · mean |e_u| when that median is 0)
 *   z_t = e_t / σ_t                                            0 until the spread has L rows behind it
 * </pre>
 * With a cycle, the first rows are kept out of what the features learn, because they would teach them the cycle
 * itself: the profile learns moves from row {@code L} on (before, the trailing median covers part of a cycle and
 * is biased by it), the spread learns moves from row {@code 2L} on (before, the profile is empty), so the first row
 * with evidence is {@code 3L} ({@link ColumnPlan#evidenceFrom()}; {@code L + 1} without a cycle).
 * Two features per column {@code c}: {@code c_dev} = {@code z_t} with {@code B = L} — the move against the last
 * cycle, which a spike, a drop or a broken phase (a busy night) shows at once — and {@code c_dev_long} =
 * {@code z_t} with {@code B = K·L} — the move against the last {@code K} cycles, which also shows a level that
 * has been creeping away for days and which the short baseline has already absorbed. Medians keep the baselines
 * robust to the spikes they are meant to reveal; {@code p_t} makes an ordinary night or weekend read as normal;
 * {@code σ_t} puts every series, quiet or volatile, on one scale of "typical moves", so one threshold fits all.
 * Every feature is finite.
 *
 * <p>The same ingredients — a seasonal component removed, then the residual's median and median absolute
 * deviation instead of mean and standard deviation — are those of Twitter's Seasonal Hybrid ESD (Hochenbaum,
 * Vallis &amp; Kejariwal, "Automatic Anomaly Detection in the Cloud Via Statistical Learning", 2017); here they are
 * computed causally, row by row, and handed to a detector rather than to a test.
 */
public final class TemporalFeatures {

    /** Quantile of a positive warm-up taken as the transform's scale. */
    static final double LOW_QUANTILE = 0.05;

    /** Spread below which a deviation is measured against this floor instead (a series that never moved). */
    static final double MIN_SPREAD = 1e-9;

    private TemporalFeatures() {
    }

    /**
     * What was decided for one column on the warm-up.
     *
     * @param column       the column's name
     * @param scale        {@code s} of the transform, &gt; 0
     * @param cycle        the cycle found, or {@link Cycle#NONE}
     * @param baselineRows {@code L}
     * @param historyRows  {@code K·L}
     * @param evidenceFrom the first row whose features can be other than 0: {@code 3L} with a cycle,
     *                     {@code L + 1} without (see the class comment)
     */
    public record ColumnPlan(String column, double scale, Cycle cycle, int baselineRows, int historyRows,
                             int evidenceFrom) {
    }

    /**
     * The feature rows of a series.
     *
     * @param schema  the feature names, two per column: {@code <column>_dev} and {@code <column>_dev_long}
     * @param rows    one row per input row, {@code [t][feature]}
     * @param columns the decisions per input column, in order
     */
    public record Features(FeatureSchema schema, double[][] rows, List<ColumnPlan> columns) {
    }

    /**
     * Builds the features.
     *
     * @param times   wall-clock seconds since 1970-01-01T00:00, one per row, non-decreasing (not checked here:
     *                {@link TableScorer#scoreSeries} does)
     * @param columns the columns' names, one per value of a row
     * @param values  finite values, {@code [row][column]}
     * @param warmup  rows the decisions are taken on, in [1, rows]
     * @param config  the settings
     * @return one feature row per input row
     * @throws IllegalArgumentException for mismatched sizes or a warm-up out of range
     */
    public static Features build(long[] times, List<String> columns, double[][] values, int warmup,
                                 SeriesFeatureConfig config) {
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(config, "config");
        int n = values.length;
        if (times.length != n) {
            throw new IllegalArgumentException("times must have one entry per row (" + n + "), got " + times.length);
        }
        if (warmup < 1 || warmup > n) {
            throw new IllegalArgumentException("warmup must be in [1, " + n + "], got " + warmup);
        }
        int width = columns.size();
        List<String> names = new ArrayList<>(2 * width);
        List<ColumnPlan> plans = new ArrayList<>(width);
        double[][] out = new double[n][2 * width];
        double[] y = new double[n];
        for (int c = 0; c < width; c++) {
            double scale = scale(values, c, warmup);
            for (int t = 0; t < n; t++) {
                y[t] = asinh(values[t][c] / scale);
            }
            Cycle cycle = CycleFinder.detect(times, y, warmup, config.minCycleStrength());
            if (cycle.present()
                    && (long) cycle.buckets() * config.historyCycles() > SeriesFeatureConfig.MAX_HISTORY_ROWS) {
                cycle = Cycle.NONE;
            }
            int l = cycle.present() ? cycle.buckets() : config.baselineRows();
            int kl = l * config.historyCycles();
            plans.add(new ColumnPlan(columns.get(c), scale, cycle, l, kl, evidenceFrom(cycle, l)));
            names.add(columns.get(c) + "_dev");
            names.add(columns.get(c) + "_dev_long");
            double[] shortDev = standardized(times, y, cycle, l, config.historyCycles(), l, kl);
            double[] longDev = standardized(times, y, cycle, kl, config.historyCycles(), l, kl);
            for (int t = 0; t < n; t++) {
                out[t][2 * c] = shortDev[t];
                out[t][2 * c + 1] = longDev[t];
            }
        }
        return new Features(FeatureSchema.of(names), out, List.copyOf(plans));
    }

    /**
     * @return the first row whose features carry evidence. With a cycle: the profile learns moves measured against
     *         at least a whole cycle ({@code t >= L}; a part of a cycle has a biased median), the spread learns moves
     *         judged against that profile ({@code t >= 2L}), and {@code z} needs {@code L} of them: {@code 3L}.
     *         Without one: the spread learns from row 1, {@code z} needs {@code L} moves: {@code L + 1}
     */
    static int evidenceFrom(Cycle cycle, int l) {
        return spreadFrom(cycle, l) + l;
    }

    private static int spreadFrom(Cycle cycle, int l) {
        return cycle.present() ? 2 * l : 1;
    }

    /** {@code z_t} for every row with a baseline of {@code baselineRows} (see the class comment). */
    static double[] standardized(long[] times, double[] y, Cycle cycle, int baselineRows, int cycles, int l,
                                 int spreadRows) {
        int n = y.length;
        double[] z = new double[n];
        TrailingMedian level = new TrailingMedian(baselineRows);
        PhaseProfile profile = cycle.present() ? new PhaseProfile(cycle.buckets(), cycles) : null;
        TrailingMedian spread = new TrailingMedian(spreadRows);
        int spreadFrom = spreadFrom(cycle, l);
        double absSum = 0;
        double[] absRing = new double[spreadRows];
        long added = 0;
        for (int t = 0; t < n; t++) {
            double r = y[t] - (level.size() == 0 ? y[t] : level.median());
            double e = r;
            if (profile != null) {
                int b = cycle.phase(times[t]);
                e = r - profile.median(b);
                if (t >= l) {
                    profile.add(b, r);
                }
            }
            level.add(y[t]);
            if (spread.size() >= l) {
                double s = 1.4826 * spread.median();
                if (!(s > 0)) {
                    s = 1.2533 * absSum / spread.size();
                }
                z[t] = e / Math.max(s, MIN_SPREAD);
            }
            if (t >= spreadFrom) {
                double a = Math.abs(e);
                int slot = (int) (added++ % spreadRows);
                if (spread.size() == spreadRows) {
                    absSum -= absRing[slot];
                }
                absRing[slot] = a;
                absSum += a;
                spread.add(a);
            }
        }
        return z;
    }

    /**
     * {@code s}: the warm-up's 5th percentile when every warm-up value is positive (the bottom of the series'
     * usual range, so that differences of {@code y} are log-ratios throughout it), else the median of {@code |v|}
     * (a series with zeros or signs is additive near zero), else the mean of {@code |v|}, else 1.
     */
    static double scale(double[][] values, int c, int warmup) {
        double[] a = new double[warmup];
        double sum = 0;
        boolean positive = true;
        for (int t = 0; t < warmup; t++) {
            positive &= values[t][c] > 0;
            a[t] = Math.abs(values[t][c]);
            sum += a[t];
        }
        Arrays.sort(a);
        if (positive) {
            return a[(int) Math.floor(LOW_QUANTILE * (warmup - 1))];
        }
        double median = warmup % 2 == 1 ? a[warmup / 2] : 0.5 * (a[warmup / 2 - 1] + a[warmup / 2]);
        if (median > 0) {
            return median;
        }
        return sum > 0 ? sum / warmup : 1.0;
    }

    /** {@code asinh}, computed without cancellation for either sign and without overflow for huge values. */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e150 ? Math.log(2) + Math.log(a) : Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }

    /** The median of the last {@code capacity} values added: a sorted copy beside the ring, O(capacity) per add. */
    static final class TrailingMedian {
        private final double[] ring;
        private final double[] sorted;
        private int size;
        private int next;

        TrailingMedian(int capacity) {
            ring = new double[capacity];
            sorted = new double[capacity];
        }

        int size() {
            return size;
        }

        void add(double v) {
            if (size == ring.length) {
                int at = Arrays.binarySearch(sorted, 0, size, ring[next]);
                System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
                size--;
            }
            ring[next] = v;
            next = (next + 1) % ring.length;
            int at = Arrays.binarySearch(sorted, 0, size, v);
            if (at < 0) {
                at = -at - 1;
            }
            System.arraycopy(sorted, at, sorted, at + 1, size - at);
            sorted[at] = v;
            size++;
        }

        /** @return the median; only when {@link #size()} &gt; 0 */
        double median() {
            return size % 2 == 1 ? sorted[size / 2] : 0.5 * (sorted[size / 2 - 1] + sorted[size / 2]);
        }
    }

    /** The last {@code depth} values of each phase, and their median. */
    static final class PhaseProfile {
        private final double[][] values;
        private final int[] count;
        private final int[] next;
        private final double[] scratch;

        PhaseProfile(int buckets, int depth) {
            values = new double[buckets][];
            count = new int[buckets];
            next = new int[buckets];
            scratch = new double[depth];
        }

        void add(int bucket, double v) {
            if (values[bucket] == null) {
                values[bucket] = new double[scratch.length];
            }
            values[bucket][next[bucket]] = v;
            next[bucket] = (next[bucket] + 1) % scratch.length;
            count[bucket] = Math.min(count[bucket] + 1, scratch.length);
        }

        /** @return the median of the phase's values, 0 when it has none */
        double median(int bucket) {
            int k = count[bucket];
            if (k == 0) {
                return 0.0;
            }
            System.arraycopy(values[bucket], 0, scratch, 0, k);
            Arrays.sort(scratch, 0, k);
            return k % 2 == 1 ? scratch[k / 2] : 0.5 * (scratch[k / 2 - 1] + scratch[k / 2]);
        }
    }
}
