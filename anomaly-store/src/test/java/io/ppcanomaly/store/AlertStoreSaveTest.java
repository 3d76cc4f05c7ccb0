package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.day;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** save(): what it stores, idempotency, continuation, all-or-nothing, hooks, bad input. */
class AlertStoreSaveTest extends StoreSuite {

    @OnBothDatabases
    void savesEveryAlertOfAReportAndReadsItBackFieldForField(Db db) {
        ProfileId p = profile();
        Alert a = alert("kw-1", 10).severity(Severity.HIGH).money(412.5).start(8).explanation("acos", -0.2).build();
        SaveResult r = store(db).save(p, report(a, alert("kw-2", 10).build()));

        assertThat(r.opened()).hasSize(2);
        assertThat(r.continued()).isEmpty();
        StoredAlert s = store(db).get(p, r.opened().get(0).id()).orElseThrow();
        assertThat(s).isEqualTo(r.opened().get(0));
        assertThat(s.profile()).isEqualTo(p);
        assertThat(s.entityType()).isEqualTo(EntityType.KEYWORD);
        assertThat(s.entityId()).isEqualTo("kw-1");
        assertThat(s.entityName()).isEqualTo("kw kw-1");
        assertThat(s.granularity()).isEqualTo(Granularity.DAY);
        assertThat(s.period()).isEqualTo(day(10));
        assertThat(s.firstPeriod()).isEqualTo(day(10));
        assertThat(s.anomalyStart()).isEqualTo(day(8));
        assertThat(s.occurrences()).isEqualTo(1);
        assertThat(s.anomalyScore()).isEqualTo(a.anomalyScore());
        assertThat(s.peakScore()).isEqualTo(a.anomalyScore());
        assertThat(s.threshold()).isEqualTo(0.99);
        assertThat(s.severity()).isEqualTo(Severity.HIGH);
        assertThat(s.detectorType()).isEqualTo("ensemble");
        assertThat(s.memberScores()).isEqualTo(a.memberScores());
        assertThat(s.explanation()).containsExactlyEntriesOf(a.explanation());
        assertThat(s.kpiChanges()).isEqualTo(a.kpiChanges());
        assertThat(s.rootCauses()).isEqualTo(a.rootCauses());
        assertThat(s.moneyAtStake()).isEqualTo(412.5);
        assertThat(s.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(s.firstSeen()).isEqualTo(clock.instant()).isEqualTo(s.lastSeen());
        assertThat(s.detectionTimestamp()).isEqualTo(Reports.RUN);
        assertThat(s.version()).isZero();
        assertThat(s.isActive()).isTrue();
        assertThat(s.acknowledgedBy()).isNull();
        assertThat(s.archivedAt()).isNull();
    }

    @OnBothDatabases
    void aReportOfMoreAlertsThanOneInsertStatementTakesGivesEachAlertItsOwnId(Db db) {
        ProfileId p = profile();
        List<Alert> alerts = new ArrayList<>();
        int n = 2 * AlertSaver.INSERT_ROWS + 7;
        for (int i = 0; i < n; i++) {
            alerts.add(alert("kw-" + i, 10).money(i).build());
        }
        alerts.add(alert("kw-3", 12).money(3000).build());  // the same entity again, not continuing: a second alert
        SaveResult r = store(db).save(p, report(alerts.toArray(Alert[]::new)));

        assertThat(r.opened()).hasSize(n + 1);
        assertThat(r.opened().stream().map(StoredAlert::id).distinct()).hasSize(n + 1);
        for (StoredAlert opened : r.opened()) {
            StoredAlert s = store(db).get(p, opened.id()).orElseThrow();
            assertThat(s.entityId()).isEqualTo(opened.entityId());
            assertThat(s.firstPeriod()).isEqualTo(opened.firstPeriod());
            assertThat(s.moneyAtStake()).isEqualTo(opened.moneyAtStake());
        }
    }

    @OnBothDatabases
    void savingTheSameReportTwiceStoresNothingNew(Db db) throws SQLException {
        ProfileId p = profile();
        DetectionReport r = report(alert("kw-1", 10).build(), alert("kw-1", 11).build(), alert("kw-2", 11).build());
        SaveResult first = store(db).save(p, r);
        clock.advance(Duration.ofHours(1));
        SaveResult again = store(db).save(p, r);

        assertThat(first.opened()).hasSize(2);
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.alreadyStored()).isEqualTo(3);
        assertThat(count(db, "SELECT count(*) FROM anomaly_alerts WHERE profile_id = ?", p.value())).isEqualTo(2);
        StoredAlert kw1 = store(db).get(p, first.opened().get(0).id()).orElseThrow();
        assertThat(kw1.version()).as("untouched by the second save").isZero();
        assertThat(kw1.occurrences()).isEqualTo(2);
    }

