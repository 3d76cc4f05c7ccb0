package io.ppcanomaly.api.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seasonal baselines: hour of day (weekdays and weekends apart) for hourly data, day of week for daily data. */
class SeasonalBaselineTest {

    /** A Monday. */
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 5, 0, 0);
    private static final int IMP = FeatureSchema.DEFAULT.indexOf(FeatureSchema.IMPRESSIONS);
    private static final int SPEND = FeatureSchema.DEFAULT.indexOf(FeatureSchema.SPEND);
    private static final int CTR = FeatureSchema.DEFAULT.indexOf(FeatureSchema.CTR);
    private static final int CPC = FeatureSchema.DEFAULT.indexOf(FeatureSchema.CPC);

    private final FeatureExtractor hourly = new FeatureExtractor(FeatureConfig.HOURLY);
    private final FeatureExtractor flatHourly = new FeatureExtractor(FeatureConfig.HOURLY
            .withSeasonality(Seasonality.NONE));

    /** Relative traffic by hour of day, as e-commerce shoppers browse: lowest at 4:00, peaking at 20:00. */
    private static final double[] CURVE = {0.45, 0.3, 0.2, 0.15, 0.12, 0.13, 0.2, 0.35, 0.5, 0.6, 0.68, 0.72,
        0.75, 0.74, 0.72, 0.72, 0.74, 0.8, 0.9, 0.98, 1.0, 0.95, 0.8, 0.6};

    static double curve(int h) {
        return CURVE[h];
    }

    /**
     * An hourly keyword with {@code daily} impressions a day on the daily curve, weekends at {@code weekend}
     * times a weekday, Poisson noise; CTR 2%, CPC $1 (×{@code eveningCpc} from 18:00 to 22:00), CVR 10%.
     * From hour {@code cutFrom} on, impressions × {@code cut}.
     */
    static MetricSeries hourlyKeyword(String id, long seed, int days, double daily, double weekend,
                                      double eveningCpc, int cutFrom, double cut) {
        SplittableRandom r = new SplittableRandom(seed);
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            sum += curve(h);
        }
        MetricSeries.Builder b = MetricSeries.builder(id, Granularity.HOUR);
        for (int i = 0; i < days * 24; i++) {
            LocalDateTime p = T0.plusHours(i);
            boolean we = p.getDayOfWeek() == DayOfWeek.SATURDAY || p.getDayOfWeek() == DayOfWeek.SUNDAY;
            double mean = daily * curve(p.getHour()) / sum * (we ? weekend : 1.0) * (i >= cutFrom ? cut : 1.0);
            long imp = poisson(r, mean);
            long clk = binomial(r, imp, 0.02);
            long ord = binomial(r, clk, 0.1);
            double cpc = p.getHour() >= 18 && p.getHour() <= 22 ? eveningCpc : 1.0;
            b.add(p, imp, clk, clk * cpc, ord * 30.0, ord);
        }
        return b.build();
    }

    private static long poisson(SplittableRandom r, double mean) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(r)));
        }
        double l = Math.exp(-mean);
        long k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    private static long binomial(SplittableRandom r, long n, double q) {
        if (n > 200) {
            double m = n * q;
            return Math.max(0, Math.min(n, Math.round(m + Math.sqrt(m * (1 - q)) * gauss(r))));
        }
        long k = 0;
        for (long i = 0; i < n; i++) {
            k += r.nextDouble() < q ? 1 : 0;
        }
        return k;
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** @return the largest |impressions| feature over the judged hours (each window's last row) of one day */
    private static double worstImpressions(FeatureExtractor fx, MetricSeries s, MetricSeries ref, int day) {
        double worst = 0;
        for (int h = 0; h < 24; h++) {
            double v = fx.window(s, day * 24 + h, ref).get(fx.config().windowLength() - 1, IMP);
            worst = Math.max(worst, Math.abs(v));
        }
        return worst;
    }

    @Test
    void anOrdinaryNightReadsAsUsualWithTheSeasonalBaselineAndAsACollapseWithAFlatOne() {
        MetricSeries kw = hourlyKeyword("kw", 1, 42, 24_000, 1.0, 1.0, Integer.MAX_VALUE, 1);
        int night = 40 * 24 + 3;
        double seasonal = hourly.window(kw, night).get(13, IMP);
        double flat = flatHourly.window(kw, night).get(13, IMP);
        assertThat(seasonal).isCloseTo(0.0, within(0.15));
        assertThat(flat).isLessThan(-1.2);
        assertThat(worstImpressions(hourly, kw, null, 40)).isLessThan(0.2);
        assertThat(worstImpressions(flatHourly, kw, null, 40)).isGreaterThan(1.0);
    }

    @Test
    void anAfternoonBudgetCutOffStandsOutOnlyWithTheSeasonalBaseline() {
        int cut = 40 * 24 + 15; // from 15:00 on day 40 the campaign serves 40% of its traffic
        MetricSeries kw = hourlyKeyword("kw", 2, 41, 24_000, 1.0, 1.0, cut, 0.4);
        double seasonal = hourly.window(kw, 40 * 24 + 19).get(13, IMP);
        double flat = flatHourly.window(kw, 40 * 24 + 19).get(13, IMP);
        assertThat(seasonal).isCloseTo(Math.log(0.4), within(0.2));
        // On the flat baseline the cut evening reads milder than an ordinary night: it hides in the cycle.
        double ordinaryNight = flatHourly.window(kw, 39 * 24 + 3).get(13, IMP);
        assertThat(flat).isGreaterThan(ordinaryNight + 0.5).isGreaterThan(-0.6);
    }

    @Test
    void weekendsAreComparedWithWeekends() {
        int saturday = 40 * 24; // day 40 from a Monday is a Saturday
        assertThat(T0.plusHours(saturday).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        MetricSeries kw = hourlyKeyword("kw", 3, 42, 24_000, 0.5, 1.0, Integer.MAX_VALUE, 1);
        assertThat(hourly.window(kw, saturday + 20).get(13, IMP)).isCloseTo(0.0, within(0.15));
        // a Saturday as busy as a weekday is twice the usual Saturday, not the 1.2 times a pooled hour would say
        MetricSeries busy = hourlyKeyword("kw", 3, 42, 24_000, 0.5, 1.0, saturday, 2.0);
        assertThat(hourly.window(busy, saturday + 20).get(13, IMP)).isCloseTo(Math.log(2), within(0.15));
    }

    @Test
    void seasonalRatesAbsorbAnEveningCpcPremium() {
        MetricSeries kw = hourlyKeyword("kw", 4, 42, 60_000, 1.0, 1.5, Integer.MAX_VALUE, 1);
        int evening = 40 * 24 + 20;
        assertThat(hourly.window(kw, evening).get(13, CPC)).isCloseTo(0.0, within(0.06));
        assertThat(flatHourly.window(kw, evening).get(13, CPC)).isGreaterThan(0.12);
    }

    @Test
    void aSparseKeywordFollowsItsReferencesCurve() {
        MetricSeries sparse = hourlyKeyword("kw-small", 5, 42, 100, 1.0, 1.0, Integer.MAX_VALUE, 1);
        MetricSeries profile = hourlyKeyword("profile", 6, 42, 500_000, 1.0, 1.0, Integer.MAX_VALUE, 1);
        double withRef = 0;
        double without = 0;
        for (int d = 34; d < 42; d++) {
            for (int h = 0; h < 24; h++) {
                withRef += Math.abs(hourly.window(sparse, d * 24 + h, profile).get(13, IMP));
                without += Math.abs(hourly.window(sparse, d * 24 + h).get(13, IMP));
            }
        }
        assertThat(withRef).isLessThan(0.8 * without);
        // and its evening is no surprise with the reference: the prior knows the account's peak
        double eveningWithRef = hourly.window(sparse, 40 * 24 + 20, profile).get(13, IMP);
        assertThat(Math.abs(eveningWithRef)).isLessThan(0.25);
    }

    @Test
    void aDailySeriesIsComparedWithTheSameWeekday() {
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.DAY);
        SplittableRandom r = new SplittableRandom(7);
        LocalDateTime d0 = T0.toLocalDate().atStartOfDay();
        for (int d = 0; d < 60; d++) {
            DayOfWeek dow = d0.plusDays(d).getDayOfWeek();
            double w = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.6 : 1.15;
            long imp = poisson(r, 40_000 * w);
            long clk = binomial(r, imp, 0.01);
            b.add(d0.plusDays(d), imp, clk, clk * 1.0, 0, 0);
        }
        MetricSeries s = b.build();
        FeatureExtractor seasonal = new FeatureExtractor();
        FeatureExtractor flat = new FeatureExtractor(FeatureConfig.DEFAULT.withSeasonality(Seasonality.NONE));
        int sunday = 55;
        assertThat(d0.plusDays(sunday).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(seasonal.window(s, sunday).get(13, IMP)).isCloseTo(0.0, within(0.05));
        assertThat(seasonal.window(s, sunday).get(13, SPEND)).isCloseTo(0.0, within(0.1));
        assertThat(flat.window(s, sunday).get(13, IMP)).isLessThan(-0.4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 3.7, 1000.0})
    void seasonalFeaturesStayFreeOfTheCurrency(double rate) {
        MetricSeries kw = hourlyKeyword("kw", 8, 42, 24_000, 0.7, 1.2, Integer.MAX_VALUE, 1);
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.HOUR);
        for (int i = 0; i < kw.size(); i++) {
            b.add(kw.periodAt(i), kw.impressions(i), kw.clicks(i), kw.spend(i) * rate, kw.sales(i) * rate,
                    kw.orders(i));
        }
        double[] base = hourly.window(kw, 41 * 24 + 18).toArray();
        double[] converted = hourly.window(b.build(), 41 * 24 + 18).toArray();
        for (int i = 0; i < base.length; i++) {
            assertThat(converted[i]).as("value %d", i).isCloseTo(base[i], within(1e-9));
        }
    }

    @Test
    void anEmptyKeywordStaysAtZeroAndNothingIsEverNaN() {
        MetricSeries.Builder b = MetricSeries.builder("kw0", Granularity.HOUR);
        for (int i = 0; i < 30 * 24; i++) {
            b.add(T0.plusHours(i), i % 97 == 0 ? 3 : 0, 0, 0, 0, 0);
        }
        MetricSeries s = b.build();
        MetricSeries profile = hourlyKeyword("profile", 9, 30, 50_000, 1.0, 1.0, Integer.MAX_VALUE, 1);
        for (int e = hourly.firstWindowEnd(); e < s.size(); e += 13) {
            for (double v : hourly.window(s, e, profile).toArray()) {
                assertThat(Double.isFinite(v)).isTrue();
                assertThat(Math.abs(v)).isLessThan(0.5);
            }
        }
        MetricSeries zero = MetricSeries.builder("z", Granularity.HOUR).add(T0, 0, 0, 0, 0, 0)
                .add(T0.plusHours(30 * 24 - 1L), 0, 0, 0, 0, 0).build();
        for (double v : hourly.window(zero, zero.size() - 1, profile).toArray()) {
            assertThat(v).isCloseTo(0.0, within(1e-12));
        }
    }

    @Test
    void aReferenceOfAnotherGranularityIsRejected() {
        MetricSeries kw = hourlyKeyword("kw", 10, 30, 1000, 1.0, 1.0, Integer.MAX_VALUE, 1);
        MetricSeries daily = MetricSeries.builder("pr", Granularity.DAY).add(T0, 1, 0, 0, 0, 0).build();
        assertThatThrownBy(() -> hourly.window(kw, 700, daily)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference 'pr' of entity 'kw' must have granularity HOUR, got DAY");
    }

    /**
     * Without a cycle every slot multiplier is about 1; not exactly, because the flat rates carry their own
     * smoothing (CTR<sub>b</sub> = (ΣC + ½)/(ΣI + 100)) that a slot's observed rate slightly corrects.
     */
    @Test
    void flatAndSeasonalAgreeWhenThereIsNoCycle() {
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.DAY);
        for (int d = 0; d < 50; d++) {
            b.add(T0.plusDays(d), 5000, 50, 50.0, 150.0, 5);
        }
        MetricSeries s = b.build();
        double[] seasonal = new FeatureExtractor().window(s, 49).toArray();
        double[] flat = new FeatureExtractor(FeatureConfig.DEFAULT.withSeasonality(Seasonality.NONE)).window(s, 49)
                .toArray();
        for (int i = 0; i < flat.length; i++) {
            assertThat(seasonal[i]).isCloseTo(flat[i], within(1e-3));
        }
    }

    @Test
    void theConfigKeepsItsSeasonalityThroughProperties() {
        FeatureConfig c = FeatureConfig.HOURLY.toBuilder().seasonShrink(7, 2).build();
        assertThat(FeatureConfig.of(c.toProperties())).isEqualTo(c);
        assertThat(c.toProperties().getProperty("seasonality")).isEqualTo("calendar");
        Properties p = new Properties();
        p.setProperty("seasonality", "NONE");
        assertThat(FeatureConfig.of(p, FeatureConfig.HOURLY))
                .isEqualTo(FeatureConfig.HOURLY.withSeasonality(Seasonality.NONE));
        p.setProperty("seasonality", "weekly");
        assertThatThrownBy(() -> FeatureConfig.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seasonality must be one of [none, calendar], got 'weekly'");
        assertThatThrownBy(() -> FeatureConfig.DEFAULT.toBuilder().seasonShrink(0, 1).build())
                .hasMessage("seasonShrinkClicks must be finite and > 0, got 0.0");
        assertThat(FeatureConfig.defaults(Granularity.HOUR)).isSameAs(FeatureConfig.HOURLY);
        assertThat(FeatureConfig.defaults(Granularity.DAY)).isSameAs(FeatureConfig.DEFAULT);
        assertThat(FeatureConfig.HOURLY.minimumSeriesLength()).isEqualTo(14 + 168);
    }
}
