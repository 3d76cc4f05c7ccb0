package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.day;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.Alert;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** active(), feedback(), trainingData(), statistics(). */
class AlertStoreQueryTest extends StoreSuite {

    @OnBothDatabases
    void activeListsOpenAndAcknowledgedAlertsMostSevereThenMostMoneyFilteredAndPaged(Db db) {
        ProfileId p = profile();
        SaveResult r = store(db).save(p, report(
                alert("kw-low", 10).severity(Severity.LOW).money(5000).build(),
                alert("kw-high-small", 10).severity(Severity.HIGH).money(50).build(),
                alert("kw-high-big", 10).severity(Severity.HIGH).money(800).detector("half-space-trees").build(),
                alert("kw-crit", 10).severity(Severity.CRITICAL).money(10).build(),
                alert("cp-1", 11).type(EntityType.CAMPAIGN).severity(Severity.MEDIUM).money(300).build(),
                alert("kw-done", 10).severity(Severity.CRITICAL).money(9999).build()));
        long done = r.opened().stream().filter(a -> a.entityId().equals("kw-done")).findFirst().orElseThrow().id();
        store(db).resolve(p, done, Resolution.of("ana"));
        long acked = r.opened().stream().filter(a -> a.entityId().equals("kw-low")).findFirst().orElseThrow().id();
        store(db).acknowledge(p, acked, "ana");

        assertThat(ids(store(db).active(p, AlertFilter.ALL, Page.DEFAULT)))
                .containsExactly("kw-crit", "kw-high-big", "kw-high-small", "cp-1", "kw-low");
        assertThat(ids(store(db).active(p, AlertFilter.builder().minSeverity("high").build(), Page.DEFAULT)))
                .containsExactly("kw-crit", "kw-high-big", "kw-high-small");
        assertThat(ids(store(db).active(p, AlertFilter.builder().entityType("campaign").build(), Page.DEFAULT)))
                .containsExactly("cp-1");
        assertThat(ids(store(db).active(p, AlertFilter.builder().detector("half-space-trees").build(), Page.DEFAULT)))
                .containsExactly("kw-high-big");
        assertThat(ids(store(db).active(p, AlertFilter.builder().since(day(11)).build(), Page.DEFAULT)))
                .containsExactly("cp-1");
        assertThat(ids(store(db).active(p, AlertFilter.builder().status(AlertStatus.ACKNOWLEDGED).build(),
                Page.DEFAULT))).containsExactly("kw-low");
        assertThat(ids(store(db).active(p, AlertFilter.builder().status(AlertStatus.OPEN).minSeverity(Severity.MEDIUM)
                .entityType(EntityType.KEYWORD).build(), Page.DEFAULT)))
                .containsExactly("kw-crit", "kw-high-big", "kw-high-small");

        AlertPage first = store(db).active(p, AlertFilter.ALL, Page.first(2));
        AlertPage second = store(db).active(p, AlertFilter.ALL, first.page().next());
        AlertPage third = store(db).active(p, AlertFilter.ALL, second.page().next());
        assertThat(ids(first)).containsExactly("kw-crit", "kw-high-big");
        assertThat(first.hasMore()).isTrue();
        assertThat(ids(second)).containsExactly("kw-high-small", "cp-1");
        assertThat(ids(third)).containsExactly("kw-low");
        assertThat(third.hasMore()).isFalse();
    }

    private static List<String> ids(AlertPage page) {
        return page.alerts().stream().map(StoredAlert::entityId).toList();
    }

    @OnBothDatabases
    void feedbackBecomesATrainingExampleWithTheWindowAndRawMetricsTheDetectorSaw(Db db) {
        ProfileId p = profile();
        Alert a = alert("kw-1", 10).score(0.9991).build();
        long id = store(db).save(p, report(a)).opened().get(0).id();
        clock.advance(Duration.ofHours(3));
        TrainingExample t = store(db).feedback(p, id, false, "ana");

        assertThat(t.alertId()).isEqualTo(id);
        assertThat(t.profile()).isEqualTo(p);
        assertThat(t.entityType()).isEqualTo(EntityType.KEYWORD);
        assertThat(t.entityId()).isEqualTo("kw-1");
        assertThat(t.period()).isEqualTo(day(10));
        assertThat(t.detectorType()).isEqualTo("ensemble");
        assertThat(t.window()).as("bit for bit, feature names included").isEqualTo(a.window());
        assertThat(t.window().schema()).isEqualTo(FeatureSchema.DEFAULT);
        assertThat(t.metrics()).isEqualTo(a.metrics());
        assertThat(t.trueAnomaly()).isFalse();
        assertThat(t.correctlyClassified()).as("an alert is a positive prediction").isFalse();
        assertThat(t.predictedScore()).isEqualTo(0.9991);
        assertThat(t.labelledBy()).isEqualTo("ana");
        assertThat(t.labelledAt()).isEqualTo(clock.instant());

        TrainingExample again = store(db).feedback(p, id, true, "ben");
        assertThat(again.id()).as("one label per alert; the latest wins").isEqualTo(t.id());
        assertThat(again.trueAnomaly()).isTrue();
        assertThat(again.correctlyClassified()).isTrue();
        assertThat(again.labelledBy()).isEqualTo("ben");
        assertThat(again.window()).isEqualTo(a.window());

        long bare = store(db).save(p, report(alert("kw-2", 10).noWindow().build())).opened().get(0).id();
        TrainingExample noWindow = store(db).feedback(p, bare, true, "ana");
        assertThat(noWindow.window()).isNull();
        assertThat(noWindow.metrics()).isNull();

        assertThat(store(db).trainingData(p, EntityType.KEYWORD, day(0), day(20)))
                .extracting(TrainingExample::alertId).containsExactly(id, bare);
        assertThat(store(db).trainingData(p, EntityType.CAMPAIGN, day(0), day(20))).isEmpty();
        assertThat(store(db).trainingData(p, null, day(11), day(20))).isEmpty();
    }

