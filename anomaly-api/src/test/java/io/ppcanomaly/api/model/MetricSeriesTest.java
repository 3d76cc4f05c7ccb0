package io.ppcanomaly.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {

    private static final LocalDateTime D1 = LocalDateTime.of(2026, 3, 1, 0, 0);

    @Test
    void gapsInsideTheRangeMeanZeroActivity() {
        MetricSeries s = MetricSeries.builder("kw", Granularity.DAY)
                .add(D1, new Metrics(100, 5, 2.5, 10, 1))
                .add(D1.plusDays(3), new Metrics(50, 1, 0.5, 0, 0))
                .build();
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.at(1)).isEqualTo(Metrics.ZERO);
        assertThat(s.at(2)).isEqualTo(Metrics.ZERO);
        assertThat(s.at(3).impressions()).isEqualTo(50);
        assertThat(s.end()).isEqualTo(D1.plusDays(3));
        assertThat(s.indexOf(D1.plusDays(2))).isEqualTo(2);
        assertThat(s.indexOf(D1.minusDays(1))).isEqualTo(-1);
        assertThat(s.indexOf(D1.plusDays(4))).isEqualTo(-1);
    }

    @Test
    void aSeriesFromArraysEqualsTheBuiltOneAndOwnsItsCopy() {
        long[] imp = {100, 0, 0, 50};
        long[] clk = {5, 0, 0, 1};
        double[] spend = {2.5, 0, 0, 0.5};
        double[] sales = {10, 0, 0, 0};
        long[] orders = {1, 0, 0, 0};
        MetricSeries s = MetricSeries.of("kw", Granularity.DAY, D1, imp, clk, spend, sales, orders);
        MetricSeries built = MetricSeries.builder("kw", Granularity.DAY)
                .add(D1, new Metrics(100, 5, 2.5, 10, 1))
                .add(D1.plusDays(3), new Metrics(50, 1, 0.5, 0, 0))
                .build();
        assertThat(s.size()).isEqualTo(built.size());
        assertThat(s.start()).isEqualTo(built.start());
        assertThat(s.end()).isEqualTo(built.end());
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.at(i)).isEqualTo(built.at(i));
        }
        imp[0] = 7;
        assertThat(s.impressions(0)).isEqualTo(100);
        assertThat(MetricSeries.of("kw", Granularity.DAY, null, new long[0], new long[0], new double[0],
                new double[0], new long[0]).isEmpty()).isTrue();
    }

    @Test
    void aSeriesFromArraysRejectsABadValueNamingEntityPeriodAndField() {
        assertThatThrownBy(() -> MetricSeries.of("kw-9", Granularity.DAY, D1, new long[] {10, 10},
                new long[] {1, 1}, new double[] {1, -2}, new double[] {0, 0}, new long[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kw-9")
                .hasMessageContaining("2026-03-02").hasMessageContaining("spend").hasMessageContaining("-2");
        assertThatThrownBy(() -> MetricSeries.of("kw-9", Granularity.DAY, D1.plusHours(3), new long[] {1},
                new long[] {1}, new double[] {1}, new double[] {0}, new long[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aligned");
        assertThatThrownBy(() -> MetricSeries.of("kw-9", Granularity.DAY, D1, new long[] {1, 2},
                new long[] {1}, new double[] {1}, new double[] {0}, new long[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void rejectsADuplicatePeriodNamingEntityAndPeriod() {
        MetricSeries.Builder b = MetricSeries.builder("kw-7", Granularity.DAY).add(D1, Metrics.ZERO);
        assertThatThrownBy(() -> b.add(D1, Metrics.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kw-7").hasMessageContaining("2026-03-01").hasMessageContaining("duplicate");
    }

    @Test
    void rejectsAnUnsortedPeriodAndKeepsTheBuilderUnchanged() {
        MetricSeries.Builder b = MetricSeries.builder("kw-7", Granularity.DAY)
                .add(D1.plusDays(2), new Metrics(1, 0, 0, 0, 0));
        assertThatThrownBy(() -> b.add(D1, Metrics.ZERO)).hasMessageContaining("kw-7")
                .hasMessageContaining("2026-03-01").hasMessageContaining("increasing");
        assertThat(b.build().size()).isEqualTo(1);
    }

    @Test
    void rejectsBadMetricsNamingEntityDateFieldAndValue() {
        MetricSeries.Builder b = MetricSeries.builder("kw-7", Granularity.DAY);
        assertThatThrownBy(() -> b.add(D1, 10, 1, -2, 0, 0))
                .hasMessage("entity 'kw-7' at 2026-03-01: spend must be finite and >= 0, got -2");
        assertThatThrownBy(() -> b.add(D1, 10, 11, 2, 0, 0)).hasMessageContaining("clicks must be <= impressions");
        assertThatThrownBy(() -> b.add(D1, 10, 1.5, 2, 0, 0)).hasMessageContaining("whole");
        assertThatThrownBy(() -> b.add(D1.plusHours(3), 10, 1, 2, 0, 0)).hasMessageContaining("aligned");
        assertThat(b.build().isEmpty()).isTrue();
    }

    @Test
    void hourlySeriesStepByHours() {
        MetricSeries s = MetricSeries.builder("kw", Granularity.HOUR)
                .add(D1.plusHours(10), Metrics.ZERO).add(D1.plusHours(12), new Metrics(3, 1, 1, 0, 0)).build();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.periodAt(2)).isEqualTo(D1.plusHours(12));
        assertThat(Granularity.HOUR.format(s.periodAt(2))).isEqualTo("2026-03-01T12:00");
    }

    @Test
    void sumAddsChildrenPeriodByPeriodOverTheUnionOfRanges() {
        MetricSeries a = MetricSeries.builder("a", Granularity.DAY).add(D1, new Metrics(10, 1, 1, 0, 0))
                .add(D1.plusDays(1), new Metrics(10, 1, 1, 0, 0)).build();
        MetricSeries b = MetricSeries.builder("b", Granularity.DAY).add(D1.plusDays(1), new Metrics(5, 2, 3, 4, 1))
                .add(D1.plusDays(2), new Metrics(7, 0, 0, 0, 0)).build();
        MetricSeries s = MetricSeries.sum("ag", Granularity.DAY, List.of(a, b));
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.at(0)).isEqualTo(new Metrics(10, 1, 1, 0, 0));
        assertThat(s.at(1)).isEqualTo(new Metrics(15, 3, 4, 4, 1));
        assertThat(s.at(2)).isEqualTo(new Metrics(7, 0, 0, 0, 0));
        assertThat(s.head(2).size()).isEqualTo(2);
    }

    @Test
    void tailKeepsThePeriodsFromAnIndexOnAndRefusesOneOutOfRange() {
        MetricSeries s = MetricSeries.builder("k", Granularity.DAY).add(D1, new Metrics(10, 1, 1, 0, 0))
                .add(D1.plusDays(1), new Metrics(20, 2, 2, 1, 1)).add(D1.plusDays(2), new Metrics(30, 3, 3, 0, 0))
                .build();
        MetricSeries t = s.tail(1);
        assertThat(t.start()).isEqualTo(D1.plusDays(1));
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.at(0)).isEqualTo(new Metrics(20, 2, 2, 1, 1));
        assertThat(t.at(1)).isEqualTo(new Metrics(30, 3, 3, 0, 0));
        assertThat(s.tail(0)).isSameAs(s);
        assertThat(s.tail(3).isEmpty()).isTrue();
        assertThatThrownBy(() -> s.tail(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must be in [0, 3], got 4");
    }
}
