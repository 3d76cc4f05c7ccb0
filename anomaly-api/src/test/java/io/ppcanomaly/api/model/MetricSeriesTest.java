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
}
