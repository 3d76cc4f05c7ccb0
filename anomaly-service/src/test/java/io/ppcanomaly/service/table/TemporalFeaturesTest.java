package io.ppcanomaly.service.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemporalFeaturesTest {

    private static final long HOUR = 3_600L;
    /** 2026-03-02, a Monday. */
    private static final long MONDAY = 20_514L * Cycle.DAY;

    /**
     * Hourly, {@code days} days: a daily curve from 0.1 of the evening's level at 4 a.m. to 1 at 4 p.m. (the
     * night/evening contrast of ad traffic), 5% multiplicative noise.
     */
    static double[][] hourly(int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[days * 24][];
        for (int i = 0; i < x.length; i++) {
            double curve = 0.55 - 0.45 * Math.cos(2 * Math.PI * ((i % 24) - 4) / 24.0);
            x[i] = new double[] {1000 * curve * Math.exp(0.05 * r.nextGaussian())};
        }
        return x;
    }

    static long[] hours(int n, long start) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * HOUR;
        }
        return t;
    }

    private static TemporalFeatures.Features build(long[] t, double[][] x, int warmup, SeriesFeatureConfig c) {
        return TemporalFeatures.build(t, List.of("value"), x, warmup, c);
    }

    @Test
    void findsTheDailyCycleOfHourlyDataAndReadsAnOrdinaryNightAsNormal() {
        double[][] x = hourly(30, 1);
        long[] t = hours(x.length, MONDAY);
        TemporalFeatures.Features f = build(t, x, 240, SeriesFeatureConfig.DEFAULT);
        TemporalFeatures.ColumnPlan plan = f.columns().get(0);
        assertThat(plan.cycle().name()).isEqualTo("day");
        assertThat(plan.cycle().buckets()).isEqualTo(24);
        assertThat(plan.cycle().strength()).isGreaterThan(0.9);
        assertThat(plan.baselineRows()).isEqualTo(24);
        assertThat(plan.historyRows()).isEqualTo(24 * SeriesFeatureConfig.DEFAULT_HISTORY_CYCLES);
        assertThat(f.schema().names()).containsExactly("value_dev", "value_dev_long");

        // Without the seasonal profile, every night reads as a drop against the day's median.
        TemporalFeatures.Features flat = build(t, x, 240, SeriesFeatureConfig.DEFAULT.withMinCycleStrength(1));
        assertThat(flat.columns().get(0).cycle().present()).isFalse();
        double seasonalAt4am = 0;
        double flatAt4am = 0;
        int nights = 0;
        for (int i = 240; i < x.length; i++) {
            if (i % 24 == 4) {
                seasonalAt4am += f.rows()[i][0];
                flatAt4am += flat.rows()[i][0];
                nights++;
            }
        }
        assertThat(Math.abs(seasonalAt4am / nights)).as("|mean z| at 4 a.m., seasonal").isLessThan(0.3);
        assertThat(flatAt4am / nights).as("mean z at 4 a.m., no cycle").isLessThan(-1.0);
    }

    @Test
    void aSpikeAtNightToTheEveningsLevelStandsOutOnlyWithTheSeasonalBaseline() {
        double[][] x = hourly(30, 2);
        int spike = 20 * 24 + 4;
        x[spike][0] = x[spike - 12][0];
        long[] t = hours(x.length, MONDAY);
        double seasonal = build(t, x, 240, SeriesFeatureConfig.DEFAULT).rows()[spike][0];
        double flat = build(t, x, 240, SeriesFeatureConfig.DEFAULT.withMinCycleStrength(1)).rows()[spike][0];
        assertThat(seasonal).isGreaterThan(10);
        assertThat(flat).as("the 4 p.m. level is ordinary against the day's median").isLessThan(3);
    }

    @Test
    void aPermanentLevelShiftStandsOutAtOnceAndIsAbsorbedWithinHalfTheHistory() {
        double[][] x = hourly(40, 8);
        int shift = 20 * 24;
        for (int i = shift; i < x.length; i++) {
            x[i][0] *= 1.6;
        }
        double[][] f = build(hours(x.length, MONDAY), x, 240, SeriesFeatureConfig.DEFAULT).rows();
        assertThat(f[shift][0]).as("short, at the shift").isGreaterThan(4);
        assertThat(f[shift][1]).as("long, at the shift").isGreaterThan(4);
        assertThat(meanOfDay(f, shift / 24 + 1, 0)).as("short, the day after").isLessThan(1.5);
        assertThat(meanOfDay(f, shift / 24 + 1, 1)).as("long, the day after").isGreaterThan(3);
        assertThat(meanOfDay(f, shift / 24 + 5, 1)).as("long, five days after (K = 7 days)").isLessThan(1.5);
    }

    private static double meanOfDay(double[][] f, int day, int feature) {
        double s = 0;
        for (int i = day * 24; i < day * 24 + 24; i++) {
            s += f[i][feature];
        }
        return s / 24;
    }

    @Test
    void findsTheWeeklyCycleOfDailyData() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 140;
        double[][] x = new double[n][];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = MONDAY + i * Cycle.DAY;
            double weekend = i % 7 >= 5 ? 0.4 : 1.0;
            x[i] = new double[] {500 * weekend * Math.exp(0.05 * r.nextGaussian())};
        }
        TemporalFeatures.ColumnPlan plan = build(t, x, 60, SeriesFeatureConfig.DEFAULT).columns().get(0);
        assertThat(plan.cycle().name()).isEqualTo("week");
        assertThat(plan.cycle().buckets()).isEqualTo(7);
        assertThat(plan.cycle().phase(MONDAY)).isZero();
        assertThat(plan.cycle().phase(MONDAY + 5 * Cycle.DAY)).as("Saturday").isEqualTo(5);
        assertThat(plan.baselineRows()).isEqualTo(7);
    }

    @Test
    void findsNoCycleInNoiseAndThenUsesTheConfiguredBaseline() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = new double[600][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {50 + r.nextGaussian()};
        }
        TemporalFeatures.ColumnPlan plan = build(hours(600, MONDAY), x, 400, SeriesFeatureConfig.DEFAULT)
                .columns().get(0);
        assertThat(plan.cycle()).isEqualTo(Cycle.NONE);
        assertThat(plan.baselineRows()).isEqualTo(SeriesFeatureConfig.DEFAULT_BASELINE_ROWS);
        double strength = CycleFinder.strength(new Cycle("day", Cycle.DAY, 24, 0), hours(600, MONDAY),
                Arrays.stream(x).mapToDouble(v -> v[0]).toArray(), 400);
        assertThat(strength).as("out of sample, noise has no cycle").isLessThan(0);
    }

    @Test
    void appendingRowsNeverChangesEarlierFeatures() {
        double[][] x = hourly(25, 5);
        long[] t = hours(x.length, MONDAY + 7 * HOUR);
        double[][] full = build(t, x, 200, SeriesFeatureConfig.DEFAULT).rows();
        for (int cut : new int[] {200, 333, 599}) {
            double[][] part = build(Arrays.copyOf(t, cut), Arrays.copyOf(x, cut), 200, SeriesFeatureConfig.DEFAULT)
                    .rows();
            assertThat(part).as("first %d rows", cut).isDeepEqualTo(Arrays.copyOf(full, cut));
        }
    }

    @Test
    void theFirstThreeCyclesCarryNoEvidence_theyFillTheBaselineTheProfileAndTheSpread() {
        double[][] x = hourly(20, 6);
        double[][] f = build(hours(x.length, MONDAY), x, 200, SeriesFeatureConfig.DEFAULT).rows();
        for (int i = 0; i < 72; i++) {
            assertThat(f[i]).as("row %d", i).containsExactly(0.0, 0.0);
        }
        assertThat(f[72][0]).isNotZero();
    }

    @Test
    void zerosNegativesAndASeriesThatNeverMovedGiveFiniteFeatures() {
        int n = 300;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i < 250 ? 0.0 : (i % 2 == 0 ? -3.0 : 7.5)};
        }
        TemporalFeatures.Features f = build(hours(n, MONDAY), x, 200, SeriesFeatureConfig.DEFAULT);
        assertThat(f.columns().get(0).scale()).isEqualTo(1.0);
        assertThat(Arrays.stream(f.rows()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
        assertThat(Math.abs(f.rows()[250][0])).as("the first move of a series that never moved").isGreaterThan(1e6);
    }

    @Test
    void aPositiveSeriesIsReadOnALogScaleFromTheBottomOfItsRangeAndASignedOneAroundItsTypicalSize() {
        double[][] positive = new double[100][];
        double[][] signed = new double[100][];
        for (int i = 0; i < 100; i++) {
            positive[i] = new double[] {i + 1.0};
            signed[i] = new double[] {i % 2 == 0 ? -(i + 1.0) : i + 1.0};
        }
        assertThat(TemporalFeatures.scale(positive, 0, 100)).as("5th percentile").isEqualTo(5.0);
        assertThat(TemporalFeatures.scale(signed, 0, 100)).as("median |v|").isEqualTo(50.5);
    }

    @Test
    void asinhIsOddAndLogLikeForLargeValues() {
        assertThat(TemporalFeatures.asinh(0)).isZero();
        assertThat(TemporalFeatures.asinh(-2.5)).isEqualTo(-TemporalFeatures.asinh(2.5));
        assertThat(TemporalFeatures.asinh(1)).isCloseTo(0.881373587, within(1e-9));
        assertThat(TemporalFeatures.asinh(1e200)).isCloseTo(Math.log(2) + Math.log(1e200), within(1e-9));
        assertThat(TemporalFeatures.asinh(200) - TemporalFeatures.asinh(100)).isCloseTo(Math.log(2), within(1e-4));
    }

    @Test
    void theTrailingMedianMatchesASortedCopyOfTheWindow() {
        SplittableRandom r = new SplittableRandom(7);
        TemporalFeatures.TrailingMedian m = new TemporalFeatures.TrailingMedian(9);
        double[] seen = new double[500];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = r.nextInt(5) == 0 ? 1.0 : r.nextGaussian();
            m.add(seen[i]);
            double[] w = Arrays.copyOfRange(seen, Math.max(0, i - 8), i + 1);
            Arrays.sort(w);
            double want = w.length % 2 == 1 ? w[w.length / 2] : 0.5 * (w[w.length / 2 - 1] + w[w.length / 2]);
            assertThat(m.median()).as("after %d values", i + 1).isEqualTo(want);
        }
    }

    @Test
    void weeksStartOnMondayAndDaysAtMidnight() {
        Cycle week = new Cycle("week", Cycle.WEEK, 168, 0.5);
        assertThat(week.phase(MONDAY)).isZero();
        assertThat(week.phase(MONDAY - HOUR)).as("Sunday 11 p.m.").isEqualTo(167);
        Cycle day = new Cycle("day", Cycle.DAY, 24, 0.5);
        assertThat(day.phase(MONDAY + 15 * 60)).isZero();
        assertThat(day.phase(MONDAY + 23 * HOUR + 59 * 60)).isEqualTo(23);
    }
}
