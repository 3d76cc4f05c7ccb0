package io.ppcanomaly.monitor;

import static io.ppcanomaly.monitor.testing.Fixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.monitor.registry.VersionOrigin;
import io.ppcanomaly.monitor.registry.VersionStatus;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the monitor reads: a run whose levels all continue a state grown from their champion asks its source for only
 * the periods they need ({@link MetricQuery#history()}), and judges exactly as a monitor whose source returns every
 * period; a run that trains, or replays a champion that changed — even one that changed after the run's read — reads
 * every period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorHistoryTest {

    private static final int DAYS = 8;
    private static final int ACCOUNT_DAYS = 75;
    private static final List<EntityType> LEVELS = List.of(EntityType.KEYWORD, EntityType.CAMPAIGN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private final List<TestStores> dbs = new ArrayList<>();
    private SampleAccount account;
    private MetricSource memory;

    @BeforeAll
    void setUp() {
        account = Fixtures.account(200, ACCOUNT_DAYS, 2);
        memory = Fixtures.source(account);
    }

    @AfterAll
    void tearDown() throws Exception {
        for (TestStores s : dbs) {
            s.close();
        }
    }

    private LocalDateTime day(int i) {
        return account.end().minusDays(DAYS - 1 - i);
    }

    private TestStores db(String name) {
        TestStores db = TestStores.create(Db.H2, name);
        dbs.add(db);
        return db;
    }

    /** The source, recording every query; {@code change} rewrites a query before it is passed on. */
    private static MetricSource recording(MetricSource s, List<MetricQuery> asked, UnaryOperator<MetricQuery> change,
                                          Runnable onBoundedLoad) {
        return new MetricSource() {
            @Override
            public String description() {
                return s.description();
            }

            @Override
            public AccountData load(MetricQuery q) throws IOException {
                asked.add(q);
                if (q.bounded()) {
                    onBoundedLoad.run();
                }
                return s.load(change.apply(q));
            }
        };
    }

    private AnomalyMonitor monitor(AlertStore store, MetricSource source) {
        return AnomalyMonitor.builder().config(Fixtures.config(LEVELS, "p").build()).store(store).source(source)
                .clock(clock).service(new AnomalyService(clock)).discoverExtensions(false).build();
    }

    /** @return each level's status, periods and alerts, as comparable lines */
    private static List<String> judged(RunResult r) {
        assertThat(r.outcome()).as(r.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
        List<String> out = new ArrayList<>();
        for (LevelRun l : r.levels()) {
            out.add(l.level() + " " + l.status() + " " + l.periods());
            l.report().ifPresent(rep -> out.addAll(describe(rep.alerts())));
        }
        return out;
    }

    @Test
    void steadyRunsReadOnlyTheHistoryTheirLevelsNeedAndJudgeAsRunsReadingEveryPeriod() throws Exception {
        ProfileId p = ProfileId.of("p");
        List<MetricQuery> bounded = new ArrayList<>();
        List<MetricQuery> every = new ArrayList<>();
        int alerts = 0;
        try (AlertStore a = db("history_bounded").open(clock); AlertStore b = db("history_every").open(clock);
             AnomalyMonitor mb = monitor(a, recording(memory, bounded, q -> q, () -> { }));
             AnomalyMonitor me = monitor(b, recording(memory, every, q -> q.withHistory(0), () -> { }))) {
            for (int i = 0; i < DAYS; i++) {
                // the last as the schedule runs it: through the last hour closed by the clock, days after the data
                LocalDateTime asOf = i == DAYS - 1 ? null : day(i);
                List<String> got = judged(mb.runOnce(p, asOf));
                assertThat(got).as("day %d", i).isEqualTo(judged(me.runOnce(p, asOf)));
                assertThat(got.get(0)).contains(day(i).toString());
                alerts += got.size() - LEVELS.size();
            }
        }
        assertThat(bounded.get(DAYS - 1).until()).as("the schedule's hour").isEqualTo(LocalDateTime.of(2026, 4, 1,
                5, 0));
        assertThat(alerts).as("the account's incidents alert").isGreaterThan(3);
        assertThat(bounded).hasSize(DAYS);
        assertThat(bounded.get(0).history()).as("the first run trains on every period").isZero();
        // one day judged + the daily features' window and baseline (or the analyzer's 14 days) + the day of until +
        // the anomalies still going: far less than the account's 75 days
        assertThat(bounded.subList(1, DAYS - 1)).allSatisfy(q -> assertThat(q.history()).isBetween(2, 50));
        // the scheduled run counts the days from its watermark to the clock's hour, past the data's end
        assertThat(bounded.get(DAYS - 1).history()).isPositive().isLessThan(ACCOUNT_DAYS);
    }

    @Test
    void aChampionChangedAfterTheRunsReadIsReplayedOnEveryPeriod() throws Exception {
        ProfileId p = ProfileId.of("p");
        int change = 5;
        TestStores dbBounded = db("history_change_bounded");
        TestStores dbEvery = db("history_change_every");
        TrainedModel retrained = new AnomalyService(clock).train(Fixtures.detection().toBuilder()
                .entityType(EntityType.KEYWORD).profileId(Fixtures.SOURCE_PROFILE).asOf(day(change - 3)).build(),
                memory);
        List<MetricQuery> bounded = new ArrayList<>();
        boolean[] promote = {false};
        try (AlertStore a = dbBounded.open(clock); AlertStore b = dbEvery.open(clock)) {
            // the new champion is registered between the bounded read of run `change` and its levels, as another
            // instance (or the HTTP API) could
            AnomalyMonitor mb = monitor(a, recording(memory, bounded, q -> q, () -> {
                if (promote[0]) {
                    promote[0] = false;
                    new io.ppcanomaly.monitor.registry.ModelRegistry(a).register(p, retrained,
                            VersionStatus.CHAMPION, VersionOrigin.RETRAINED, null);
                }
            }));
            AnomalyMonitor me = monitor(b, recording(memory, new ArrayList<>(), q -> q.withHistory(0), () -> { }));
            try (mb; me) {
                for (int i = 0; i < DAYS; i++) {
                    if (i == change) {
                        promote[0] = true;
                        me.registry().register(p, retrained, VersionStatus.CHAMPION, VersionOrigin.RETRAINED, null);
                    }
                    int before = bounded.size();
                    assertThat(judged(mb.runOnce(p, day(i)))).as("day %d", i).isEqualTo(judged(me.runOnce(p,
                            day(i))));
                    List<MetricQuery> run = bounded.subList(before, bounded.size());
                    if (i == change) {
                        assertThat(run).as("the run's bounded read, then every period for the replay").hasSize(2);
                        assertThat(run.get(0).history()).isPositive();
                        assertThat(run.get(1).history()).isZero();
                    } else if (i > 0) {
                        assertThat(run).singleElement().satisfies(q -> assertThat(q.history()).isPositive());
                    }
                }
            }
        }
        assertThat(promote[0]).as("the change happened mid-run").isFalse();
    }
}
