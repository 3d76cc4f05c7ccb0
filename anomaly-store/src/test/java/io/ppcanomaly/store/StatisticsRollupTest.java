package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.store.schema.StatisticsRollups;
import io.ppcanomaly.store.schema.SchemaMigrator;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The statistics roll-ups (schema version 6) against the rows: a randomized series of saves (new alerts,
 * continuations, escalations), acknowledgements, resolutions, reopenings, labels, archiving and history retention,
 * after which {@code statistics} over many ranges — read from the roll-ups, with the top entities found both by
 * the direct grouping and by the pruned search — equals statistics grouped straight from the rows.
 */
class StatisticsRollupTest extends StoreSuite {

    private static final String[] DETECTORS = {"ensemble", "half-space-trees"};

    @OnBothDatabases
    void statisticsFromTheRollUpsEqualStatisticsGroupedFromTheRowsAfterARandomSeriesOfWrites(Db db)
            throws SQLException {
        ProfileId p = profile();
        ProfileId other = profile();
        AlertStore s = store(db);
        AlertStore retaining = store(db, StoreConfig.builder().clock(clock)
                .retention(new Retention(Duration.ofDays(3), Duration.ofDays(6))).build());
        Random rnd = new Random(20261205);
        List<Long> ids = new ArrayList<>();
        int checks = 0;
        for (int day = 0; day < 28; day++) {
            List<Alert> alerts = new ArrayList<>();
            for (int e = 0; e < 40; e++) {
                if (rnd.nextInt(3) == 0) {
                    alerts.add(alert((e % 5 == 0 ? "cp-" : "kw-") + e, day)
                            .type(e % 5 == 0 ? EntityType.CAMPAIGN : EntityType.KEYWORD)
                            .severity(Severity.values()[rnd.nextInt(4)]).detector(DETECTORS[rnd.nextInt(2)])
                            .money(rnd.nextInt(4) == 0 ? 0 : Math.round(rnd.nextDouble() * 50_000) / 100.0).build());
                }
            }
            if (alerts.isEmpty()) {
                continue;
            }
            SaveResult saved = s.save(p, report(alerts.toArray(Alert[]::new)));
            s.save(other, report(alerts.get(0)));
            saved.opened().forEach(a -> ids.add(a.id()));
            for (int k = 0; k < 12; k++) {
                long id = ids.get(rnd.nextInt(ids.size()));
                clock.advance(Duration.ofSeconds(1 + rnd.nextInt(50_000)).plusMillis(rnd.nextInt(1000)));
                StoredAlert a = s.get(p, id).orElse(null);
                if (a == null) {
                    ids.remove(id);  // deleted by history retention
                    continue;
                }
                if (a.isArchived()) {
                    s.feedback(p, id, rnd.nextBoolean(), "ana");
                    continue;
                }
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        if (a.status() == AlertStatus.OPEN) {
                            s.acknowledge(p, id, "ana");
                        }
                    }
                    case 1, 2 -> {
                        if (a.status() != AlertStatus.RESOLVED) {
                            s.resolve(p, id, Resolution.of("ana"));
                        }
                    }
                    case 3 -> {
                        if (a.status() != AlertStatus.OPEN) {
                            s.reopen(p, id);
                        }
                    }
                    default -> s.feedback(p, id, rnd.nextBoolean(), "ana");
                }
            }
            if (day % 6 == 5) {
                (day % 12 == 11 ? retaining : s).archive(p);
            }
            if (day % 9 == 8) {
                checks += compare(db, p, rnd);
            }
        }
        checks += compare(db, p, rnd);
        assertThat(count(db, "SELECT count(*) FROM anomaly_history WHERE profile_id = ?", p.value()))
                .as("some alerts were archived").isPositive();
        assertThat(count(db, "SELECT count(*) FROM anomaly_training_data WHERE profile_id = ?", p.value()))
                .as("some alerts were labelled").isPositive();
        assertThat(checks).isGreaterThan(40);

        // the migration's back-fill (the same statements) rebuilds the same roll-ups
        AlertStatistics incremental = s.statistics(p, Reports.D0.toLocalDate(), Reports.D0.toLocalDate().plusDays(40));
        try (Connection c = ownerSource(db).getConnection()) {
            c.setAutoCommit(false);
            StatisticsRollups.rebuild(c, db == Db.H2 ? Database.H2 : Database.POSTGRESQL);
            c.commit();
        }
        AlertStatistics rebuilt = s.statistics(p, Reports.D0.toLocalDate(), Reports.D0.toLocalDate().plusDays(40));
        assertSame(rebuilt, incremental);
        compare(db, p, rnd);
    }

    @OnBothDatabases
    void aDatabaseAtVersionFiveKeepsItsJsonWindowsReadableAndHasItsRowsCountedByTheBackFill(Db db) throws Exception {
        Database kind = db == Db.H2 ? Database.H2 : Database.POSTGRESQL;
        TestDatabase pgDb = null;
        JdbcConnectionPool h2Pool = null;
        DataSource ds;
        if (db == Db.H2) {
            h2Pool = JdbcConnectionPool.create("jdbc:h2:mem:v5-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
            ds = h2Pool;
        } else {
            pgDb = TestPostgres.get().createDatabase("v5");
            ds = pgDb.dataSource();
        }
        try {
            Flyway.configure(AlertStore.class.getClassLoader()).dataSource(ds).locations(kind.migrationLocation())
                    .table(SchemaMigrator.HISTORY_TABLE).target("5").load().migrate();
            Alert old = alert("kw-old", 10).build();
            Alert archived = alert("kw-arch", 3).severity(Severity.HIGH).money(75.5).build();
            String j = kind.jsonParameter();
            String cols = "(profile_id, entity_type, entity_id, entity_name, granularity, period, first_period, "
                    + "anomaly_start, occurrences, anomaly_score, peak_score, threshold, severity, severity_rank, "
                    + "detector_type, member_scores, explanation, kpi_changes, root_causes, sequence_data, "
                    + "feature_snapshot, money_at_stake, status, acknowledged_by, acknowledged_at, "
                    + "acknowledge_time_minutes, resolved_by, resolved_at, resolution_time_minutes, first_seen, last_seen, "
                    + "detection_timestamp, updated_at, version";
            String values = "VALUES ('v5', 'keyword', ?, ?, 'day', ?, ?, ?, 1, 0.995, 0.995, 0.99, ?, ?, 'ensemble', "
                    + "'{}', '{}', '{}', '[]', " + j + ", " + j + ", ?, ?, 'ana', CURRENT_TIMESTAMP, ?, ?, ?, ?, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0";
            try (Connection c = ds.getConnection();
                 PreparedStatement live = c.prepareStatement("INSERT INTO anomaly_alerts " + cols + ") " + values + ")");
                 PreparedStatement history = c.prepareStatement("INSERT INTO anomaly_history (id, " + cols.substring(1)
                         + ", archived_at) " + values.replace("VALUES (", "VALUES (5000, ") + ", CURRENT_TIMESTAMP)")) {
                bindV5(live, old, "acknowledged", 90.5, null, null);
                live.executeUpdate();
                bindV5(history, archived, "resolved", 30.0, Instant.parse("2026-03-05T10:00:00Z"), 240.25);
                history.executeUpdate();
            }
            try (AlertStore s = AlertStore.open(ds, StoreConfig.builder().clock(clock).build())) {
                ProfileId p = ProfileId.of("v5");
                LocalDate from = Reports.D0.toLocalDate();
                LocalDate to = from.plusDays(30);
                AlertStatistics counted = s.statistics(p, from, to);
                assertThat(counted.total()).as("both V5 rows back-filled").isEqualTo(2);
                assertSame(counted, s.inTransaction(p, tx -> StatisticsFromRows.run(tx.connection(), p, from, to)));
                long id = s.active(p, AlertFilter.ALL, Page.DEFAULT).alerts().get(0).id();
                TrainingExample t = s.feedback(p, id, true, "ana");
                assertThat(t.window()).as("a JSON window of version 5, read back").isEqualTo(old.window());
                assertThat(t.metrics()).isEqualTo(old.metrics());
                assertThat(s.feedback(p, 5000, false, "ana").window()).isEqualTo(archived.window());

                Alert next = alert("kw-old", 11).severity(Severity.CRITICAL).score(0.9995).build();
                assertThat(s.save(p, report(next)).continued()).extracting(StoredAlert::id).containsExactly(id);
                assertThat(s.feedback(p, id, true, "ana").window()).as("an existing label keeps its window")
                        .isEqualTo(old.window());
                AlertStatistics after = s.statistics(p, from, to);
                assertThat(after.bySeverity().get(Severity.CRITICAL)).isEqualTo(1);
                assertSame(after, s.inTransaction(p, tx -> StatisticsFromRows.run(tx.connection(), p, from, to)));
            }
        } finally {
            if (h2Pool != null) {
                h2Pool.dispose();
            }
            if (pgDb != null) {
                pgDb.close();
            }
        }
    }

    private static void bindV5(PreparedStatement ps, Alert a, String status, double ackMinutes, Instant resolvedAt,
                               Double resolveMinutes) throws SQLException {
        ps.setString(1, a.entityId());
        ps.setString(2, a.entityName());
        ps.setObject(3, a.period());
        ps.setObject(4, a.period());
        ps.setObject(5, a.period());
        ps.setString(6, a.severity().wireName());
        ps.setInt(7, a.severity().ordinal());
        ps.setString(8, AlertJson.window(a.window()));
        ps.setString(9, AlertJson.metrics(a.metrics()));
        ps.setDouble(10, a.moneyAtStake());
        ps.setString(11, status);
        ps.setDouble(12, ackMinutes);
        ps.setString(13, resolvedAt == null ? null : "ana");
        ps.setObject(14, resolvedAt == null ? null : OffsetDateTime.ofInstant(resolvedAt, ZoneOffset.UTC));
        if (resolveMinutes == null) {
            ps.setNull(15, Types.DOUBLE);
        } else {
            ps.setDouble(15, resolveMinutes);
        }
    }

    /** Compares the roll-ups' answer (direct and pruned top lists) with the rows' over several ranges. */
    private int compare(Db db, ProfileId p, Random rnd) {
        LocalDate d0 = Reports.D0.toLocalDate();
        List<LocalDate[]> ranges = new ArrayList<>(List.of(new LocalDate[] {d0.minusDays(5), d0.plusDays(40)},
                new LocalDate[] {d0.plusDays(60), d0.plusDays(70)}));
        for (int k = 0; k < 4; k++) {
            LocalDate from = d0.plusDays(rnd.nextInt(30));
            ranges.add(new LocalDate[] {from, from.plusDays(rnd.nextInt(k == 0 ? 1 : 12))});
        }
        for (LocalDate[] r : ranges) {
            AlertStatistics rows = store(db).inTransaction(p, tx -> StatisticsFromRows.run(tx.connection(), p, r[0],
                    r[1]));
            assertSame(store(db).statistics(p, r[0], r[1]), rows);
            assertSame(store(db).inTransaction(p, tx -> StatisticsQuery.run(tx.connection(), p, r[0], r[1], 0)), rows);
        }
        return 2 * ranges.size();
    }

    private static void assertSame(AlertStatistics actual, AlertStatistics expected) {
        String range = expected.from() + ".." + expected.to();
        assertThat(actual.total()).as(range).isEqualTo(expected.total());
        assertThat(actual.bySeverity()).as(range).isEqualTo(expected.bySeverity());
        assertThat(actual.byEntityType()).as(range).isEqualTo(expected.byEntityType());
        assertThat(actual.byDetector()).as(range).isEqualTo(expected.byDetector());
        assertThat(actual.byStatus()).as(range).isEqualTo(expected.byStatus());
        assertThat(actual.byDay()).as(range).isEqualTo(expected.byDay());
        assertThat(actual.labelled()).as(range).isEqualTo(expected.labelled());
        assertThat(actual.labelledTrue()).as(range).isEqualTo(expected.labelledTrue());
        assertMean(actual.meanTimeToAcknowledge(), expected.meanTimeToAcknowledge(), range);
        assertMean(actual.meanTimeToResolve(), expected.meanTimeToResolve(), range);
        assertTop(actual.topByAlerts(), expected.topByAlerts(), range + " by alerts");
        assertTop(actual.topByMoneyAtStake(), expected.topByMoneyAtStake(), range + " by money");
    }

    /** The rows' mean sums minutes as doubles; the roll-up whole milliseconds: the same to the millisecond. */
    private static void assertMean(Duration actual, Duration expected, String range) {
        if (expected == null) {
            assertThat(actual).as(range).isNull();
        } else {
            assertThat(actual).as(range).isNotNull();
            assertThat(actual.toMillis()).as(range).isCloseTo(expected.toMillis(), within(1L));
        }
    }

    private static void assertTop(List<AlertStatistics.EntityTotal> actual, List<AlertStatistics.EntityTotal> expected,
                                  String what) {
        assertThat(actual).as(what).extracting(e -> e.entityType() + "/" + e.entityId() + "/" + e.entityName() + "/"
                + e.alerts()).containsExactlyElementsOf(expected.stream().map(e -> e.entityType() + "/" + e.entityId()
                + "/" + e.entityName() + "/" + e.alerts()).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).moneyAtStake()).as(what).isCloseTo(expected.get(i).moneyAtStake(),
                    within(1e-9 * Math.max(1, expected.get(i).moneyAtStake())));
        }
    }
}
