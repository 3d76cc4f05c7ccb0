package io.ppcanomaly.api.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureExtractorTest {

    private static final LocalDateTime D1 = LocalDateTime.of(2026, 1, 1, 0, 0);
    private final FeatureExtractor fx = new FeatureExtractor();

    /** A keyword with steady volumes and noise; counts scaled by {@code a}, money by {@code a * c}. */
    private static MetricSeries keyword(long seed, int days, double a, double c) {
        SplittableRandom r = new SplittableRandom(seed);
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.DAY);
        for (int d = 0; d < days; d++) {
            long imp = Math.round(a * (800 + r.nextInt(400)));
            long clk = Math.round(a * (10 + r.nextInt(8)));
            long ord = Math.round(a * (1 + r.nextInt(3)));
            double spend = clk * (0.9 + 0.2 * r.nextDouble()) * c;
            double sales = ord * (25 + 10 * r.nextDouble()) * c;
            b.add(D1.plusDays(d), imp, clk, spend, sales, ord);
        }
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.9, 3.7, 1000.0})
    void changingCurrencyLeavesEveryFeatureUnchanged(double rate) {
        double[] base = fx.window(keyword(1, 60, 1, 1), 59).toArray();
        double[] converted = fx.window(keyword(1, 60, 1, rate), 59).toArray();
        for (int i = 0; i < base.length; i++) {
            assertThat(converted[i]).as("value %d", i).isCloseTo(base[i], within(1e-9));
        }
    }

    @Test
    void scalingCountsAndMoneyTogetherLeavesFeaturesUnchangedOnceShrinkageFades() {
        double[] big = fx.window(keyword(2, 60, 1000, 1), 59).toArray();
        double[] bigger = fx.window(keyword(2, 60, 10000, 1), 59).toArray();
        for (int i = 0; i < big.length; i++) {
            assertThat(bigger[i]).as("value %d", i).isCloseTo(big[i], within(0.01));
        }
    }

    @Test
    void shrinkageDampsSmallCountsButNotLargeOnes() {
        // one day of zero clicks on a small keyword is noise; on a large one it is a collapse
        MetricSeries.Builder small = MetricSeries.builder("small", Granularity.DAY);
        MetricSeries.Builder large = MetricSeries.builder("large", Granularity.DAY);
        for (int d = 0; d < 42; d++) {
            boolean last = d == 41;
            small.add(D1.plusDays(d), 20, last ? 0 : 1, last ? 0 : 1.0, 0, 0);
            large.add(D1.plusDays(d), 20000, last ? 0 : 1000, last ? 0 : 1000.0, 0, 0);
        }
        double ctrSmall = fx.window(small.build(), 41).get(13, 0);
        double ctrLarge = fx.window(large.build(), 41).get(13, 0);
        assertThat(ctrSmall).isBetween(-1.0, 0.0);
        assertThat(ctrLarge).isLessThan(-4.0);
    }

    @Test
    void aKeywordWithNoClicksOrNoSalesGetsFiniteFeatures() {
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.DAY);
        for (int d = 0; d < 42; d++) {
            b.add(D1.plusDays(d), d % 3 == 0 ? 0 : 50, 0, 0, 0, 0);
        }
        FeatureWindow w = fx.window(b.build(), 41);
        for (double v : w.toArray()) {
            assertThat(Double.isFinite(v)).isTrue();
        }
        MetricSeries.Builder nothing = MetricSeries.builder("kw0", Granularity.DAY);
        for (int d = 0; d < 42; d++) {
            nothing.add(D1.plusDays(d), 0, 0, 0, 0, 0);
        }
        assertThat(fx.window(nothing.build(), 41).toArray()).containsOnly(0.0);
    }

    @Test
    void normalDaysGiveSmallFeaturesAndACpcSpikeGivesALargeCpcFeature() {
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.DAY);
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 0; d < 42; d++) {
            long clk = 40 + r.nextInt(5);
            double cpc = d == 41 ? 3.0 : 1.0;
            b.add(D1.plusDays(d), 4000, clk, clk * cpc, 4 * 30.0, 4);
        }
        FeatureWindow w = fx.window(b.build(), 41);
        int cpc = w.schema().indexOf(FeatureSchema.CPC);
        assertThat(Math.abs(w.get(5, cpc))).isLessThan(0.15);
        assertThat(w.get(13, cpc)).isCloseTo(Math.log(3.0), within(0.15));
        assertThat(w.period()).isEqualTo(D1.plusDays(41));
        assertThat(w.entityId()).isEqualTo("kw");
    }

    @Test
    void aReportingOutageShowsInTheVolumeFeatures() {
        MetricSeries.Builder b = MetricSeries.builder("kw", Granularity.DAY);
        for (int d = 0; d < 42; d++) {
            if (d == 41) {
                b.add(D1.plusDays(d), 0, 0, 0, 0, 0);
            } else {
                b.add(D1.plusDays(d), 3000, 30, 30.0, 90.0, 3);
            }
        }
        FeatureWindow w = fx.window(b.build(), 41);
        assertThat(w.get(13, w.schema().indexOf(FeatureSchema.IMPRESSIONS))).isLessThan(-4.0);
        assertThat(w.get(13, w.schema().indexOf(FeatureSchema.SPEND))).isLessThan(-2.0);
    }

    @Test
    void emptyOrShortSeriesAreRejectedNamingTheEntity() {
        MetricSeries empty = MetricSeries.builder("kw-empty", Granularity.DAY).build();
        assertThatThrownBy(() -> fx.window(empty, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kw-empty").hasMessageContaining("empty");
        MetricSeries shortOne = keyword(4, 15, 1, 1);
        assertThatThrownBy(() -> fx.window(shortOne, 14)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 21").hasMessageContaining("got 15");
        assertThatThrownBy(() -> fx.window(shortOne, D1.plusDays(100)))
                .hasMessageContaining("must lie in");
    }

    @Test
    void trainingWindowsSkipEndsWithoutEnoughHistory() {
        MetricSeries s = keyword(5, 60, 1, 1);
        assertThat(fx.windows(s, 0, 59, 1)).hasSize(60 - 20);
        assertThat(fx.windows(s, 0, 59, 7)).hasSize(6);
        assertThatThrownBy(() -> fx.windows(s, 0, 59, 0)).hasMessage("stride must be >= 1, got 0");
    }

    @Test
    void configRejectsBadValuesAndRoundTripsThroughProperties() {
        assertThatThrownBy(() -> FeatureConfig.DEFAULT.withWindowLength(0))
                .hasMessage("windowLength must be finite and > 0, got 0.0");
        assertThat(FeatureConfig.of(FeatureConfig.DEFAULT.toProperties())).isEqualTo(FeatureConfig.DEFAULT);
    }
}
