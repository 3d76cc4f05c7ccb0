package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.store.jdbc.UrlDataSource;
import io.ppcanomaly.store.schema.SchemaMigrator;
import io.ppcanomaly.store.schema.SchemaVersionException;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;

/** Opening a store: migrations, version refusal, an unreachable database, a closed store. */
class AlertStoreSchemaTest extends StoreSuite {

    private static final AtomicInteger FRESH = new AtomicInteger();
    /** Flyway quotes its lower-case names (H2 folds unquoted names to upper case). */
    private static final String HISTORY = "\"" + SchemaMigrator.HISTORY_TABLE + "\"";
    /** The newest script (V5, the server's API keys; V2-V4 are reserved and arrive later, out of order). */
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        cleanup.clear();
    }

    /** An empty database of its own. */
    private DataSource fresh(Db db) {
        if (db == Db.H2) {
            JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:fresh" + FRESH.incrementAndGet()
                    + ";DB_CLOSE_DELAY=-1", "sa", "");
            cleanup.add(() -> {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
                pool.dispose();
            });
            return pool;
        }
        TestDatabase d = TestPostgres.get().createDatabase("fresh");
        cleanup.add(d);
        return d.dataSource();
    }

    private static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** @return the newest version of the library's scripts (versions are added by the modules built on the store) */
    private static String latest(Db db, DataSource ds) {
        return new SchemaMigrator(ds, db == Db.H2 ? Database.H2 : Database.POSTGRESQL, "test").libraryVersion();
    }

    @OnBothDatabases
    void anEmptyDatabaseIsMigratedToTheNewestVersionInTheStoresOwnHistoryTable(Db db) throws SQLException {
        DataSource ds = fresh(db);
        String latest = latest(db, ds);
        assertThat(Integer.parseInt(latest)).isGreaterThanOrEqualTo(3);
        try (AlertStore s = AlertStore.open(ds, StoreConfig.builder().clock(clock).build())) {
            assertThat(s.schemaVersion()).isEqualTo(latest);
            assertThat(s.database()).isEqualTo(db == Db.H2 ? Database.H2 : Database.POSTGRESQL);
            assertThat(s.save(profile(), report(alert("kw-1", 10).build())).opened()).hasSize(1);
        }
        assertThat(count(ds, "SELECT count(*) FROM " + HISTORY + " WHERE \"version\" = '1' AND \"success\""))
                .as("V1 applied once").isEqualTo(1);
        assertThat(count(ds, "SELECT count(*) FROM " + HISTORY + " WHERE \"version\" = '" + latest
                + "' AND \"success\"")).as("the newest version applied once").isEqualTo(1);
        long rows = count(ds, "SELECT count(*) FROM " + HISTORY);
        try (AlertStore again = AlertStore.open(ds)) {
            assertThat(again.schemaVersion()).as("opening again migrates nothing").isEqualTo(latest);
        }
        assertThat(count(ds, "SELECT count(*) FROM " + HISTORY)).isEqualTo(rows);
    }

    @OnBothDatabases
    void aDatabaseAtVersionOneTakesTheIncidentsOfVersionFourAndItsAlertsGoOn(Db db) throws SQLException {
        DataSource ds = fresh(db);
        Flyway.configure(AlertStore.class.getClassLoader()).dataSource(ds)
                .locations((db == Db.H2 ? Database.H2 : Database.POSTGRESQL).migrationLocation())
                .table(SchemaMigrator.HISTORY_TABLE).target("1").load().migrate();
        exec(ds, "INSERT INTO anomaly_alerts (profile_id, entity_type, entity_id, entity_name, granularity, period, "
                + "first_period, anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, "
                + "severity_rank, detector_type, member_scores, explanation, kpi_changes, root_causes, money_at_stake, "
                + "status, first_seen, last_seen, detection_timestamp, updated_at, version) VALUES ('v1', 'keyword', "
                + "'kw-1', 'kw kw-1', 'day', TIMESTAMP '2026-03-11 00:00:00', TIMESTAMP '2026-03-11 00:00:00', "
                + "TIMESTAMP '2026-03-11 00:00:00', 1, 0.995, 0.995, 0.99, 'medium', 1, 'ensemble', '{}', '{}', '{}', "
                + "'[]', 120, 'open', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
        try (AlertStore s = AlertStore.open(ds, StoreConfig.builder().clock(clock).build())) {
            assertThat(s.schemaVersion()).isEqualTo(latest(db, ds));
            ProfileId p = ProfileId.of("v1");
            StoredAlert old = s.active(p, AlertFilter.ALL, Page.DEFAULT).alerts().get(0);
            assertThat(old.incidentId()).as("saved before incidents existed").isNull();
            SaveResult next = s.save(p, report(alert("kw-1", 11).build()));
            assertThat(next.continued()).extracting(StoredAlert::id).containsExactly(old.id());
            String incident = next.continued().get(0).incidentId();
            assertThat(incident).startsWith("inc-");
            assertThat(s.incident(p, incident).orElseThrow().alerts()).extracting(StoredAlert::id)
                    .containsExactly(old.id());
        }
    }

    @OnBothDatabases
    void theSchemaLivesBesideAHostsOwnTablesAndFlywayHistory(Db db) throws SQLException {
        DataSource ds = fresh(db);
        exec(ds, "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50))",
                "INSERT INTO flyway_schema_history VALUES (1, '7')",
                "CREATE TABLE campaigns (id int PRIMARY KEY, name varchar(50))", "INSERT INTO campaigns VALUES (1, 'x')");
        try (AlertStore s = AlertStore.open(ds)) {
            assertThat(s.schemaVersion()).isEqualTo(latest(db, ds));
        }
        assertThat(count(ds, "SELECT count(*) FROM campaigns")).isEqualTo(1);
        assertThat(count(ds, "SELECT count(*) FROM flyway_schema_history")).as("the host's history untouched")
                .isEqualTo(1);
        assertThat(count(ds, "SELECT count(*) FROM anomaly_alerts")).isZero();
    }

    @OnBothDatabases
    void aDatabaseAtANewerSchemaVersionIsRefusedNamingBothVersions(Db db) throws SQLException {
        DataSource ds = fresh(db);
        AlertStore.open(ds).close();
        String latest = latest(db, ds);
        exec(ds, "INSERT INTO " + HISTORY + " (\"installed_rank\", \"version\", \"description\", \"type\", "
                + "\"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\") "
                + "VALUES (100, '97', 'from the future', "
                + "'SQL', 'V97__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, TRUE)");
        assertThatThrownBy(() -> AlertStore.open(ds)).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("is at version 97, newer than version " + latest
                        + ", the newest this library knows")
                .satisfies(e -> {
                    assertThat(((SchemaVersionException) e).databaseVersion()).isEqualTo("97");
                    assertThat(((SchemaVersionException) e).libraryVersion()).isEqualTo(latest);
                });
        assertThatThrownBy(() -> AlertStore.open(ds, StoreConfig.builder().migrate(false).build()))
                .isInstanceOf(SchemaVersionException.class).hasMessageContaining("newer than version " + latest);
    }

    @OnBothDatabases
    void aDatabaseAtVersionOneIsMigratedToTheNewestKeepingItsAlerts(Db db) throws SQLException {
        DataSource ds = fresh(db);
        Flyway.configure(SchemaMigrator.class.getClassLoader()).dataSource(ds)
                .locations((db == Db.H2 ? Database.H2 : Database.POSTGRESQL).migrationLocation())
                .table(SchemaMigrator.HISTORY_TABLE).target("1").load().migrate();
        ProfileId p = profile();
        exec(ds, "INSERT INTO anomaly_training_data (profile_id, alert_id, entity_type, entity_id, period, "
                + "detector_type, is_true_anomaly, predicted_score, was_correctly_classified, labelled_by, labelled_at) "
                + "VALUES ('" + p.value() + "', 7, 'keyword', 'kw-1', TIMESTAMP '2026-03-01 00:00:00', 'ensemble', "
                + "TRUE, 0.99, TRUE, 'ana', CURRENT_TIMESTAMP)");
        try (AlertStore s = AlertStore.open(ds, StoreConfig.builder().clock(clock).build())) {
            assertThat(s.schemaVersion()).isEqualTo(latest(db, ds));
            assertThat(s.trainingData(p, null, java.time.LocalDateTime.of(2026, 1, 1, 0, 0),
                    java.time.LocalDateTime.of(2027, 1, 1, 0, 0))).hasSize(1);
        }
        for (String table : new String[] {"anomaly_model_versions", "anomaly_monitor_state", "anomaly_monitor_periods",
            "anomaly_monitor_leases"}) {
            assertThat(count(ds, "SELECT count(*) FROM " + table)).as(table).isZero();
        }
    }

    @OnBothDatabases
    void withMigrationsOffAnUnmigratedDatabaseIsRefusedSayingWhatToDo(Db db) {
        DataSource ds = fresh(db);
        assertThatThrownBy(() -> AlertStore.open(ds, StoreConfig.builder().migrate(false).build()))
                .isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("is at version none, this library needs version " + latest(db, ds)
                        + ": open the store once with migrations enabled");
    }

    @OnBothDatabases
    void anUnreachableDatabaseNamesItsUrlWithoutThePasswordAndTheCause(Db db) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = db == Db.H2
                ? "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:x;USER=sa;PASSWORD=hunter2"
                : "jdbc:postgresql://127.0.0.1:" + port + "/alerts?user=app&password=hunter2";
        assertThatThrownBy(() -> AlertStore.open(url, StoreConfig.DEFAULT))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to the alert store database at "
                        + url.replace("hunter2", "***") + ": ")
                .hasMessageContaining(db == Db.H2 ? "Connection refused" : "Connection to 127.0.0.1:" + port + " refused")
                .hasMessageNotContaining("hunter2");
    }

    @OnBothDatabases
    void aDatabaseThatGoesDownAfterOpeningGivesTheUrlAndTheCause(Db db) throws SQLException {
        if (db == Db.H2) {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:down" + FRESH.incrementAndGet()
                    + ";USER=sa;PASSWORD=secret";
            try (AlertStore s = AlertStore.open(url, StoreConfig.DEFAULT)) {
                server.stop();
                assertThatThrownBy(() -> s.active(profile(), AlertFilter.ALL, Page.DEFAULT))
                        .isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("cannot connect to the alert store database at "
                                + url.replace("secret", "***") + " to list active alerts: ")
                        .hasMessageContaining("Connection refused")
                        .hasMessageNotContaining("secret");
            } finally {
                server.stop();
            }
            return;
        }
        TestDatabase d = TestPostgres.get().createDatabase("down");
        cleanup.add(d);
        String url = d.url() + "?user=postgres&password=secret";
        try (AlertStore s = AlertStore.open(url, StoreConfig.DEFAULT)) {
            admin("ALTER DATABASE " + d.name() + " ALLOW_CONNECTIONS false");
            assertThatThrownBy(() -> s.get(profile(), 1))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot connect to the alert store database at " + d.url()
                            + "?user=postgres&password=*** to read alert 1: ")
                    .hasMessageContaining("is not currently accepting connections")
                    .hasMessageNotContaining("secret");
            admin("ALTER DATABASE " + d.name() + " ALLOW_CONNECTIONS true");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = TestPostgres.get().connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @OnBothDatabases
    void aClosedStoreRefusesEveryCallClearly(Db db) {
        AlertStore s = AlertStore.open(fresh(db));
        s.close();
        s.close();
        ProfileId p = profile();
        String closed = "alert store on " + s.url() + " is closed";
        assertThatThrownBy(() -> s.save(p, report(alert("kw-1", 10).build()))).isInstanceOf(IllegalStateException.class)
                .hasMessage(closed + ": cannot save 1 alerts of profile " + p);
        assertThatThrownBy(() -> s.active(p, AlertFilter.ALL, Page.DEFAULT)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(closed);
        assertThatThrownBy(() -> s.acknowledge(p, 1, "ana")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(closed);
        assertThatThrownBy(() -> s.archive(p)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(closed);
    }

    @OnBothDatabases
    void urlsArePrintedWithoutPasswords(Db db) {
        UrlDataSource ds = new UrlDataSource("jdbc:postgresql://app:pw1@h:5432/db?user=app&password=pw2&sslpassword=pw3",
                null, null);
        assertThat(ds.getUrl()).isEqualTo("jdbc:postgresql://app:***@h:5432/db?user=app&password=***&sslpassword=***");
        assertThat(io.ppcanomaly.store.jdbc.JdbcUrls.redact("jdbc:h2:file:/x;USER=sa;PASSWORD=pw;MODE=x"))
                .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=***;MODE=x");
        assertThat(store(db).url()).doesNotContain("password=").isNotBlank();
    }
}
