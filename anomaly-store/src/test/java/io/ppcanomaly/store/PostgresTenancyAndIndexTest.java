package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.store.schema.StatisticsRollups;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL only: row-level security seen from plain SQL by an ordinary role, and every store call on tables of
 * 30,000 rows answered without a sequential scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTenancyAndIndexTest {

    private static final int BULK = 30_000;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private TestDatabase db;
    private AlertStore owner;
    private AlertStore app;
    private String appRole;
    private String reporting;

    @BeforeAll
    void open() {
        db = TestPostgres.get().createDatabase("rls");
        owner = AlertStore.open(db.dataSource(), StoreConfig.builder().clock(clock).build());
        appRole = db.createOrdinaryRole("app");
        db.grantStoreAccess(appRole);
        reporting = db.createOrdinaryRole("reporting");
        db.execute("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO " + reporting);
        app = AlertStore.open(db.dataSource(appRole), StoreConfig.builder().clock(clock).migrate(false).build());
    }

    @AfterAll
    void close() {
        app.close();
        owner.close();
        db.close();
    }

    @Test
    void plainSqlAsAnOrdinaryRoleSeesOnlyTheProfileSetAndNothingWhenNoneIsSet() throws SQLException {
        ProfileId a = ProfileId.of("tenant-a");
        ProfileId b = ProfileId.of("tenant-b");
        for (ProfileId p : List.of(a, b)) {
            SaveResult r = app.save(p, report(alert("kw-1", 10).build(), alert("kw-2", 10).build()));
            app.feedback(p, r.opened().get(0).id(), true, "ana");
            app.resolve(p, r.opened().get(1).id(), Resolution.of("ana"));
        }
        clock.advance(Duration.ofDays(1));
        app.archive(a, clock.instant());
        app.archive(b, clock.instant());

        DataSource plain = db.dataSource(reporting);
        try (Connection c = plain.getConnection()) {
            assertThat(isSuperuserOrOwner(c)).as("an ordinary role").isFalse();
            c.setAutoCommit(false);
            for (String table : List.of("anomaly_alerts", "anomaly_history", "anomaly_training_data",
                    "anomaly_incidents", "anomaly_stats_daily", "anomaly_stats_entities", "anomaly_stats_feedback")) {
                assertThat(profilesSeen(c, table)).as(table + " with no profile set").isEmpty();
            }
            set(c, a);
            for (String table : List.of("anomaly_alerts", "anomaly_history", "anomaly_training_data",
                    "anomaly_incidents", "anomaly_stats_daily", "anomaly_stats_entities", "anomaly_stats_feedback")) {
                assertThat(profilesSeen(c, table)).as(table + " with tenant-a set").containsOnlyKeys("tenant-a");
            }
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO anomaly_training_data (profile_id, alert_id, entity_type, entity_id, "
                            + "period, detector_type, is_true_anomaly, predicted_score, was_correctly_classified, "
                            + "labelled_by, labelled_at) VALUES ('tenant-b', 1, 'keyword', 'x', now(), 'd', true, 1, "
                            + "true, 'eve', now())");
                }
            }).as("writing another tenant's row").hasMessageContaining("row-level security");
            c.rollback();
            c.commit();
            assertThat(profilesSeen(c, "anomaly_alerts")).as("the setting ended with the transaction").isEmpty();
            assertThat(profilesSeen(c, "anomaly_incidents")).isEmpty();
            c.commit();
        }
        assertThatThrownBy(() -> app.archiveAll(clock.instant())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("archiving every profile at once needs a role that row-level security does "
                        + "not restrict");
    }

    private boolean isSuperuserOrOwner(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rolsuper OR rolbypassrls OR "
                + "(SELECT tableowner = current_user FROM pg_tables WHERE tablename = 'anomaly_alerts') "
                + "FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void set(Connection c, ProfileId p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('ppc_anomaly.profile_id', ?, true)")) {
            ps.setString(1, p.value());
            ps.execute();
        }
    }

    private static Map<String, Long> profilesSeen(Connection c, String table) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT profile_id, count(*) FROM " + table + " GROUP BY profile_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * Counts sequential scans from {@code pg_stat_user_tables}, which only sees what backends have flushed. So that
     * the count is exact, this test has a database of its own (no other test's backend holds pending statistics on
     * its tables), every backend touching it belongs to one of two small pools, and before each reading every
     * connection of both pools runs {@code pg_stat_force_next_flush()}, which flushes the backend's pending counts
     * as it goes idle, before the statement's reply reaches the client (PostgreSQL 15+). No waiting on a clock.
     */
    @Test
    void everyStoreCallOnLargeTablesIsAnsweredFromIndexesWithoutASequentialScan() throws Exception {
        try (TestDatabase scans = TestPostgres.get().createDatabase("scans");
             FlushingPool ownerPool = new FlushingPool(scans, "postgres")) {
            try (AlertStore migrate = AlertStore.open(ownerPool.dataSource(), StoreConfig.builder().clock(clock)
                    .build())) {
                bulkLoad(ownerPool);
            }
            String role = scans.createOrdinaryRole("scanapp");
            scans.grantStoreAccess(role);
            try (FlushingPool appPool = new FlushingPool(scans, role);
                 AlertStore app = AlertStore.open(appPool.dataSource(), StoreConfig.builder().clock(clock)
                         .migrate(false).build())) {
                ProfileId p = ProfileId.of("bulk-7");
                Map<String, Long> before = seqScans(scans, ownerPool, appPool);
                SaveResult r = app.save(p, report(alert("kw-new", 40).severity(Severity.HIGH).build(),
                        alert("kw-7", 40).build()));
                app.save(p, report(alert("kw-new", 41).build()));
                long id = r.opened().get(0).id();
                app.active(p, AlertFilter.ALL, Page.first(50));
                app.active(p, AlertFilter.builder().minSeverity("medium").entityType("keyword").detector("ensemble")
                        .since(Reports.day(5)).build(), Page.first(20).next());
                app.get(p, id);
                app.get(p, 1_000_007);
                app.acknowledge(p, id, "ana");
                app.resolve(p, id, Resolution.of("ana"));
                app.reopen(p, id);
                app.feedback(p, id, true, "ana");
                app.feedback(p, 1_000_007, false, "ana");
                app.trainingData(p, null, Reports.day(0), Reports.day(60));
                app.statistics(p, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));
                app.archive(p);
                Map<String, Long> after = seqScans(scans, ownerPool, appPool);
                assertThat(after).as("sequential scans per table during the calls").isEqualTo(before);
                // anomaly_stats_feedback is left out: with one row per profile and day it holds 2,700 rows (15
                // pages) here, and PostgreSQL rightly reads a table that small whole for a profile's 90 days
                assertThat(before).as("the counters read").containsOnlyKeys("anomaly_alerts", "anomaly_history",
                        "anomaly_training_data", "anomaly_stats_daily", "anomaly_stats_entities");
            }
        }
    }

    /**
     * A pool of at most {@value #SIZE} connections as one role, every one of which can be made to flush its
     * pending statistics.
     */
    private static final class FlushingPool implements AutoCloseable {
        static final int SIZE = 3;
        private final JdbcConnectionPool pool;

        FlushingPool(TestDatabase db, String role) {
            PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
            ds.setUrl(db.url());
            ds.setUser(role);
            pool = JdbcConnectionPool.create(ds);
            pool.setMaxConnections(SIZE);
        }

        DataSource dataSource() {
            return pool;
        }

        /**
         * Borrows {@value #SIZE} connections at once — every physical connection the pool has, since it hands out
         * idle ones before opening new ones and never holds more — and flushes each one's statistics.
         */
        void flush() throws SQLException {
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < SIZE; i++) {
                    all.add(pool.getConnection());
                }
                for (Connection c : all) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_stat_force_next_flush()");
                    }
                }
            } finally {
                for (Connection c : all) {
                    c.close();
                }
            }
        }

        @Override
        public void close() {
            pool.dispose();
        }
    }

    private boolean loaded;

    private synchronized void bulkLoad() {
        if (!loaded) {
            loaded = true;
            try (Connection c = db.connect()) {
                bulkLoad(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void bulkLoad(FlushingPool pool) throws SQLException {
        try (Connection c = pool.dataSource().getConnection()) {
            bulkLoad(c);
        }
    }

    private static void bulkLoad(Connection c) throws SQLException {
        String common = "'bulk-' || (g % 30), 'keyword', 'kw-' || g, 'kw ' || g, 'day', "
                + "timestamp '2026-01-01' + (g % 90) * interval '1 day', timestamp '2026-01-01' + (g % 90) * interval '1 day', "
                + "timestamp '2026-01-01' + (g % 90) * interval '1 day', 1, 0.995, 0.995, 0.99, "
                + "(ARRAY['low','medium','high','critical'])[g % 4 + 1], g % 4, 'ensemble', '{}', '{\"cpc\": 0.4}', '{}', '[]', "
                + "(g % 1000) * 1.5, ";
        String cols = "(id, profile_id, entity_type, entity_id, entity_name, granularity, period, first_period, "
                + "anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, severity_rank, detector_type, "
                + "member_scores, explanation, kpi_changes, root_causes, money_at_stake, status, resolved_at, resolved_by, "
                + "first_seen, last_seen, detection_timestamp, updated_at, version";
        try (Statement s = c.createStatement()) {
            for (String q : List.of("INSERT INTO anomaly_alerts " + cols + ") SELECT g, " + common
                    + "CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'open' END, CASE WHEN g % 3 = 0 THEN now() END, "
                    + "CASE WHEN g % 3 = 0 THEN 'bulk' END, now(), now(), now(), now(), 0 FROM generate_series(1, " + BULK + ") g",
                    "SELECT setval(pg_get_serial_sequence('anomaly_alerts', 'id'), 10000000)",
                    "INSERT INTO anomaly_history " + cols + ", archived_at) SELECT 1000000 + g, " + common
                            + "'resolved', now() - interval '100 days', 'bulk', now(), now(), now(), now(), 0, now() "
                            + "FROM generate_series(1, " + BULK + ") g",
                    "INSERT INTO anomaly_training_data (profile_id, alert_id, entity_type, entity_id, period, detector_type, "
                            + "is_true_anomaly, predicted_score, was_correctly_classified, labelled_by, labelled_at) "
                            + "SELECT 'bulk-' || (g % 30), 2000000 + g, 'keyword', 'kw-' || g, timestamp '2026-01-01' + "
                            + "(g % 90) * interval '1 day', 'ensemble', g % 2 = 0, 0.99, g % 2 = 0, 'bulk', now() "
                            + "FROM generate_series(1, " + BULK + ") g",
                    "ANALYZE anomaly_alerts", "ANALYZE anomaly_history", "ANALYZE anomaly_training_data")) {
                s.execute(q);
            }
            // the rows above were written around the store: count them in the statistics roll-ups as V6 does
            StatisticsRollups.rebuild(c, Database.POSTGRESQL);
            for (String q : List.of("ANALYZE anomaly_stats_daily", "ANALYZE anomaly_stats_entities",
                    "ANALYZE anomaly_stats_feedback")) {
                s.execute(q);
            }
        }
    }

    /** Sequential scans so far per store table, after every backend of both pools flushed its statistics. */
    private static Map<String, Long> seqScans(TestDatabase scans, FlushingPool... pools) throws SQLException {
        for (FlushingPool p : pools) {
            p.flush();
        }
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = scans.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT relname, seq_scan FROM pg_stat_user_tables WHERE relname IN "
                    + "('anomaly_alerts', 'anomaly_history', 'anomaly_training_data', 'anomaly_stats_daily', "
                    + "'anomaly_stats_entities')")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    @Test
    void theActiveFeedIsReadStraightOffItsPartialIndex() throws SQLException {
        bulkLoad();
        List<String> plan = new ArrayList<>();
        try (Connection c = db.dataSource(appRole).getConnection()) {
            c.setAutoCommit(false);
            set(c, ProfileId.of("bulk-7"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN SELECT id FROM anomaly_alerts "
                    + "WHERE profile_id = 'bulk-7' AND status <> 'resolved' ORDER BY severity_rank DESC, "
                    + "money_at_stake DESC, id LIMIT 51 OFFSET 0")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            c.rollback();
        }
        assertThat(String.join("\n", plan)).contains("anomaly_alerts_active_ix").doesNotContain("Seq Scan")
                .doesNotContain("Sort");
    }
}
