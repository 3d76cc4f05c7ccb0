package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.testing.PerformanceTable;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The server's metrics from the host's own performance table ({@code source.*} keys of its configuration file): read
 * from PostgreSQL with a renamed column mapped, a history applied in the database; bad settings refused naming the
 * key. (That the series drawn this way equal those of every row: {@code SeriesViewHistoryTest}.)
 */
class ServerSourceConfigTest {

    private static Properties file(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void sourceKeysReadTheHostsTableWithItsHistoryAppliedInPostgres() throws Exception {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(40).days(90)
                .build());
        List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "pr-01", 90);
        try (TestDatabase db = TestPostgres.get().createDatabase("serversource")) {
            try (Connection c = db.connect()) {
                PerformanceTable.create(c, "ads_daily");
                PerformanceTable.insert(c, "ads_daily", rows);
                try (var s = c.createStatement()) {
                    s.execute("ALTER TABLE ads_daily RENAME COLUMN spend TO cost");
                }
            }
            MetricSource table = ServerMain.tableSource(file("port", "0", "source.type", "jdbc", "source.url",
                    db.url(), "source.user", "postgres", "source.password", "", "source.table", "ads_daily",
                    "source.column.spend", "cost"), null);
            assertThat(table.description()).contains("ads_daily");
            AccountData all = table.load(new MetricQuery("pr-01", null));
            AccountData bounded = table.load(new MetricQuery("pr-01", null, 20));
            assertThat(all.summary().rowsRead()).isEqualTo(90L * 40);
            assertThat(bounded.summary().rowsRead()).as("20 days and one earlier row per keyword").isEqualTo(21L * 40);
            assertThat(bounded.leafMetrics().keySet()).isEqualTo(all.leafMetrics().keySet()).hasSize(40);
            assertThat(bounded.leafMetrics().values()).allSatisfy(m -> assertThat(m.size()).isEqualTo(20));
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
