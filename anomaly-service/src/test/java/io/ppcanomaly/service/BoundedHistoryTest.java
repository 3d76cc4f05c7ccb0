package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.ReportCsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with a fitted model asks its source for only the history it reads ({@link HistoryNeed}); the CSV source
 * then leaves the older rows out of the series. Every run here is made twice on the same report file — once as the
 * service asks, once through a source that drops the history from the query and so loads every period — and the
 * reports must be equal in everything but the load summary and the timings: alerts (scores to the bit, starts,
 * severities, KPI changes, explanations, root causes), incidents and counts. Generated sample accounts with real
 * providers (Half-Space Trees, which learns period after period; Monte-Carlo Shapley; the hierarchy analyzer).
 * The in-memory source must keep the same history as the CSV source, series for series.
 */
class BoundedHistoryTest {

    private static final AnomalyService SERVICE = new AnomalyService(Clock.fixed(Instant.parse(
            "2026-04-01T06:00:00Z"), ZoneOffset.UTC));

    @TempDir
    static Path dir;

    private static SampleAccount daily;
    private static MetricSource dailyCsv;
    private static TrainedModel dailyModel;

    @BeforeAll
    static void sample() throws IOException {
        daily = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(150));
        dailyCsv = csv(daily, "daily.csv");
        dailyModel = SERVICE.train(request().asOf(daily.end().minusDays(20)).build(), dailyCsv);
    }

    private static MetricSource csv(SampleAccount account, String name) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            ReportCsvWriter.write(new AccountData(account.graph(), account.granularity(), account.keywordSeries(),
                    LoadSummary.NONE), w);
        }
        return CsvMetricSource.of(file);
    }

    private static DetectionRequest.Builder request() {
        return DetectionRequest.builder().entityType(EntityType.KEYWORD).detector("half-space-trees").seed(7);
    }

    /** Loads every period, whatever history the query asks for: how the service read before. */
    private static MetricSource everyPeriod(MetricSource s, List<MetricQuery> asked) {
        return recording(s, asked, q -> q.withHistory(0));
    }

    private static MetricSource recording(MetricSource s, List<MetricQuery> asked) {
        return recording(s, asked, UnaryOperator.identity());
    }

    /** @return {@code s}, each query recorded in {@code asked} and passed on through {@code change} */
    private static MetricSource recording(MetricSource s, List<MetricQuery> asked, UnaryOperator<MetricQuery> change) {
        return new MetricSource() {
            @Override
            public String description() {
                return s.description();
            }

            @Override
            public AccountData load(MetricQuery query) throws IOException {
                asked.add(query);
                return s.load(change.apply(query));
            }
        };
    }

    private static void assertSameResults(DetectionReport bounded, DetectionReport full) {
        assertSameResults(bounded, full, true);
    }

    private static void assertSameResults(DetectionReport bounded, DetectionReport full, boolean fewer) {
        assertThat(bounded.alerts()).isEqualTo(full.alerts());
        assertThat(bounded.incidents()).isEqualTo(full.incidents());
        assertThat(bounded.periods()).isEqualTo(full.periods());
        assertThat(bounded.totalEntitiesChecked()).isEqualTo(full.totalEntitiesChecked());
        assertThat(bounded.entitiesSkipped()).isEqualTo(full.entitiesSkipped());
        assertThat(bounded.windowsScored()).isEqualTo(full.windowsScored());
        assertThat(bounded.echoesSuppressed()).isEqualTo(full.echoesSuppressed());
        assertThat(bounded.belowMinScore()).isEqualTo(full.belowMinScore());
        assertThat(bounded.severityCounts()).isEqualTo(full.severityCounts());
        LoadSummary b = bounded.load();
        LoadSummary f = full.load();
        assertThat(b.rowsRead()).isEqualTo(f.rowsRead());
        if (fewer) {
            assertThat(b.rowsLoaded()).as("the bounded run loads fewer rows").isLessThan(f.rowsLoaded());
        }
        assertThat(b.rowsLoaded() + b.rowsFiltered()).isEqualTo(f.rowsLoaded() + f.rowsFiltered());
    }

    private static DetectionReport[] both(DetectionRequest request, MetricSource source) throws IOException {
        List<MetricQuery> asked = new ArrayList<>();
        DetectionReport bounded = SERVICE.detect(request, recording(source, asked));
        DetectionReport full = SERVICE.detect(request, everyPeriod(source, new ArrayList<>()));
        assertThat(asked).singleElement().satisfies(q -> assertThat(q.history()).isPositive());
        return new DetectionReport[] {bounded, full};
    }

    @Test
    void aBacktestWithAModelReadsOnlyItsHistoryAndFindsTheSameAlerts() throws IOException {
        DetectionReport[] r = both(dailyModel.applyTo(request().periods(12).build()), dailyCsv);
        assertThat(r[1].alerts()).as("alerts to compare").hasSizeGreaterThan(5);
        assertThat(r[1].alerts()).as("with root causes beyond the keyword itself")
                .anyMatch(a -> a.rootCauses().stream().anyMatch(c -> !c.entityId().equals(a.entityId())));
        assertThat(r[1].alerts()).as("with anomalies that started before the period judged")
                .anyMatch(a -> a.anomalyStart().isBefore(a.period()));
        assertSameResults(r[0], r[1]);
        // 12 periods + 7 of look-back + max(14 + 28 - 1 features, 2 x 24 hours of forecast) = 67 days
        LocalDateTime first = daily.end().minusDays(66);
        long older = daily.keywordSeries().values().stream()
                .mapToLong(s -> s.isEmpty() || !s.start().isBefore(first) ? 0 : Math.min(s.size(),
                        Granularity.DAY.between(s.start(), first)))
                .sum();
        assertThat(older).isPositive();
        assertThat(r[0].load().rowsFiltered()).isEqualTo(r[1].load().rowsFiltered() + older);
    }

    @Test
    void keywordsPausedAcrossTheHistorysStartStoppedBeforeItOrNewAfterItFindTheSameAlerts() throws IOException {
        MetricSource source = CsvMetricSource.of(gaps());
        for (int back : new int[] {0, 2}) {
            DetectionReport[] r = both(dailyModel.applyTo(request().asOf(daily.end().minusDays(back)).build()),
                    source);
            assertSameResults(r[0], r[1]);
        }
        DetectionReport[] r = both(dailyModel.applyTo(request().periods(8).build()), source);
        assertThat(r[1].alerts()).isNotEmpty();
        assertSameResults(r[0], r[1]);
    }

    /**
     * The daily report with keywords paused across the start of a one-day run's history, stopped before it, new
     * after it, and a whole ad group paused across it.
     */
    private static Path gaps() throws IOException {
        Path file = dir.resolve("gaps.csv");
        if (Files.exists(file)) {
            return file;
        }
        // A one-day run on the last day reads 1 + 7 + 48 = 56 days: the history starts 55 days before the end.
        LocalDateTime first = daily.end().minusDays(55);
        List<String> lines = Files.readAllLines(dir.resolve("daily.csv"));
        assertThat(lines).as("fields split at commas").noneMatch(l -> l.contains("\""));
        List<String> header = List.of(lines.get(0).split(","));
        int dateCol = header.indexOf("date");
        int kwCol = header.indexOf("keyword_id");
        int agCol = header.indexOf("ad_group_id");
        List<String> kept = new ArrayList<>();
        kept.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            LocalDateTime day = java.time.LocalDate.parse(f[dateCol]).atStartOfDay();
            long fromFirst = Granularity.DAY.between(first, day);
            String kw = f[kwCol];
            boolean paused = kw.endsWith("3") && fromFirst >= -6 && fromFirst <= 9;   // no rows across the start
            boolean stopped = kw.endsWith("7") && fromFirst >= -2;                    // last row before it
            boolean fresh = kw.endsWith("1") && fromFirst < 4;                        // first row after it
            boolean groupPaused = f[agCol].equals(agOf(header, lines, "kw-000020")) && fromFirst >= -3
                    && fromFirst <= 2;                                                // a whole ad group
            if (!paused && !stopped && !fresh && !groupPaused) {
                kept.add(line);
            }
        }
        Files.write(file, kept);
        return file;
    }

    @Test
    void anInMemorySourceKeepsTheHistoryAsTheCsvSourceDoesAndFindsTheSameAlerts() throws IOException {
        for (Path file : List.of(dir.resolve("daily.csv"), gaps())) {
            MetricSource csv = CsvMetricSource.of(file);
            MetricSource memory = InMemoryMetricSource.of("memory", csv.load(MetricQuery.ALL));
            MetricQuery q = new MetricQuery(null, daily.end().minusDays(2), 60);
            AccountData fromCsv = csv.load(q);
            AccountData fromMemory = memory.load(q);
            assertThat(fromMemory.graph().entities()).containsExactlyInAnyOrderElementsOf(fromCsv.graph().entities());
            assertThat(fromMemory.leafMetrics().keySet()).isEqualTo(fromCsv.leafMetrics().keySet());
            fromCsv.leafMetrics().forEach((id, a) -> {
                MetricSeries b = fromMemory.leafMetrics().get(id);
                assertThat(b.start()).as(id).isEqualTo(a.start());
                assertThat(b.size()).as(id).isEqualTo(a.size());
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.at(i)).as("%s at %d", id, i).isEqualTo(a.at(i));
                }
            });
            for (DetectionRequest req : List.of(dailyModel.applyTo(request().build()),
                    dailyModel.applyTo(request().periods(6).asOf(daily.end().minusDays(1)).build()))) {
                List<MetricQuery> asked = new ArrayList<>();
                DetectionReport bounded = SERVICE.detect(req, recording(memory, asked));
                DetectionReport full = SERVICE.detect(req, everyPeriod(memory, new ArrayList<>()));
                assertSameResults(bounded, full, false);
                long kept = memory.load(asked.get(0)).leafMetrics().values().stream().mapToLong(MetricSeries::size)
                        .sum();
                long all = memory.load(MetricQuery.ALL).leafMetrics().values().stream()
                        .mapToLong(MetricSeries::size).sum();
                assertThat(kept).as("periods kept").isLessThan(all);
            }
        }
    }

    private static String agOf(List<String> header, List<String> lines, String keywordId) {
        int kwCol = header.indexOf("keyword_id");
        int agCol = header.indexOf("ad_group_id");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[kwCol].equals(keywordId)) {
                return f[agCol];
            }
        }
        throw new AssertionError("no row of " + keywordId);
    }

    @Test
    void oneDayRunsAtSeveralAsOfDatesFindTheSameAlerts() throws IOException {
        for (int back : new int[] {0, 3, 9, 16}) {
            LocalDateTime asOf = daily.end().minusDays(back);
            DetectionReport[] r = both(dailyModel.applyTo(request().asOf(asOf).build()), dailyCsv);
            assertSameResults(r[0], r[1]);
        }
    }

    @Test
    void liveRunsChainedDayByDayFindTheSameAlertsAndKeepTheSameState() throws IOException {
        LiveState bounded = LiveState.start(dailyModel.detector());
        LiveState full = LiveState.start(dailyModel.detector());
        List<MetricQuery> asked = new ArrayList<>();
        int alerts = 0;
        for (int back = 10; back >= 0; back--) {
            DetectionRequest req = request().asOf(daily.end().minusDays(back)).features(dailyModel.features())
                    .build();
            LiveDetection b = SERVICE.detectLive(req, recording(dailyCsv, asked), bounded);
            LiveDetection f = SERVICE.detectLive(req, everyPeriod(dailyCsv, new ArrayList<>()), full);
            // The first run traces back like a backtest; later ones count the periods since the last in hours
            // (the state does not say whether they are days), so on 90 days they may read every day.
            assertSameResults(b.report(), f.report(), back == 10);
            assertThat(b.state().ongoing()).isEqualTo(f.state().ongoing());
            alerts += b.report().alerts().size();
            bounded = b.state();
            full = f.state();
        }
        assertThat(alerts).isPositive();
        assertThat(asked).allSatisfy(q -> assertThat(q.history()).isPositive());
    }

    /**
     * {@link AnomalyService#liveHistory} with the granularity known (the monitor's case: its champion's): fewer
     * periods than the count for either granularity, and chained live runs reading only that many find what runs
     * reading every period find.
     */
    @Test
    void liveRunsReadingTheHistoryCountedInDaysFindTheSameAlerts() throws IOException {
        LiveState bounded = LiveState.start(dailyModel.detector());
        LiveState full = LiveState.start(dailyModel.detector());
        List<Integer> days = new ArrayList<>();
        int alerts = 0;
        for (int back = 10; back >= 0; back--) {
            DetectionRequest req = request().asOf(daily.end().minusDays(back)).features(dailyModel.features())
                    .build();
            int n = AnomalyService.liveHistory(req, bounded, Granularity.DAY);
            int either = AnomalyService.liveHistory(req, bounded, null);
            assertThat(n).isPositive().isLessThanOrEqualTo(either);
            if (bounded.started()) {
                assertThat(n).as("counted in days, not hours").isLessThan(either);
            }
            days.add(n);
            LiveDetection b = SERVICE.detectLive(req, recording(dailyCsv, new ArrayList<>(), q -> q.withHistory(n)),
                    bounded);
            LiveDetection f = SERVICE.detectLive(req, everyPeriod(dailyCsv, new ArrayList<>()), full);
            assertSameResults(b.report(), f.report());
            assertThat(b.state().ongoing()).isEqualTo(f.state().ongoing());
            alerts += b.report().alerts().size();
            bounded = b.state();
            full = f.state();
        }
        assertThat(alerts).isPositive();
        assertThat(days).as("a day judged, the window and baseline, the anomalies still going").allSatisfy(d ->
                assertThat(d).isLessThan(60));
    }

    @Test
    void anHourlyBacktestWithAModelFindsTheSameAlerts() throws IOException {
        SampleAccount hourly = SyntheticAccountGenerator.generate(SampleConfig.HOURLY.withKeywords(60));
        MetricSource source = csv(hourly, "hourly.csv");
        TrainedModel model = SERVICE.train(request().asOf(hourly.end().minusHours(48)).maxTrainingWindows(20_000)
                .build(), source);
        DetectionReport[] r = both(model.applyTo(request().periods(36).build()), source);
        assertThat(r[0].granularity()).isEqualTo(Granularity.HOUR);
        assertThat(r[1].alerts()).as("alerts to compare").isNotEmpty();
        assertSameResults(r[0], r[1]);
    }

    @Test
    void runsThatFitOrWhoseAnalyzerDoesNotSayHowFarItReadsLoadEveryPeriod() throws IOException {
        List<MetricQuery> asked = new ArrayList<>();
        SERVICE.detect(request().asOf(daily.end().minusDays(60)).build(), recording(dailyCsv, asked));
        SERVICE.detect(dailyModel.applyTo(TestAccount.request().rootCauseAnalyzer("test-sibling-rollup")
                .entityType(EntityType.KEYWORD).build()), recording(dailyCsv, asked));
        assertThat(asked).extracting(MetricQuery::history).containsExactly(0, 0);
    }
}
