package io.ppcanomaly.monitor;

import static io.ppcanomaly.monitor.testing.Fixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.lease.Leases;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.SaveHook;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two monitor instances on one PostgreSQL database (each its own store and connection pool, the store as an ordinary
 * role under row-level security) never run one profile at once: every period is judged once, by whichever held the
 * lease, and the alerts equal one instance's; an instance whose lease was taken over mid-run writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private static final int DAYS = 6;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private TestStores db;
    private SampleAccount account;
    private MetricSource source;

    @BeforeAll
    void setUp() {
        db = TestStores.create(Db.POSTGRESQL, "two_instances");
        account = Fixtures.account(200, 75, 2);
        source = Fixtures.source(account);
    }

    @AfterAll
    void tearDown() throws Exception {
        db.close();
    }

    private LocalDateTime day(int i) {
        return account.end().minusDays(DAYS - 1 - i);
    }

    private AnomalyMonitor monitor(String instance, MetricSource src, SaveHook slow) {
        MonitorConfig config = Fixtures.config(List.of(EntityType.KEYWORD), "shared", "single", "stalled")
                .instanceId(instance)
                .build();
        AnomalyMonitor.Builder b = AnomalyMonitor.builder().config(config).store(db.open(clock)).source(src)
                .clock(clock).service(new AnomalyService(clock)).discoverExtensions(false);
        if (slow != null) {
            b.saveHook(slow);
        }
        return b.build();
    }

    @Test
    void twoInstancesRunningOneProfileAtOnceJudgeEachPeriodOnceAndAlertAsOneInstance() throws Exception {
        ProfileId shared = ProfileId.of("shared");
        // a save that takes a while keeps the winner's lease held while the other instance tries
        SaveHook slow = (tx, saved) -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        List<Alert> single = new ArrayList<>();
        try (AnomalyMonitor one = monitor("single-instance", source, null)) {
            for (int i = 0; i < DAYS; i++) {
                RunResult r = one.runOnce(ProfileId.of("single"), day(i));
                r.levels().forEach(l -> l.report().ifPresent(rep -> single.addAll(rep.alerts())));
            }
        }
        List<Alert> alerts = new ArrayList<>();
        int judged = 0;
        int skipped = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AnomalyMonitor a = monitor("instance-a", source, slow); AnomalyMonitor b = monitor("instance-b", source,
                slow)) {
            for (int i = 0; i < DAYS; i++) {
                LocalDateTime d = day(i);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RunResult>> runs = new ArrayList<>();
                for (AnomalyMonitor m : List.of(a, b)) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return m.runOnce(shared, d);
                    }));
                }
                go.countDown();
                for (Future<RunResult> f : runs) {
                    RunResult r = f.get();
                    assertThat(r.outcome()).as(r.summary()).isIn(RunResult.Outcome.COMPLETED,
                            RunResult.Outcome.SKIPPED);
                    if (r.outcome() == RunResult.Outcome.SKIPPED) {
                        skipped++;
                        assertThat(r.detail()).startsWith("lease held by instance-");
                    }
                    for (LevelRun l : r.levels()) {
                        if (l.status() == LevelRun.Status.JUDGED) {
                            judged++;
                            assertThat(l.periods()).containsExactly(d);
                            alerts.addAll(l.report().orElseThrow().alerts());
                        }
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(judged).as("every day judged exactly once").isEqualTo(DAYS);
        assertThat(skipped).as("the loser found the lease held").isPositive();
        assertThat(db.count("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = 'shared'"))
                .isEqualTo(DAYS);
        assertThat(db.count("SELECT count(*) FROM anomaly_model_versions WHERE profile_id = 'shared'"))
                .as("one first model").isEqualTo(1);
        assertThat(describe(alerts)).isEqualTo(describe(single)).isNotEmpty();
        String occurrences = "SELECT coalesce(sum(occurrences), 0) FROM anomaly_alerts WHERE profile_id = ?";
        assertThat(db.count(occurrences, "shared")).isEqualTo(db.count(occurrences, "single"));
    }

    @Test
    void anInstanceWhoseLeaseWasTakenOverMidRunWritesNothing() throws Exception {
        ProfileId p = ProfileId.of("stalled");
        Leases other = new Leases(db.open(clock), "instance-b", Duration.ofMinutes(10));
        // the metrics take so long to read that the lease expires and another instance takes the profile over
        MetricSource stalled = new MetricSource() {
            @Override
            public String description() {
                return "a stalled source";
            }

            @Override
            public AccountData load(MetricQuery query) throws IOException {
                clock.advance(Duration.ofMinutes(11));
                assertThat(other.tryAcquire(p, "detect")).isPresent();
                return source.load(query);
            }
        };
        long alertsBefore = db.count("SELECT count(*) FROM anomaly_alerts WHERE profile_id = 'stalled'");
        long periodsBefore = db.count("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = 'stalled'");
        try (AnomalyMonitor a = monitor("instance-a", stalled, null)) {
            RunResult r = a.runOnce(p, account.end());
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThat(r.levels().get(0).detail()).contains("instance-a lost its lease on profile stalled")
                    .contains("nothing of this run was written");
        }
        assertThat(db.count("SELECT count(*) FROM anomaly_alerts WHERE profile_id = 'stalled'")).isEqualTo(alertsBefore);
        assertThat(db.count("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = 'stalled'"))
                .isEqualTo(periodsBefore);
        assertThat(db.count("SELECT count(*) FROM anomaly_model_versions WHERE profile_id = 'stalled'"))
                .as("not even the first model").isZero();
    }
}
