package io.ppcanomaly.monitor.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.monitor.testing.MutableClock;
import io.ppcanomaly.monitor.testing.TestStores;
import io.ppcanomaly.monitor.testing.TestStores.Db;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases in the database: exclusive, expiring, renewable, fencing a holder that lost its lease. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeasesTest {

    private static final AtomicInteger PROFILES = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T06:00:00Z"));
    private final Map<Db, TestStores> dbs = new TreeMap<>();

    @BeforeAll
    void setUp() {
        for (Db db : Db.values()) {
            dbs.put(db, TestStores.create(db, "leases"));
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        for (TestStores s : dbs.values()) {
            s.close();
        }
    }

    private static ProfileId profile() {
        return ProfileId.of("lease-" + PROFILES.incrementAndGet());
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void oneHolderAtATimeUntilItReleasesOrItsLeaseExpires(Db db) {
        AlertStore storeA = dbs.get(db).open(clock);
        AlertStore storeB = dbs.get(db).open(clock);
        Leases a = new Leases(storeA, "instance-a", Duration.ofSeconds(30));
        Leases b = new Leases(storeB, "instance-b", Duration.ofSeconds(30));
        ProfileId p = profile();

        Lease first = a.tryAcquire(p, "detect").orElseThrow();
        assertThat(b.tryAcquire(p, "detect")).as("held by a").isEmpty();
        assertThat(b.currentHolder(p)).get().asString().startsWith("instance-a (detect, until ");
        assertThat(a.tryAcquire(p, "retrain")).as("one job at a time, even of its holder").isEmpty();
        first.close();
        Lease byB = b.tryAcquire(p, "detect").orElseThrow();
        assertThat(byB.token()).isGreaterThan(first.token());

        clock.advance(Duration.ofSeconds(20));
        assertThat(byB.renew()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(a.tryAcquire(p, "detect")).as("renewed: still b's").isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(a.tryAcquire(p, "detect")).as("expired: a takes over").isPresent();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void aHolderThatLostItsLeaseCannotWriteRenewOrReleaseTheNewHolders(Db db) {
        AlertStore storeA = dbs.get(db).open(clock);
        AlertStore storeB = dbs.get(db).open(clock);
        Leases a = new Leases(storeA, "instance-a", Duration.ofSeconds(10));
        Leases b = new Leases(storeB, "instance-b", Duration.ofSeconds(10));
        ProfileId p = profile();
        Lease stale = a.tryAcquire(p, "detect").orElseThrow();
        storeA.inTransaction(p, tx -> {
            stale.verify(tx);
            return null;
        });
        clock.advance(Duration.ofSeconds(11));
        Lease current = b.tryAcquire(p, "detect").orElseThrow();

        assertThatThrownBy(() -> storeA.inTransaction(p, tx -> {
            stale.verify(tx);
            return null;
        })).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("monitor instance instance-a lost its lease on profile " + p)
                .hasMessageContaining("to instance-b (token " + current.token() + ")");
        assertThat(stale.renew()).isFalse();
        stale.close();
        assertThat(a.tryAcquire(p, "detect")).as("releasing the stale lease freed nothing").isEmpty();
        storeB.inTransaction(p, tx -> {
            current.verify(tx);
            return null;
        });
        assertThatThrownBy(() -> storeA.inTransaction(ProfileId.of("other"), tx -> {
            current.verify(tx);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be the lease's");
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Db.class)
    void manyInstancesRacingForOneProfileGetOneLease(Db db) throws Exception {
        ProfileId p = profile();
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Optional<Lease>>> results = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Leases l = new Leases(dbs.get(db).open(clock), "instance-" + i, Duration.ofMinutes(1));
            results.add(pool.submit(() -> {
                go.await();
                return l.tryAcquire(p, "detect");
            }));
        }
        go.countDown();
        int won = 0;
        for (var f : results) {
            won += f.get().isPresent() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
    }
}
