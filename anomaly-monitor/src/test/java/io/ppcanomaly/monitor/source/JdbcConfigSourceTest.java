package io.ppcanomaly.monitor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.AnomalyMonitor;
import io.ppcanomaly.monitor.MetricSourceFactory;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.testing.PerformanceTable;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code source.type = jdbc}: the monitor reads the host's performance table from its configuration file, on H2 and
 * on PostgreSQL — the same account as the CSV source from the same rows, a renamed column mapped, a monitor judging
 * from it; every bad setting refused naming the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcConfigSourceTest {

    enum Db { H2, POSTGRESQL }

    private static final int DAYS = 70;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private SampleAccount account;
    private List<PerformanceTable.Row> rows;
    private TestDatabase pg;
    private Connection h2Keeper;

    @BeforeAll
    void setUp() throws Exception {
        account = Fixtures.account(60, DAYS, 3);
        rows = PerformanceTable.rows(account, Fixtures.SOURCE_PROFILE, DAYS);
        h2Keeper = DriverManager.getConnection(url(Db.H2), "sa", "");
        pg = TestPostgres.get().createDatabase("jdbcconfig");
        for (Db db : Db.values()) {
            try (Connection c = db == Db.H2 ? DriverManager.getConnection(url(db), "sa", "") : pg.connect()) {
                PerformanceTable.create(c, "perf");
                PerformanceTable.insert(c, "perf", rows);
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE perf RENAME COLUMN spend TO cost_usd");
                }
            }
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        h2Keeper.close();
        pg.close();
    }

    private String url(Db db) {
        return db == Db.H2 ? "jdbc:h2:mem:jdbcconfig;DB_CLOSE_DELAY=-1" : pg.url();
    }

    private Properties keys(Db db, String... more) {
        Properties p = new Properties();
        p.setProperty("type", "jdbc");
        p.setProperty("url", url(db));
        p.setProperty("user", db == Db.H2 ? "sa" : "postgres");
        p.setProperty("password", "");
        p.setProperty("table", "perf");
        p.setProperty("column.spend", "cost_usd");
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.setProperty(more[i], more[i + 1]);
        }
        return p;
    }

    private static MetricSource source(MetricSourceFactory f) {
        return f.sourceFor(ProfileSettings.of("p"));
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void readsTheTableAsTheCsvSourceReadsTheSameRows(Db db) throws Exception {
        MetricSource jdbc = source(MonitorSources.of(keys(db)));
        MetricSource csv = CsvMetricSource.ofText("perf.csv", PerformanceTable.csv(rows), OnError.FAIL);
        LocalDateTime until = account.end().minusDays(5);
        for (MetricQuery q : List.of(new MetricQuery(Fixtures.SOURCE_PROFILE, until),
                new MetricQuery(Fixtures.SOURCE_PROFILE, until, 20))) {
            AccountData a = jdbc.load(q);
            AccountData b = csv.load(q);
            assertThat(a.graph().entities()).containsExactlyInAnyOrderElementsOf(b.graph().entities());
            assertThat(a.leafMetrics().keySet()).isEqualTo(b.leafMetrics().keySet()).hasSize(60);
            for (Map.Entry<String, MetricSeries> e : b.leafMetrics().entrySet()) {
                MetricSeries x = a.leafMetrics().get(e.getKey());
                assertThat(x.start()).isEqualTo(e.getValue().start());
                assertThat(x.size()).isEqualTo(e.getValue().size());
                for (int i = 0; i < x.size(); i++) {
                    assertThat(x.at(i)).isEqualTo(e.getValue().at(i));
                }
            }
        }
        // the history is applied in the database on PostgreSQL only, unless the key says otherwise
        MetricQuery bounded = new MetricQuery(Fixtures.SOURCE_PROFILE, until, 20);
        long days = DAYS - 5;
        assertThat(jdbc.load(bounded).summary().rowsRead()).isEqualTo(db == Db.POSTGRESQL ? 21L * 60 : days * 60);
        assertThat(source(MonitorSources.of(keys(db, "history-in-database", "true"))).load(bounded).summary()
                .rowsRead()).isEqualTo(21L * 60);
        assertThat(source(MonitorSources.of(keys(db, "history-in-database", "false"))).load(bounded).summary()
                .rowsRead()).isEqualTo(days * 60);
    }

    @Test
    void aMonitorConfiguredWithAJdbcSourceJudgesFromIt() throws Exception {
        try (TestStores db = TestStores.create(TestStores.Db.H2, "jdbc_config");
             AlertStore store = db.open(clock);
             AnomalyMonitor m = AnomalyMonitor.builder().config(Fixtures.config(List.of(EntityType.KEYWORD), "p")
                     .build()).store(store).sources(MonitorSources.of(keys(Db.POSTGRESQL))).clock(clock)
                     .service(new AnomalyService(clock)).discoverExtensions(false).build()) {
            for (int back = 2; back >= 0; back--) {
                RunResult r = m.runOnce(ProfileId.of("p"), account.end().minusDays(back));
                assertThat(r.outcome()).as(r.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
                assertThat(r.levels().get(0).trained()).isEqualTo(back == 2);
                assertThat(r.levels().get(0).periods()).containsExactly(account.end().minusDays(back));
            }
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> MonitorSources.of(without(keys(Db.H2), "url")))
                .hasMessageContaining("'source.url' must be set");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "url", "postgres://host/db")))
                .hasMessageContaining("'source.url'").hasMessageContaining("postgres://host/db");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "query", "SELECT * FROM perf")))
                .hasMessageContaining("'source.table' and 'source.query'").hasMessageContaining("both");
        assertThatThrownBy(() -> MonitorSources.of(without(keys(Db.H2), "table")))
                .hasMessageContaining("'source.table' and 'source.query'").hasMessageContaining("neither");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "table", "perf; DROP TABLE perf")))
                .hasMessageContaining("'source.table'");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "granularity", "week")))
                .hasMessageContaining("'source.granularity'").hasMessageContaining("week");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "fetch-size", "0")))
                .hasMessageContaining("'source.fetch-size'").hasMessageContaining("'0'");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "history-in-database", "maybe")))
                .hasMessageContaining("'source.history-in-database'").hasMessageContaining("maybe");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "column.costs", "cost_usd")))
                .hasMessageContaining("'source.column.costs'").hasMessageContaining("spend");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "on-error", "ignore")))
                .hasMessageContaining("'source.on-error'").hasMessageContaining("ignore");
        assertThatThrownBy(() -> MonitorSources.of(keys(Db.H2, "pth", "/tmp")))
                .hasMessageContaining("'source.pth'").hasMessageContaining("unknown for a jdbc source");
    }

    private static Properties without(Properties p, String key) {
        p.remove(key);
        return p;
    }
}
