package io.ppcanomaly.server.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportCsvWriter;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.source.JdbcMetricSource;
import io.ppcanomaly.store.testing.PerformanceTable;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The series endpoint asks its source for {@link SeriesView#historyPeriods} periods: drawn from a CSV source that
 * then leaves the older rows out, or from a PostgreSQL table that does it in the database, the series is byte for
 * byte the one drawn from every period.
 */
class SeriesViewHistoryTest {

    private static StoredAlert alert(SampleAccount account, String entityId, EntityType type, LocalDateTime period,
                                     int occurrences) {
        Instant now = Instant.parse("2026-04-01T00:00:00Z");
        LocalDateTime first = period.minusDays(occurrences - 1L);
        return new StoredAlert(1, ProfileId.of("pr-01"), type, entityId, account.graph().get(entityId).name(),
                Granularity.DAY, period, first, first, occurrences, 0.99, 0.99, 0.9, Severity.HIGH, "ensemble",
                Map.of(), Map.of(), Map.of(), List.of(), 10.0, AlertStatus.OPEN, null, null, null, null, null, null,
                null, null, now, now, now, now, 1, null, null);
    }

    @Test
    void theSeriesFromTheHistoryItAsksForIsTheSeriesFromEveryPeriod() throws IOException {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(80).days(120)
                .build());
        StringWriter csv = new StringWriter();
        ReportCsvWriter.write(new AccountData(account.graph(), account.granularity(), account.keywordSeries(),
                LoadSummary.NONE), csv);
        CsvMetricSource source = CsvMetricSource.ofText("report.csv", csv.toString(), OnError.FAIL);
        FeatureConfig features = FeatureConfig.DEFAULT;
        String keyword = account.keywordIds().get(3);
        String campaign = account.graph().get(account.graph().get(keyword).parentId()).parentId();
        int checked = 0;
        for (StoredAlert a : List.of(alert(account, keyword, EntityType.KEYWORD, account.end().minusDays(5), 3),
                alert(account, campaign, EntityType.CAMPAIGN, account.end().minusDays(30), 1))) {
            for (int[] window : new int[][] {{30, 7}, {3, 0}, {45, 14}}) {
                int before = window[0];
                int after = window[1];
                LocalDateTime until = a.period().plusDays(after);
                int history = SeriesView.historyPeriods(a, features, before, after);
                assertThat(history).isEqualTo(before + 28 + 14 + a.occurrences() + after);
                AccountData bounded = source.load(new MetricQuery("pr-01", until, history));
                AccountData full = source.load(new MetricQuery("pr-01", until));
                assertThat(bounded.summary().rowsLoaded()).isLessThan(full.summary().rowsLoaded());
                assertThat(new String(SeriesView.render(a, bounded, features, before, after)))
                        .isEqualTo(new String(SeriesView.render(a, full, features, before, after)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6);
    }

    /**
     * The same from the host's table on PostgreSQL, which applies the history in the database: the history and one
     * earlier row per keyword read, the series byte for byte those drawn from every row of the same data.
     */
    @Test
    void theSeriesFromAPostgresTableApplyingTheHistoryAreThoseOfEveryRow() throws Exception {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(80).days(120)
                .build());
        List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "pr-01", 120);
        try (TestDatabase db = TestPostgres.get().createDatabase("seriesview")) {
            try (Connection c = db.connect()) {
                PerformanceTable.create(c, "ads_daily");
                PerformanceTable.insert(c, "ads_daily", rows);
            }
            JdbcMetricSource table = JdbcMetricSource.builder(db.dataSource()).table("ads_daily").build();
            CsvMetricSource csv = CsvMetricSource.ofText("report.csv", PerformanceTable.csv(rows), OnError.FAIL);
            FeatureConfig features = FeatureConfig.DEFAULT;
            String keyword = account.keywordIds().get(3);
            String campaign = account.graph().get(account.graph().get(keyword).parentId()).parentId();
            for (StoredAlert a : List.of(alert(account, keyword, EntityType.KEYWORD, account.end().minusDays(5), 3),
                    alert(account, campaign, EntityType.CAMPAIGN, account.end().minusDays(30), 1))) {
                LocalDateTime until = a.period().plusDays(7);
                int history = SeriesView.historyPeriods(a, features, 30, 7);
                AccountData bounded = table.load(new MetricQuery("pr-01", until, history));
                assertThat(bounded.summary().rowsRead()).isEqualTo((history + 1L) * 80);
                assertThat(new String(SeriesView.render(a, bounded, features, 30, 7))).isEqualTo(new String(
                        SeriesView.render(a, csv.load(new MetricQuery("pr-01", until)), features, 30, 7)));
            }
        }
    }
}
