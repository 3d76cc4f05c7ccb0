package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MetricQuery#history()} on the CSV source: older rows are filtered, and what is kept is exactly the end of
 * what every period gives — the same graph, and each series from the history's first period on.
 */
class CsvHistoryTest {

    private static final String HEADER = "date,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n";

    private static String row(int day, String keyword, int impressions) {
        return LocalDate.of(2026, 3, 1).plusDays(day) + ",C,A," + keyword + "," + impressions + ",1,0.5,2,0\n";
    }

    private static AccountData load(String text, MetricQuery query) throws IOException {
        return CsvMetricSource.ofText("report.csv", text, OnError.FAIL).load(query);
    }

    private static LocalDateTime day(int d) {
        return LocalDate.of(2026, 3, 1).plusDays(d).atStartOfDay();
    }

    @Test
    void rowsBeforeTheHistoryCountedFromTheLastRowAreFiltered() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int d = 0; d < 10; d++) {
            csv.append(row(d, "k1", 100 + d)).append(row(d, "k2", 200 + d));
        }
        AccountData data = load(csv.toString(), new MetricQuery(null, null, 4));
        MetricSeries k1 = data.leafMetrics().get("/C/A/k1");
        assertThat(k1.start()).isEqualTo(day(6));
        assertThat(k1.size()).isEqualTo(4);
        assertThat(k1.impressions(0)).isEqualTo(106);
        assertThat(data.summary().rowsRead()).isEqualTo(20);
        assertThat(data.summary().rowsFiltered()).isEqualTo(12);
        assertThat(data.summary().rowsLoaded()).isEqualTo(8);
    }

    @Test
    void withAnUntilTheHistoryEndsThere() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int d = 0; d < 10; d++) {
            csv.append(row(d, "k1", 100 + d));
        }
        AccountData data = load(csv.toString(), new MetricQuery(null, day(5), 3));
        MetricSeries k1 = data.leafMetrics().get("/C/A/k1");
        assertThat(k1.start()).isEqualTo(day(3));
        assertThat(k1.end()).isEqualTo(day(5));
        assertThat(data.summary().rowsFiltered()).as("3 before, 4 after").isEqualTo(7);
    }

    @Test
    void aKeywordWithNoRowInTheHistoryStaysInTheGraphWithOnePeriodOfZeros() throws IOException {
        String csv = HEADER + row(0, "gone", 50) + row(1, "gone", 60) + row(0, "k1", 100) + row(8, "k1", 108)
                + row(9, "k1", 109);
        AccountData data = load(csv, new MetricQuery(null, null, 3));
        assertThat(data.graph().contains("/C/A/gone")).isTrue();
        MetricSeries gone = data.leafMetrics().get("/C/A/gone");
        assertThat(gone.start()).isEqualTo(day(7));
        assertThat(gone.size()).isEqualTo(1);
        assertThat(gone.impressions(0)).isZero();
        MetricSeries k1 = data.leafMetrics().get("/C/A/k1");
        assertThat(k1.start()).as("its full series runs through day 7 with zeros").isEqualTo(day(7));
        assertThat(k1.impressions(0)).isZero();
        assertThat(k1.impressions(1)).isEqualTo(108);
    }

    @Test
    void aDuplicateBeforeTheHistoryIsFilteredNotRefused() throws IOException {
        String csv = HEADER + row(0, "k1", 100) + row(0, "k1", 101) + row(5, "k1", 105);
        assertThatThrownBy(() -> load(csv, MetricQuery.ALL)).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("a second row");
        AccountData data = load(csv, new MetricQuery(null, null, 2));
        assertThat(data.summary().rowsFiltered()).isEqualTo(2);
        assertThat(data.leafMetrics().get("/C/A/k1").start()).isEqualTo(day(4));
    }

    @Test
    void hourlyRowsCountHours() throws IOException {
        StringBuilder csv = new StringBuilder("date,hour,campaign,ad_group,keyword,impressions,clicks,spend,sales,"
                + "orders\n");
        for (int h = 0; h < 30; h++) {
            LocalDateTime t = day(0).plusHours(h);
            csv.append(t.toLocalDate()).append(',').append(t.getHour()).append(",C,A,k1,").append(10 + h)
                    .append(",1,0.5,2,0\n");
        }
        AccountData data = load(csv.toString(), new MetricQuery(null, null, 5));
        assertThat(data.granularity()).isEqualTo(Granularity.HOUR);
        MetricSeries k1 = data.leafMetrics().get("/C/A/k1");
        assertThat(k1.start()).isEqualTo(day(1).plusHours(1));
        assertThat(k1.size()).isEqualTo(5);
    }

    /**
     * Random reports (keywords that start late, stop early, pause, rows in any order): with any history, the graph
     * is the one every period gives, and each series is that series from the history's first period on — zeros
     * where the full one runs through without rows, one period of zeros where it ended before.
     */
    @Test
    void whatIsKeptIsTheEndOfWhatEveryPeriodGivesOnRandomReports() throws IOException {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            List<String> rows = new ArrayList<>();
            int keywords = 1 + rnd.nextInt(8);
            int days = 5 + rnd.nextInt(40);
            for (int k = 0; k < keywords; k++) {
                int from = rnd.nextInt(days);
                int to = from + rnd.nextInt(days - from);
                for (int d = from; d <= to; d++) {
                    if (d == from || d == to || rnd.nextInt(4) > 0) {
                        rows.add(row(d, "k" + k, 1 + rnd.nextInt(1000)));
                    }
                }
            }
            Collections.shuffle(rows, rnd);
            String csv = HEADER + String.join("", rows);
            AccountData all = load(csv, MetricQuery.ALL);
            int history = 1 + rnd.nextInt(days + 3);
            LocalDateTime until = rnd.nextBoolean() ? null : day(rnd.nextInt(days + 2));
            AccountData full;
            try {
                full = load(csv, new MetricQuery(null, until));
            } catch (ReportFormatException e) {
                LocalDateTime u = until;
                assertThatThrownBy(() -> load(csv, new MetricQuery(null, u, history)))
                        .as("no row before until: the same failure").hasMessage(e.getMessage());
                continue;
            }
            AccountData part = load(csv, new MetricQuery(null, until, history));
            assertThat(part.graph().size()).isEqualTo(full.graph().size());
            assertThat(part.summary().rowsRead()).isEqualTo(all.summary().rowsRead());
            LocalDateTime last = full.leafMetrics().values().stream().map(MetricSeries::end)
                    .max(LocalDateTime::compareTo).orElseThrow();
            LocalDateTime first = last.minusDays(history - 1L);
            long older = 0;
            for (Map.Entry<String, MetricSeries> e : full.leafMetrics().entrySet()) {
                MetricSeries f = e.getValue();
                MetricSeries p = part.leafMetrics().get(e.getKey());
                assertThat(part.graph().contains(e.getKey())).isTrue();
                if (!f.start().isBefore(first)) {
                    assertThat(p.start()).isEqualTo(f.start());
                    assertThat(p.size()).isEqualTo(f.size());
                } else if (f.end().isBefore(first)) {
                    assertThat(p.start()).isEqualTo(first);
                    assertThat(p.size()).isEqualTo(1);
                    assertThat(p.impressions(0)).isZero();
                } else {
                    assertThat(p.start()).isEqualTo(first);
                    assertThat(p.end()).isEqualTo(f.end());
                }
                for (int i = 0; i < p.size(); i++) {
                    int j = f.indexOf(p.periodAt(i));
                    long expected = j < 0 ? 0 : f.impressions(j);
                    assertThat(p.impressions(i)).as("%s at %s", e.getKey(), p.periodAt(i)).isEqualTo(expected);
                }
                for (int i = 0; i < f.size(); i++) {
                    if (f.periodAt(i).isBefore(first) && f.impressions(i) > 0) {
                        older++;
                    }
                }
            }
            assertThat(part.summary().rowsFiltered() - full.summary().rowsFiltered()).isEqualTo(older);
        }
    }

    @Test
    void aNegativeHistoryIsRefusedNamingIt() {
        assertThatThrownBy(() -> new MetricQuery(null, null, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history must be >= 0 periods (0 for every period), got -1");
        assertThat(new MetricQuery("p", null).withHistory(5)).isEqualTo(new MetricQuery("p", null, 5));
        assertThat(new MetricQuery(null, null, 5).firstPeriod(day(10), Granularity.DAY)).isEqualTo(day(6));
        assertThat(MetricQuery.ALL.firstPeriod(day(10), Granularity.DAY)).isNull();
    }
}