    @OnBothDatabases
    void anEntityAlertingOnConsecutivePeriodsContinuesItsOpenAlertKeepingThePeakAndEscalating(Db db) {
        ProfileId p = profile();
        SaveResult d10 = store(db).save(p, report(alert("kw-1", 10).score(0.999).severity(Severity.MEDIUM).build()));
        clock.advance(Duration.ofDays(1));
        SaveResult d11 = store(db).save(p, report(alert("kw-1", 11).score(0.995).severity(Severity.CRITICAL)
                .money(900).build()));
        clock.advance(Duration.ofDays(1));
        SaveResult d12 = store(db).save(p, report(alert("kw-1", 12).score(0.993).severity(Severity.LOW).build()));

        long id = d10.opened().get(0).id();
        assertThat(d11.opened()).isEmpty();
        assertThat(d11.continued()).extracting(StoredAlert::id).containsExactly(id);
        assertThat(d11.escalated()).extracting(StoredAlert::id).containsExactly(id);
        assertThat(d12.continued()).extracting(StoredAlert::id).containsExactly(id);
        assertThat(d12.escalated()).as("lower severity: not an escalation").isEmpty();
        StoredAlert s = store(db).get(p, id).orElseThrow();
        assertThat(s).isEqualTo(d12.continued().get(0));
        assertThat(s.occurrences()).isEqualTo(3);
        assertThat(s.firstPeriod()).isEqualTo(day(10));
        assertThat(s.period()).isEqualTo(day(12));
        assertThat(s.anomalyScore()).as("the latest period's").isEqualTo(0.993);
        assertThat(s.peakScore()).isEqualTo(0.999);
        assertThat(s.severity()).as("never de-escalates while active").isEqualTo(Severity.CRITICAL);
        assertThat(s.moneyAtStake()).as("the latest period's").isEqualTo(120.0);
        assertThat(s.lastSeen()).isEqualTo(clock.instant());
        assertThat(s.firstSeen()).isEqualTo(clock.instant().minus(Duration.ofDays(2)));
        assertThat(s.version()).isEqualTo(2);
    }

    @OnBothDatabases
    void aBacktestReportBuildsTheSameAlertsAsSavingItsPeriodsOneByOne(Db db) {
        List<Alert> alerts = List.of(alert("kw-1", 10).build(), alert("kw-1", 11).severity(Severity.HIGH).build(),
                alert("kw-1", 13).build(), alert("kw-2", 11).build(), alert("kw-2", 12).build());
        ProfileId whole = profile();
        ProfileId daily = profile();
        SaveResult all = store(db).save(whole, report(alerts.toArray(Alert[]::new)));
        for (int d = 10; d <= 13; d++) {
            int day = d;
            store(db).save(daily, report(alerts.stream().filter(a -> a.period().equals(day(day)))
                    .toArray(Alert[]::new)));
        }
        assertThat(all.opened()).as("kw-1 days 10-11, kw-1 day 13 (a gap), kw-2 days 11-12").hasSize(3);
        assertThat(summary(db, whole)).isEqualTo(summary(db, daily));
        assertThat(summary(db, whole)).containsExactly("kw-1 2026-03-11T00:00..2026-03-12T00:00 x2 high",
                "kw-2 2026-03-12T00:00..2026-03-13T00:00 x2 medium", "kw-1 2026-03-14T00:00..2026-03-14T00:00 x1 medium");
    }