    @OnBothDatabases
    void statisticsCountTheRangesAlertsBySeverityLevelDetectorStatusAndDayWithTimesTopEntitiesAndPrecision(Db db) {
        ProfileId p = profile();
        SaveResult r = store(db).save(p, report(
                alert("kw-1", 10).severity(Severity.HIGH).money(100).build(),
                alert("kw-1", 11).severity(Severity.HIGH).money(100).build(),
                alert("kw-2", 10).severity(Severity.LOW).money(20).detector("half-space-trees").build(),
                alert("cp-1", 12).type(EntityType.CAMPAIGN).severity(Severity.CRITICAL).money(1000).build(),
                alert("kw-3", 14).severity(Severity.MEDIUM).money(5).build(),
                alert("kw-out", 25).severity(Severity.CRITICAL).money(1e6).build()));
        long kw1 = idOf(r, "kw-1");
        long kw2 = idOf(r, "kw-2");
        long cp1 = idOf(r, "cp-1");
        clock.advance(Duration.ofMinutes(10));
        store(db).acknowledge(p, kw1, "ana");
        clock.advance(Duration.ofMinutes(20));
        store(db).acknowledge(p, kw2, "ana");
        store(db).resolve(p, kw1, Resolution.of("ana"));
        clock.advance(Duration.ofMinutes(30));
        store(db).resolve(p, cp1, Resolution.of("ana"));
        store(db).feedback(p, kw1, true, "ana");
        store(db).feedback(p, kw2, false, "ana");
        store(db).feedback(p, cp1, true, "ana");

        AlertStatistics s = store(db).statistics(p, LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 17));
        assertThat(s.total()).as("kw-out is after the range").isEqualTo(4);
        assertThat(s.bySeverity()).containsEntry(Severity.LOW, 1L).containsEntry(Severity.MEDIUM, 1L)
                .containsEntry(Severity.HIGH, 1L).containsEntry(Severity.CRITICAL, 1L);
        assertThat(s.byEntityType()).containsOnlyKeys(EntityType.KEYWORD, EntityType.CAMPAIGN)
                .containsEntry(EntityType.KEYWORD, 3L);
        assertThat(s.byDetector()).containsEntry("ensemble", 3L).containsEntry("half-space-trees", 1L);
        assertThat(s.byStatus()).containsEntry(AlertStatus.OPEN, 1L).containsEntry(AlertStatus.ACKNOWLEDGED, 1L)
                .containsEntry(AlertStatus.RESOLVED, 2L);
        assertThat(s.byDay()).hasSize(7);
        assertThat(s.byDay().get(0).day()).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(s.byDay().get(0).total()).as("kw-1 (first period day 10 = 11 March) and kw-2").isEqualTo(2);
        assertThat(s.byDay().get(0).bySeverity()).containsEntry(Severity.HIGH, 1L).containsEntry(Severity.LOW, 1L);
        assertThat(s.byDay().get(2).bySeverity()).containsEntry(Severity.CRITICAL, 1L);
        assertThat(s.byDay().get(1).total()).isZero();
        assertThat(s.meanTimeToAcknowledge()).as("(10 + 30) / 2 minutes").isEqualTo(Duration.ofMinutes(20));
        assertThat(s.meanTimeToResolve()).as("(30 + 60) / 2 minutes").isEqualTo(Duration.ofMinutes(45));
        assertThat(s.topByAlerts()).first().satisfies(e -> assertThat(e.entityId()).isIn("kw-1", "kw-2", "cp-1", "kw-3"));
        assertThat(s.topByAlerts()).hasSize(4);
        assertThat(s.topByMoneyAtStake()).extracting(AlertStatistics.EntityTotal::entityId)
                .containsExactly("cp-1", "kw-1", "kw-2", "kw-3");
        assertThat(s.topByMoneyAtStake().get(1).moneyAtStake()).as("100 per period x 2 periods")
                .isCloseTo(200.0, within(1e-9));
        assertThat(s.labelled()).isEqualTo(3);
        assertThat(s.labelledTrue()).isEqualTo(2);
        assertThat(s.precision().getAsDouble()).isCloseTo(2 / 3.0, within(1e-12));

