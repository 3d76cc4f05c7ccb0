package io.ppcanomaly.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.spi.MonitorExtensions;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.OutboxExtension;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seams notifications plug into: an extension found on the class path gets its configuration keys unparsed,
 * writes in each run's transaction (rolled back with it), runs its own job in the daemon and hears every run. Also
 * the daemon itself: it catches up at start and stops gracefully, the running run finishing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorExtensionTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private TestStores db;
    private SampleAccount account;

    @BeforeAll
    void setUp() throws Exception {
        db = TestStores.create(Db.H2, "extension");
        db.sql("CREATE TABLE test_outbox (profile_id varchar(128) NOT NULL, alert_id bigint NOT NULL, "
                + "kind varchar(16) NOT NULL)");
        account = Fixtures.account(200, 75, 2);
    }

    @AfterAll
    void tearDown() throws Exception {
        db.close();
    }

    private AnomalyMonitor monitor(AlertStore store, Properties extensionKeys, String... profiles) {
        MonitorConfig config = Fixtures.config(List.of(EntityType.KEYWORD), profiles).extensionKeys(extensionKeys)
                .leaseTtl(Duration.ofSeconds(30)).shutdownTimeout(Duration.ofMinutes(2)).build();
        return AnomalyMonitor.builder().config(config).store(store).source(Fixtures.source(account)).clock(clock)
                .service(new AnomalyService(clock)).tick(Duration.ofMillis(50)).build();
    }

    private static Properties keys(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void anExtensionOnTheClassPathGetsItsKeysWritesInTheRunsTransactionAndHearsEachRun() throws Exception {
        assertThat(MonitorExtensions.prefixes()).contains("notify.", "route.");
        ProfileId p = ProfileId.of("outbox");
        Properties k = keys("route.oncall.type", "webhook", "notify.base-url", "https://ppc.example");
        try (AlertStore store = db.open(clock); AnomalyMonitor m = monitor(store, k, "outbox")) {
            OutboxExtension e = OutboxExtension.CREATED.get(OutboxExtension.CREATED.size() - 1);
            assertThat(m.extensions()).containsExactly(e);
            assertThat(e.keys).isEqualTo(k);
            // the outage day: many alerts opened at once
            RunResult r = m.runOnce(p, LocalDateTime.of(2026, 3, 9, 0, 0));
            int opened = r.levels().get(0).opened();
            assertThat(opened).isPositive();
            assertThat(db.count("SELECT count(*) FROM test_outbox WHERE profile_id = 'outbox' AND kind = 'opened'"))
                    .isEqualTo(opened);
            assertThat(e.runs).containsExactly(r);
        }
        assertThat(OutboxExtension.CREATED).allSatisfy(x -> assertThat(x.runs).isNotEmpty());
    }

    @Test
    void anExtensionHookThatFailsRollsTheWholeRunBackAndTheNextRunCatchesUp() throws Exception {
        ProfileId p = ProfileId.of("failing");
        LocalDateTime day = LocalDateTime.of(2026, 3, 9, 0, 0);
        try (AlertStore store = db.open(clock)) {
            try (AnomalyMonitor m = monitor(store, keys("route.a.type", "x"), "failing")) {
                m.runOnce(p, day.minusDays(1));
            }
            long alerts = db.count("SELECT count(*) FROM anomaly_alerts WHERE profile_id = 'failing'");
            var before = db.count("SELECT revision FROM anomaly_monitor_state WHERE profile_id = 'failing'");
            try (AnomalyMonitor m = monitor(store, keys("route.a.type", "x", "notify.fail", "true"), "failing")) {
                RunResult r = m.runOnce(p, day);
                assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
                assertThat(r.levels().get(0).detail()).isEqualTo("the outbox hook failed on purpose");
            }
            assertThat(db.count("SELECT count(*) FROM anomaly_alerts WHERE profile_id = 'failing'")).isEqualTo(alerts);
            assertThat(db.count("SELECT count(*) FROM test_outbox WHERE profile_id = 'failing'"))
                    .isEqualTo(db.count("SELECT count(*) FROM anomaly_alerts WHERE profile_id = 'failing'"));
            assertThat(db.count("SELECT revision FROM anomaly_monitor_state WHERE profile_id = 'failing'"))
                    .isEqualTo(before);
            try (AnomalyMonitor m = monitor(store, keys("route.a.type", "x"), "failing")) {
                RunResult r = m.runOnce(p, day);
                assertThat(r.levels().get(0).periods()).containsExactly(day);
                assertThat(r.levels().get(0).opened()).isPositive();
            }
        }
    }

    @Test
    void anExtensionRefusingItsKeysStopsTheBuildNamingKeyAndValue() {
        try (AlertStore store = db.open(clock)) {
            assertThatThrownBy(() -> monitor(store, keys("route.oncall.type", "bad"), "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("monitor config key 'route.oncall.type' must be slack, webhook or email, got 'bad'");
        }
    }

    @Test
    void theDaemonCatchesUpAtStartRunsExtensionJobsAndStopsAfterTheRunningRunFinished() throws Exception {
        ProfileId p = ProfileId.of("daemon");
        clock.set(Instant.parse("2026-03-20T06:00:00Z"));
        try (AlertStore store = db.open(clock)) {
            AnomalyMonitor m = monitor(store, keys("route.a.type", "x"), "daemon");
            OutboxExtension e = OutboxExtension.CREATED.get(OutboxExtension.CREATED.size() - 1);
            m.start();
            assertThatThrownBy(m::start).isInstanceOf(IllegalStateException.class);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (e.runs.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(e.runs).as("the first run at start").isNotEmpty();
            RunResult first = e.runs.get(0);
            assertThat(first.outcome()).as(first.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
            assertThat(first.asOf()).as("the data's last day, the schedule's last closed day being later")
                    .isEqualTo(account.end());
            assertThat(e.dispatched.get()).as("the extension's job ran").isPositive();
            m.close();
            assertThat(db.count("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = 'daemon'"))
                    .isEqualTo(1);
            int runs = e.runs.size();
            int dispatched = e.dispatched.get();
            Thread.sleep(300);
            assertThat(e.runs).hasSize(runs);
            assertThat(e.dispatched.get()).as("stopped").isEqualTo(dispatched);
        }
    }
}
