package io.ppcanomaly.store;

import static io.ppcanomaly.store.Reports.alert;
import static io.ppcanomaly.store.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** acknowledge, resolve, reopen: transitions, versions, concurrency, tenancy. */
class AlertStoreLifecycleTest extends StoreSuite {

    private long open(Db db, ProfileId p) {
        return store(db).save(p, report(alert("kw-1", 10).build())).opened().get(0).id();
    }

    @OnBothDatabases
    void acknowledgeThenResolveRecordsWhoWhenTheNoteAndTheTimesTaken(Db db) {
        ProfileId p = profile();
        long id = open(db, p);
        clock.advance(Duration.ofMinutes(30));
        StoredAlert ack = store(db).acknowledge(p, id, "ana");
        clock.advance(Duration.ofMinutes(90));
        StoredAlert res = store(db).resolve(p, id, Resolution.by("ben").note("bid cap restored").revenueImpact(-412.5)
                .marketConditions("{\"competitor\": \"new entrant\"}").campaignSettings("{\"budget\": 50}").build(),
                ack.version());

        assertThat(ack.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(ack.acknowledgedBy()).isEqualTo("ana");
        assertThat(ack.version()).isEqualTo(1);
        assertThat(ack.timeToAcknowledge()).contains(Duration.ofMinutes(30));
        assertThat(res.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(res.resolvedBy()).isEqualTo("ben");
        assertThat(res.resolvedAt()).isEqualTo(clock.instant());
        assertThat(res.resolutionNote()).isEqualTo("bid cap restored");
        assertThat(res.revenueImpact()).isEqualTo(-412.5);
        assertThat(res.marketConditions()).contains("new entrant");
        assertThat(res.campaignSettings()).contains("50");
        assertThat(res.acknowledgedBy()).as("kept").isEqualTo("ana");
        assertThat(res.timeToResolve()).contains(Duration.ofMinutes(120));
        assertThat(res.version()).isEqualTo(2);
        assertThat(res.isActive()).isFalse();
        assertThat(store(db).get(p, id)).contains(res);
    }

    @OnBothDatabases
    void reopenMakesItOpenAgainAndClearsAcknowledgementAndResolution(Db db) {
        ProfileId p = profile();
        long id = open(db, p);
        store(db).resolve(p, id, Resolution.by("ana").note("fixed").revenueImpact(10).build());
        StoredAlert r = store(db).reopen(p, id);
        assertThat(r.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(r.resolvedAt()).isNull();
        assertThat(r.resolutionNote()).isNull();
        assertThat(r.revenueImpact()).isNull();
        assertThat(r.acknowledgedBy()).isNull();
        assertThat(r.version()).isEqualTo(2);
        assertThat(store(db).acknowledge(p, id, "ana").status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    }

    @OnBothDatabases
    void illegalTransitionsThrowNamingTheCurrentStateAndChangeNothing(Db db) {
        ProfileId p = profile();
        long id = open(db, p);
        assertThatThrownBy(() -> store(db).reopen(p, id)).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("cannot reopen alert " + id + ": it is open");
        store(db).acknowledge(p, id, "ana");
        assertThatThrownBy(() -> store(db).acknowledge(p, id, "ben")).isInstanceOf(IllegalTransitionException.class)
                .hasMessage("cannot acknowledge alert " + id + ": it is acknowledged");
        store(db).resolve(p, id, Resolution.of("ana"));
        IllegalTransitionException e = (IllegalTransitionException) catchThrowable(
                () -> store(db).acknowledge(p, id, "ben"));
        assertThat(e).hasMessage("cannot acknowledge alert " + id + ": it is resolved");
        assertThat(e.current()).isEqualTo(AlertStatus.RESOLVED);
        assertThatThrownBy(() -> store(db).resolve(p, id, Resolution.of("ben")))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("cannot resolve alert " + id + ": it is resolved");
        assertThat(store(db).get(p, id).orElseThrow().version()).isEqualTo(2);
    }

    @OnBothDatabases
    void anotherProfilesAlertBehavesExactlyLikeAnUnknownId(Db db) {
        ProfileId owner = profile();
        ProfileId other = profile();
        long id = open(db, owner);
        long unknown = id + 1_000_000;
        assertThat(store(db).get(other, id)).isEmpty();
        assertThat(store(db).get(other, unknown)).isEmpty();
        for (long x : new long[] {id, unknown}) {
            assertThatThrownBy(() -> store(db).acknowledge(other, x, "eve")).isInstanceOf(AlertNotFoundException.class)
                    .hasMessage("alert " + x + " not found in profile " + other);
            assertThatThrownBy(() -> store(db).resolve(other, x, Resolution.of("eve")))
                    .isInstanceOf(AlertNotFoundException.class).hasMessage("alert " + x + " not found in profile " + other);
            assertThatThrownBy(() -> store(db).reopen(other, x)).isInstanceOf(AlertNotFoundException.class);
            assertThatThrownBy(() -> store(db).feedback(other, x, false, "eve")).isInstanceOf(AlertNotFoundException.class)
                    .hasMessage("alert " + x + " not found in profile " + other);
        }
        assertThat(store(db).active(other, AlertFilter.ALL, Page.DEFAULT).alerts()).isEmpty();
        assertThat(store(db).statistics(other, Reports.day(0).toLocalDate(), Reports.day(30).toLocalDate()).total())
                .isZero();
        assertThat(store(db).get(owner, id).orElseThrow().status()).as("untouched").isEqualTo(AlertStatus.OPEN);
    }

    @OnBothDatabases
    void aStaleVersionIsAConflictNamingBothVersions(Db db) {
        ProfileId p = profile();
        long id = open(db, p);
        StoredAlert seen = store(db).get(p, id).orElseThrow();
        store(db).acknowledge(p, id, "ana", seen.version());
        AlertConflictException e = (AlertConflictException) catchThrowable(
                () -> store(db).resolve(p, id, Resolution.of("ben"), seen.version()));
        assertThat(e).hasMessageStartingWith("alert " + id + " is at version 1, not 0: another writer changed it "
                + "(now acknowledged)");
        assertThat(e.expectedVersion()).isZero();
        assertThat(e.actualVersion()).isEqualTo(1);
        assertThat(store(db).get(p, id).orElseThrow().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    }

    @OnBothDatabases
    void concurrentWritersOfOneAlertOneWinsTheOthersGetTheConflict(Db db) throws Exception {
        ProfileId p = profile();
        long id = open(db, p);
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String who = "writer-" + w;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        store(db).resolve(p, id, Resolution.by(who).note(who).build(), 0);
                        return "won";
                    } catch (AlertConflictException e) {
                        return "conflict";
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsOnlyOnce("won").filteredOn("conflict"::equals).hasSize(writers - 1);
            StoredAlert a = store(db).get(p, id).orElseThrow();
            assertThat(a.version()).isEqualTo(1);
            assertThat(a.resolutionNote()).isEqualTo(a.resolvedBy());
        } finally {
            pool.shutdownNow();
        }
    }

    @OnBothDatabases
    void writersRetryingOnConflictNeverLoseAnUpdate(Db db) throws Exception {
        ProfileId p = profile();
        long id = open(db, p);
        int writers = 4;
        int each = 10;
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Callable<Integer> writer = () -> {
                    int mine = 0;
                    while (mine < each) {
                        StoredAlert a = store(db).get(p, id).orElseThrow();
                        try {
                            if (a.status() == AlertStatus.OPEN) {
                                store(db).acknowledge(p, id, "w", a.version());
                            } else {
                                store(db).reopen(p, id, a.version());
                            }
                            mine++;
                            done.incrementAndGet();
                        } catch (AlertConflictException e) {
                            // someone else moved it first: read again
                        }
                    }
                    return mine;
                };
                results.add(pool.submit(writer));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(each);
            }
        } finally {
            pool.shutdownNow();
        }
        StoredAlert a = store(db).get(p, id).orElseThrow();
        assertThat(a.version()).as("one version per successful change: none lost, none doubled")
                .isEqualTo(done.get()).isEqualTo(writers * each);
        assertThat(a.status()).as("an even number of toggles").isEqualTo(AlertStatus.OPEN);
    }

    @OnBothDatabases
    void badLifecycleInputIsRejectedNamingTheField(Db db) {
        ProfileId p = profile();
        long id = open(db, p);
        assertThatThrownBy(() -> store(db).acknowledge(p, id, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("who must be 1 to 256 characters and not blank, got ' '");
        assertThatThrownBy(() -> Resolution.by("ana").revenueImpact(Double.NaN).build())
                .hasMessage("revenueImpact must be finite, got NaN");
        assertThatThrownBy(() -> Resolution.by("ana").marketConditions("[1, 2]").build())
                .hasMessage("marketConditions must be a JSON object, got '[1, 2]'");
        assertThatThrownBy(() -> Resolution.by("ana").campaignSettings("{oops").build())
                .hasMessageStartingWith("campaignSettings must be a JSON object, got '{oops'");
        assertThatThrownBy(() -> new Page(-1, 10)).hasMessage("offset must be >= 0, got -1");
        assertThatThrownBy(() -> Page.first(0)).hasMessage("limit must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> ProfileId.of("")).hasMessage("profile id must be 1 to 128 characters and not blank, got ''");
        assertThat(store(db).get(p, id).orElseThrow().version()).isZero();
    }
}