        AlertStatistics empty = store(db).statistics(p, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));
        assertThat(empty.total()).isZero();
        assertThat(empty.timeToAcknowledge()).isEmpty();
        assertThat(empty.precision()).isEmpty();
        assertThat(empty.bySeverity()).containsOnlyKeys(Severity.values()).doesNotContainValue(1L);
    }

    private static long idOf(SaveResult r, String entity) {
        return r.opened().stream().filter(a -> a.entityId().equals(entity)).findFirst().orElseThrow().id();
    }

    @OnBothDatabases
    void archiveMovesAlertsResolvedBeforeTheCutOffToHistoryKeepingIdsAndIdempotency(Db db) throws SQLException {
        ProfileId p = profile();
        ProfileId other = profile();
        SaveResult r = store(db).save(p, report(alert("kw-old", 10).build(), alert("kw-new", 10).build(),
                alert("kw-open", 10).build()));
        long otherOld = store(db).save(other, report(alert("kw-old", 10).build())).opened().get(0).id();
        long old = idOf(r, "kw-old");
        store(db).resolve(p, old, Resolution.by("ana").note("done").revenueImpact(12).build());
        store(db).resolve(other, otherOld, Resolution.of("ana"));
        store(db).feedback(p, old, true, "ana");
        clock.advance(Duration.ofDays(100));
        store(db).resolve(p, idOf(r, "kw-new"), Resolution.of("ana"));
        clock.advance(Duration.ofDays(1));

        ArchiveResult a = store(db).archive(p);
        assertThat(a.archived()).as("only kw-old was resolved more than 90 days ago").isEqualTo(1);
        assertThat(a.historyDeleted()).isZero();
        StoredAlert archived = store(db).get(p, old).orElseThrow();
        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.archivedAt()).isEqualTo(clock.instant());
        assertThat(archived.resolutionNote()).isEqualTo("done");
        assertThat(archived.revenueImpact()).isEqualTo(12.0);
        assertThat(count(db, "SELECT count(*) FROM anomaly_alerts WHERE id = ?", old)).isZero();
        assertThat(count(db, "SELECT count(*) FROM anomaly_history WHERE id = ?", old)).isEqualTo(1);
        assertThat(count(db, "SELECT resolution_time_minutes FROM anomaly_history WHERE id = ?", old)).isZero();
        assertThat(store(db).get(other, otherOld).orElseThrow().isArchived()).as("another profile's").isFalse();
        assertThat(ids(store(db).active(p, AlertFilter.ALL, Page.DEFAULT))).containsExactly("kw-open");

        assertThat(store(db).save(p, report(alert("kw-old", 10).build())).alreadyStored())
                .as("saving an archived period again stores nothing").isEqualTo(1);
        assertThat(store(db).feedback(p, old, false, "ben").trueAnomaly()).as("archived alerts take feedback").isFalse();
        assertThat(store(db).statistics(p, LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 11)).total())
                .as("statistics count archived alerts").isEqualTo(3);
        assertThat(catchTransition(() -> store(db).reopen(p, old)))
                .hasMessage("cannot reopen alert " + old + ": it is resolved and archived");

        AlertStore retaining = store(db, StoreConfig.builder().clock(clock)
                .retention(new Retention(Duration.ofDays(90), Duration.ofDays(100))).build());
        assertThat(retaining.archive(p).historyDeleted()).as("kw-old resolved 101 days ago").isEqualTo(1);
        assertThat(store(db).get(p, old)).isEmpty();
        assertThat(store(db).trainingData(p, null, day(0), day(30))).as("training data outlives retention")
                .hasSize(1);
    }

    private static Throwable catchTransition(Runnable r) {
        try {
            r.run();
        } catch (IllegalTransitionException e) {
            return e;
        }
        throw new AssertionError("no IllegalTransitionException");
    }

    @OnBothDatabases
    void archiveAllMovesEveryProfilesOldResolvedAlertsInOneTransaction(Db db) {
        List<Long> ids = new ArrayList<>();
        List<ProfileId> profiles = List.of(profile(), profile());
        for (ProfileId p : profiles) {
            long id = ownerStore(db).save(p, report(alert("kw-1", 10).build())).opened().get(0).id();
            ownerStore(db).resolve(p, id, Resolution.of("ana"));
            ids.add(id);
        }
        clock.advance(Duration.ofDays(1));
        ArchiveResult r = ownerStore(db).archiveAll(clock.instant());
        assertThat(r.archived()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(store(db).get(profiles.get(i), ids.get(i)).orElseThrow().isArchived()).isTrue();
        }
    }
}
