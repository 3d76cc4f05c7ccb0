package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.server.series.SeriesView;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.testing.PerformanceTable;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The server's metrics from the host's own performance table ({@code source.*} keys of its configuration file): the
 * dashboard's series drawn from PostgreSQL, which applies the history the series view asks for, are byte for byte
 * those drawn from every row of the same data as a report CSV; bad settings are refused naming the key.
 */
class ServerSourceConfigTest {

    private static Properties file(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

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
    void theDashboardsSeriesFromAPostgresTableAreThoseOfEveryRow() throws Exception {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(80).days(120)
                .build());
        List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "pr-01", 120);
        try (TestDatabase db = TestPostgres.get().createDatabase("serversource")) {
            try (Connection c = db.connect()) {
                PerformanceTable.create(c, "ads_daily");
                PerformanceTable.insert(c, "ads_daily", rows);
            }
            MetricSource table = ServerMain.tableSource(file("port", "0", "source.type", "jdbc", "source.url",
                    db.url(), "source.user", "postgres", "source.password", "", "source.table", "ads_daily"), null);
            assertThat(table.description()).contains("ads_daily");
            CsvMetricSource csv = CsvMetricSource.ofText("report.csv", PerformanceTable.csv(rows), OnError.FAIL);
            FeatureConfig features = FeatureConfig.DEFAULT;
            String keyword = account.keywordIds().get(3);
            String campaign = account.graph().get(account.graph().get(keyword).parentId()).parentId();
            for (StoredAlert a : List.of(alert(account, keyword, EntityType.KEYWORD, account.end().minusDays(5), 3),
                    alert(account, campaign, EntityType.CAMPAIGN, account.end().minusDays(30), 1))) {
                LocalDateTime until = a.period().plusDays(7);
                int history = SeriesView.historyPeriods(a, features, 30, 7);
                AccountData bounded = table.load(new MetricQuery("pr-01", until, history));
                AccountData every = csv.load(new MetricQuery("pr-01", until));
                assertThat(bounded.summary().rowsRead()).as("the history and one earlier row per keyword")
                        .isEqualTo((history + 1L) * 80);
                assertThat(new String(SeriesView.render(a, bounded, features, 30, 7)))
                        .isEqualTo(new String(SeriesView.render(a, every, features, 30, 7)));
            }
        }
    }

    @Test
    void noSourceKeysMeansTheInputOrTheSampleAndBadOnesAreRefusedByName() {
        assertThat(ServerMain.tableSource(file("port", "8080", "input", "report.csv"), Path.of("report.csv")))
                .isNull();
        assertThatThrownBy(() -> ServerMain.tableSource(file("source.type", "csv", "source.path", "x.csv"), null))
                .hasMessageContaining("'source.type' must be jdbc").hasMessageContaining("'csv'");
        assertThatThrownBy(() -> ServerMain.tableSource(file("source.type", "jdbc", "source.url", "jdbc:h2:mem:x",
                "source.table", "t"), Path.of("report.csv")))
                .hasMessageContaining("'input'").hasMessageContaining("two metric sources");
        assertThatThrownBy(() -> ServerMain.tableSource(file("source.type", "jdbc", "source.table", "t"), null))
                .hasMessage("server config key 'source.url' must be set for a jdbc source (the host's database, e.g. "
                        + "jdbc:postgresql://host:5432/ads), got none");
        assertThatThrownBy(() -> ServerMain.tableSource(file("source.type", "jdbc", "source.url", "jdbc:h2:mem:x",
                "source.table", "t", "source.granularity", "month"), null))
                .hasMessage("server config key 'source.granularity' must be day or hour, got 'month'");
        assertThatThrownBy(() -> ServerMain.tableSource(file("source.type", "jdbc", "source.url", "jdbc:h2:mem:x",
                "source.table", "t", "source.tabel", "u"), null))
                .hasMessageContaining("server config key 'source.tabel' (value 'u') is unknown for a jdbc source");
    }
}
