package io.ppcanomaly.monitor;

import static io.ppcanomaly.monitor.testing.Fixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.registry.VersionOrigin;
import io.ppcanomaly.monitor.registry.VersionStatus;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The monitor's runs: live equals the backtest, a restart continues exactly, downtime is caught up, nothing is
 * judged twice — on H2 and on PostgreSQL (an ordinary role under row-level security).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorRunTest {

    private static final int DAYS = 10;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private final Map<Db, TestStores> dbs = new TreeMap<>();
    private SampleAccount account;
    private MetricSource source;

    @BeforeAll
    void setUp() {
        account = Fixtures.account(200, 75, 2);
        source = Fixtures.source(account);
        for (Db db : Db.values()) {
            dbs.put(db, TestStores.create(db, "monitor_run"));
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        for (TestStores s : dbs.values()) {
            s.close();
        }
    }

    private LocalDateTime day(int i) {
        return account.end().minusDays(DAYS - 1 - i);
    }

    private AnomalyMonitor monitor(AlertStore store, MonitorConfig config) {
        return AnomalyMonitor.builder().config(config).store(store).source(source).clock(clock)
                .service(new AnomalyService(clock)).discoverExtensions(false).build();
    }

    private static List<Alert> alerts(RunResult r) {
        List<Alert> out = new ArrayList<>();
        for (LevelRun l : r.levels()) {
            assertThat(l.status()).as(l.describe(io.ppcanomaly.api.model.Granularity.DAY))
                    .isIn(LevelRun.Status.JUDGED, LevelRun.Status.UP_TO_DATE);
            l.report().ifPresent(rep -> out.addAll(rep.alerts()));
        }
        return out;
    }

    @Test
    void dayByDayRunsOnObjectsReloadedFromTheStoreEqualTheBacktestOfTheSameModel() throws Exception {
        TestStores db = dbs.get(Db.H2);
        ProfileId profile = ProfileId.of("live");
        MonitorConfig config = Fixtures.config(List.of(EntityType.KEYWORD), "live").build();
        List<Alert> live = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, config)) {
                RunResult r = m.runOnce(profile, day(i));
                assertThat(r.outcome()).as(r.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
                assertThat(r.levels().get(0).trained()).isEqualTo(i == 0);
                assertThat(r.levels().get(0).periods()).containsExactly(day(i));
                live.addAll(alerts(r));
            }
        }
        try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, config)) {
            List<ModelVersion> versions = m.registry().versions(profile, EntityType.KEYWORD);
            assertThat(versions).singleElement().satisfies(v -> {
                assertThat(v.status()).isEqualTo(VersionStatus.CHAMPION);
                assertThat(v.origin()).isEqualTo(VersionOrigin.INITIAL);
                assertThat(v.trainedThrough()).isEqualTo(day(0).minusDays(1));
            });
            TrainedModel model = m.registry().load(profile, versions.get(0).id());
            DetectionReport backtest = new AnomalyService(clock).detect(model.applyTo(Fixtures.detection().toBuilder()
                    .profileId(Fixtures.SOURCE_PROFILE).asOf(day(DAYS - 1)).periods(DAYS).build()), source);
            assertThat(backtest.alerts()).as("the account's incidents alert").hasSizeGreaterThan(3);
            assertThat(describe(live)).isEqualTo(describe(backtest.alerts()));
            assertThat(m.watermark(profile, EntityType.KEYWORD).orElseThrow().judgedThrough()).isEqualTo(day(DAYS - 1));
        }
        assertThat(db.count("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = 'live'"))
                .isEqualTo(DAYS);
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void aMonitorRestartedAfterDowntimeContinuesExactlyAsAnUninterruptedOne(Db dbKind) throws Exception {
        TestStores db = dbs.get(dbKind);
        List<EntityType> levels = List.of(EntityType.KEYWORD, EntityType.CAMPAIGN);
        MonitorConfig config = Fixtures.config(levels, "steady", "restarted").build();
        ProfileId steady = ProfileId.of("steady");
        ProfileId restarted = ProfileId.of("restarted");
        Map<LocalDateTime, List<String>> steadyByDay = new TreeMap<>();
        List<Alert> steadyAll = new ArrayList<>();
        try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, config)) {
            for (int i = 0; i < DAYS; i++) {
                List<Alert> a = alerts(m.runOnce(steady, day(i)));
                steadyByDay.put(day(i), describe(a));
                steadyAll.addAll(a);
            }
        }
        int k = 4;
        List<Alert> before = new ArrayList<>();
        try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, config)) {
            for (int i = 0; i < k; i++) {
                List<Alert> a = alerts(m.runOnce(restarted, day(i)));
                assertThat(describe(a)).as("day %d before the stop", i).isEqualTo(steadyByDay.get(day(i)));
                before.addAll(a);
            }
        }
        // the process is gone; a new one starts two days later and first catches up
        List<Alert> after = new ArrayList<>();
        try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, config)) {
            RunResult catchUp = m.runOnce(restarted, day(k + 2));
            for (LevelRun l : catchUp.levels()) {
                assertThat(l.periods()).as("missed periods judged, none twice").containsExactly(day(k), day(k + 1),
                        day(k + 2));
            }
            after.addAll(alerts(catchUp));
            RunResult again = m.runOnce(restarted, day(k + 2));
            assertThat(again.levels()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LevelRun.Status.UP_TO_DATE));
            for (int i = k + 3; i < DAYS; i++) {
                after.addAll(alerts(m.runOnce(restarted, day(i))));
            }
        }
        List<Alert> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(describe(all)).isEqualTo(describe(steadyAll));
        assertThat(steadyAll).as("incidents alert at both levels").anyMatch(a -> a.entityType() == EntityType.CAMPAIGN)
                .anyMatch(a -> a.entityType() == EntityType.KEYWORD);
        for (String p : new String[] {"steady", "restarted"}) {
            assertThat(db.count("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = ?", p))
                    .isEqualTo(2L * DAYS);
        }
        String stored = "SELECT count(*) FROM anomaly_alerts WHERE profile_id = ?";
        assertThat(db.count(stored, "restarted")).isEqualTo(db.count(stored, "steady")).isPositive();
        String occurrences = "SELECT coalesce(sum(occurrences), 0) FROM anomaly_alerts WHERE profile_id = ?";
        assertThat(db.count(occurrences, "restarted")).isEqualTo(db.count(occurrences, "steady"))
                .isEqualTo(steadyAll.size());
    }
    @Test
    void aRollbackReplaysTheEarlierChampionSoItJudgesAsIfItHadNeverStopped() throws Exception {
        TestStores db = dbs.get(Db.H2);
        MonitorConfig config = Fixtures.config(List.of(EntityType.KEYWORD), "rolled", "reference")
                .retraining(new io.ppcanomaly.monitor.retrain.RetrainPolicy(2, true, 2.0, 10_000, 0.0)).build();
        ProfileId rolled = ProfileId.of("rolled");
        Map<LocalDateTime, List<String>> reference = new TreeMap<>();
        try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, config)) {
            for (int i = 0; i < DAYS; i++) {
                reference.put(day(i), describe(alerts(m.runOnce(ProfileId.of("reference"), day(i)))));
            }
            for (int i = 0; i < 5; i++) {
                m.runOnce(rolled, day(i));
            }
            long v1 = m.registry().champion(rolled, EntityType.KEYWORD).orElseThrow().id();
            RetrainResult retrained = m.retrain(rolled).get(0);
            long v2 = retrained.challenger().orElseThrow().id();
            if (retrained.outcome() != RetrainResult.Outcome.PROMOTED) {
                m.rollback(rolled, EntityType.KEYWORD, v2);
            }
            for (int i = 5; i < 7; i++) {
                RunResult r = m.runOnce(rolled, day(i));
                assertThat(r.levels().get(0).modelVersionId()).isEqualTo(v2);
            }
            ModelVersion back = m.rollback(rolled, EntityType.KEYWORD, v1);
            assertThat(back.status()).isEqualTo(VersionStatus.CHAMPION);
            for (int i = 7; i < DAYS; i++) {
                RunResult r = m.runOnce(rolled, day(i));
                assertThat(r.levels().get(0).modelVersionId()).isEqualTo(v1);
                assertThat(describe(alerts(r))).as("day %d after the rollback", i).isEqualTo(reference.get(day(i)));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.rollback(rolled, EntityType.CAMPAIGN, v1))
                    .hasMessageContaining("must be a campaign model, got a keyword model");
        }
    }
}