    private List<String> summary(Db db, ProfileId p) {
        List<String> out = new ArrayList<>();
        for (StoredAlert a : store(db).active(p, AlertFilter.ALL, Page.first(100)).alerts()) {
            out.add(a.entityId() + " " + a.firstPeriod() + ".." + a.period() + " x" + a.occurrences() + " "
                    + a.severity().wireName());
        }
        out.sort((x, y) -> x.substring(x.indexOf(' ')).compareTo(y.substring(y.indexOf(' '))));
        return out;
    }

    @OnBothDatabases
    void aResolvedAlertIsNeverContinuedTheAnomalyComingBackOpensANewOne(Db db) {
        ProfileId p = profile();
        long first = store(db).save(p, report(alert("kw-1", 10).build())).opened().get(0).id();
        store(db).resolve(p, first, Resolution.of("ana"));
        SaveResult next = store(db).save(p, report(alert("kw-1", 11).build()));
        assertThat(next.opened()).hasSize(1);
        assertThat(next.opened().get(0).id()).isNotEqualTo(first);
        assertThat(store(db).get(p, first).orElseThrow().occurrences()).isEqualTo(1);
    }

    @OnBothDatabases
    void anAcknowledgedAlertIsContinuedAndStaysAcknowledged(Db db) {
        ProfileId p = profile();
        long id = store(db).save(p, report(alert("kw-1", 10).build())).opened().get(0).id();
        store(db).acknowledge(p, id, "ana");
        SaveResult next = store(db).save(p, report(alert("kw-1", 11).build()));
        assertThat(next.continued()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(a.acknowledgedBy()).isEqualTo("ana");
            assertThat(a.occurrences()).isEqualTo(2);
        });
        assertThat(store(db).get(p, id).orElseThrow()).isEqualTo(next.continued().get(0));
    }

    @OnBothDatabases
    void aBadAlertIsRejectedNamingItBeforeAnythingIsWritten(Db db) throws SQLException {
        ProfileId p = profile();
        Alert good = alert("kw-1", 10).build();
        Alert blank = alert(" ", 10).build();
        assertThatThrownBy(() -> store(db).save(p, report(good, blank)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert 1 (keyword ' ' at 2026-03-11T00:00): entity id must be 1 to 1024 "
                        + "characters and not blank, got ' '");
        Alert nan = alert("kw-3", 10).explanation("ctr", Double.NaN).build();
        assertThatThrownBy(() -> store(db).save(p, report(good, nan)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explanation 'ctr' must be finite, got NaN");
        assertThatThrownBy(() -> alert("kw-4", 10).noWindow().score(Double.NaN).build())
                .as("an alert with a NaN score cannot even be built")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anomalyScore must be in [0, 1]");
        assertThatThrownBy(() -> AlertFilter.builder().minSeverity("urgent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("severity must be one of [low, medium, high, critical], got 'urgent'");
        assertThat(count(db, "SELECT count(*) FROM anomaly_alerts WHERE profile_id = ?", p.value())).isZero();
    }

    @OnBothDatabases
    void aHookWritesInTheSavesTransactionSeeingWhatWasSavedWithTheTenantApplied(Db db) throws SQLException {
        ProfileId p = profile();
        AtomicReference<String> tenant = new AtomicReference<>();
        SaveHook outbox = (tx, saved) -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO hook_rows (profile_id, alert_id, kind) VALUES (?, ?, ?)")) {
                for (StoredAlert a : saved.opened()) {
                    ps.setString(1, tx.profile().value());
                    ps.setLong(2, a.id());
                    ps.setString(3, "opened");
                    ps.addBatch();
                }
                for (StoredAlert a : saved.escalated()) {
                    ps.setString(1, tx.profile().value());
                    ps.setLong(2, a.id());
                    ps.setString(3, "escalated");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (tx.database() == Database.POSTGRESQL) {
                try (PreparedStatement ps = tx.connection().prepareStatement(
                        "SELECT current_setting('ppc_anomaly.profile_id')"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    tenant.set(rs.getString(1));
                }
            }
        };
        AlertStore withOutbox = store(db, StoreConfig.builder().clock(clock).hook(outbox).build());
        SaveResult r = withOutbox.save(p, report(alert("kw-1", 10).build(), alert("kw-2", 10).build()));
        withOutbox.save(p, report(alert("kw-1", 11).severity(Severity.CRITICAL).build()));

        assertThat(count(db, "SELECT count(*) FROM hook_rows WHERE profile_id = ? AND kind = 'opened'", p.value()))
                .isEqualTo(2);
        assertThat(count(db, "SELECT alert_id FROM hook_rows WHERE profile_id = ? AND kind = 'escalated'",
                p.value())).isEqualTo(r.opened().get(0).id());
        if (db == Db.POSTGRESQL) {
            assertThat(tenant.get()).isEqualTo(p.value());
        }
    }

    @OnBothDatabases
    void aHookThatThrowsRollsTheWholeSaveBackItsOwnRowsIncluded(Db db) throws SQLException {
        ProfileId p = profile();
        SaveHook writesThenFails = (tx, saved) -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO hook_rows (profile_id, alert_id, kind) VALUES (?, 1, 'doomed')")) {
                ps.setString(1, tx.profile().value());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO no_such_table VALUES (1)")) {
                ps.executeUpdate();
            }
        };
        assertThatThrownBy(() -> store(db).save(p, report(alert("kw-1", 10).build(), alert("kw-2", 10).build()),
                writesThenFails))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(store(db).url()).hasMessageContaining("failed to save 2 alerts of profile " + p)
                .hasMessageContaining("no_such_table".toUpperCase().equals("NO_SUCH_TABLE") && db == Db.H2
                        ? "NO_SUCH_TABLE" : "no_such_table");
        RuntimeException boom = new IllegalStateException("outbox full");
        assertThatThrownBy(() -> store(db).save(p, report(alert("kw-1", 10).build()), (tx, s) -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(count(db, "SELECT count(*) FROM anomaly_alerts WHERE profile_id = ?", p.value())).isZero();
        assertThat(count(db, "SELECT count(*) FROM hook_rows WHERE profile_id = ?", p.value())).isZero();
        assertThat(store(db).save(p, report(alert("kw-1", 10).build())).opened()).as("nothing half-written").hasSize(1);
    }

    @OnBothDatabases
    void inTransactionRunsOtherModulesWorkWithTheTenantAppliedAndRollsBackOnFailure(Db db) throws SQLException {
        ProfileId p = profile();
        long written = store(db).inTransaction(p, tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO hook_rows (profile_id, alert_id, kind) VALUES (?, 7, 'lease')")) {
                ps.setString(1, tx.profile().value());
                return (long) ps.executeUpdate();
            }
        });
        assertThat(written).isEqualTo(1);
        assertThatThrownBy(() -> store(db).inTransaction(p, tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO hook_rows (profile_id, alert_id, kind) VALUES (?, 8, 'lease')")) {
                ps.setString(1, tx.profile().value());
                ps.executeUpdate();
            }
            throw new IllegalStateException("lease lost");
        })).hasMessage("lease lost");
        assertThat(count(db, "SELECT count(*) FROM hook_rows WHERE profile_id = ?", p.value())).isEqualTo(1);
    }
}
