package io.ppcanomaly.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.NotifyConfig;
import io.ppcanomaly.notify.Notifiers;
import io.ppcanomaly.notify.testing.OnBothDatabases;
import io.ppcanomaly.notify.testing.TestHttpServer;
import io.ppcanomaly.notify.testing.TestHttpServer.Answer;
import io.ppcanomaly.notify.testing.TestReports;
import io.ppcanomaly.notify.testing.TestReports.Root;
import io.ppcanomaly.notify.testing.TestStores;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The dispatcher against a real webhook receiver, on H2 and PostgreSQL: retries with back-off on 500 and time-outs
 * carrying one delivery id, {@code 429 Retry-After} honoured, 400 dead at once with its error, attempts running out,
 * a crash between sending and marking sent again after the lease with the same delivery id, and two dispatchers on
 * one database never sending one row twice.
 */
class OutboxDispatcherTest extends TestStores {

    private TestHttpServer server;

    @BeforeAll
    void startServer() throws IOException {
        server = new TestHttpServer();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        clock.set(Instant.parse("2026-03-20T07:00:00Z"));
    }

    private NotifyConfig config(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("route.ops.type", "webhook");
        p.setProperty("route.ops.url", server.url("/hook"));
        p.setProperty("route.ops.timeout", "2s");
        p.setProperty("notify.retry.max-attempts", "4");
        p.setProperty("notify.retry.initial-delay", "10s");
        p.setProperty("notify.retry.max-delay", "1m");
        p.setProperty("notify.dispatch.lease", "2m");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return NotifyConfig.parse(p);
    }

    /** Saves one incident (one message on route ops). @return the message */
    private OutboxMessage oneMessage(AlertStore store, ProfileId p, Notifications n) {
        store.save(p, TestReports.report(TestReports.keywords(3, 0, Severity.HIGH, Root.outage())), n.saveHook());
        return new NotificationStore(store).pending(p, Page.first(10)).get(0);
    }

    private OutboxMessage reread(AlertStore store, ProfileId p, OutboxMessage m) {
        return new NotificationStore(store).message(p, m.id()).orElseThrow();
    }

    @OnBothDatabases
    void aServerErrorAndATimeOutAreRetriedWithBackOffCarryingOneDeliveryId(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        server.script(Answer.status(500).body("boom"), Answer.status(200).delay(5_000));
        try (Notifications n = Notifications.create(config());
             OutboxDispatcher d = n.dispatcher(store)) {
            OutboxMessage m = oneMessage(store, p, n);
            assertThat(d.dispatch(p).retried()).isEqualTo(1);
            OutboxMessage after1 = reread(store, p, m);
            assertThat(after1.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(after1.lastError()).contains("attempt 1 of 4").contains("HTTP 500").contains("boom");
            assertThat(Duration.between(clock.instant(), after1.nextAttemptAt()))
                    .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(d.dispatch(p).claimed()).as("not due before its back-off").isZero();

            clock.advance(Duration.ofSeconds(11));
            assertThat(d.dispatch(p).retried()).isEqualTo(1);
            OutboxMessage after2 = reread(store, p, m);
            assertThat(after2.lastError()).contains("attempt 2 of 4").contains("no answer within 2 s");
            assertThat(Duration.between(clock.instant(), after2.nextAttemptAt()))
                    .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));

            clock.advance(Duration.ofSeconds(21));
            assertThat(d.dispatch(p).sent()).isEqualTo(1);
            OutboxMessage done = reread(store, p, m);
            assertThat(done.status()).isEqualTo(MessageStatus.SENT);
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.sentAt()).isEqualTo(clock.instant());
        }
        List<TestHttpServer.Request> got = server.requests();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.header("X-Delivery-Id")).containsOnly(got.get(0).header("X-Delivery-Id"));
        assertThat(got).extracting(r -> r.header("X-Delivery-Attempt")).containsExactly("1", "2", "3");
        assertThat(got).extracting(TestHttpServer.Request::text).containsOnly(got.get(0).text());
    }

    @OnBothDatabases
    void tooManyRequestsWaitsAtLeastTheReceiversRetryAfter(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        server.script(Answer.status(429).header("Retry-After", "120"));
        try (Notifications n = Notifications.create(config());
             OutboxDispatcher d = n.dispatcher(store)) {
            OutboxMessage m = oneMessage(store, p, n);
            assertThat(d.dispatch(p).retried()).isEqualTo(1);
            assertThat(reread(store, p, m).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(120));
            clock.advance(Duration.ofSeconds(60));
            assertThat(d.dispatch(p).claimed()).as("the back-off alone would have allowed it").isZero();
            clock.advance(Duration.ofSeconds(61));
            assertThat(d.dispatch(p).sent()).isEqualTo(1);
        }
        assertThat(server.requests()).hasSize(2);
    }

    @OnBothDatabases
    void aRateLimitedRouteIsPausedForTheRestOfThePassNotHammered(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        server.script(Answer.status(429).header("Retry-After", "60"));
        try (Notifications n = Notifications.create(config("notify.dispatch.parallelism", "1",
                "notify.dispatch.batch", "2"));
             OutboxDispatcher d = n.dispatcher(store)) {
            List<Alert> alerts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                alerts.add(TestReports.alert(EntityType.KEYWORD, "kw-" + i, 0, Severity.HIGH, 100 + i,
                        Root.campaign("c-" + i)));
            }
            store.save(p, TestReports.report(alerts), n.saveHook());
            DispatchResult first = d.dispatch(p);
            assertThat(first.retried()).isEqualTo(1);
            assertThat(first.released()).as("%s", first).isEqualTo(4);
            assertThat(server.requests()).hasSize(1);
            assertThat(new NotificationStore(store).pending(p, Page.first(10)))
                    .allSatisfy(m -> assertThat(m.nextAttemptAt()).isAfterOrEqualTo(clock.instant().plusSeconds(60)))
                    .allSatisfy(m -> assertThat(m.attempts()).isLessThanOrEqualTo(1));
            clock.advance(Duration.ofSeconds(61));
            assertThat(d.dispatch(p).sent()).isEqualTo(5);
        }
        assertThat(server.requests()).hasSize(6);
    }

    @OnBothDatabases
    void aBadRequestIsDeadAtOnceWithItsErrorAndCanBeSentAgainByHand(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        NotificationStore tables = new NotificationStore(store);
        server.script(Answer.status(400).body("unknown field 'alerts'"));
        try (Notifications n = Notifications.create(config());
             OutboxDispatcher d = n.dispatcher(store)) {
            OutboxMessage m = oneMessage(store, p, n);
            assertThat(d.dispatch(p).dead()).isEqualTo(1);
            assertThat(server.requests()).hasSize(1);
            clock.advance(Duration.ofHours(1));
            assertThat(d.dispatch(p).claimed()).isZero();
            assertThat(tables.dead(p, Page.first(10))).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo(m.id());
                assertThat(x.lastError()).contains("not retried").contains("HTTP 400").contains("unknown field");
                assertThat(x.deadAt()).isNotNull();
                assertThat(x.route()).isEqualTo("ops");
            });
            assertThat(tables.dead(profile(), Page.first(10))).as("another tenant sees none").isEmpty();
            assertThat(tables.retry(p, m.id())).isTrue();
            assertThat(d.dispatch(p).sent()).isEqualTo(1);
            assertThat(tables.dead(p, Page.first(10))).isEmpty();
        }
        assertThat(server.requests()).extracting(r -> r.header("X-Delivery-Id"))
                .containsOnly(server.requests().get(0).header("X-Delivery-Id"));
    }

    @OnBothDatabases
    void aReceiverDownForLongerThanTheAttemptsMakesTheMessageDeadWithTheLastError(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        server.script(Answer.status(502), Answer.status(503), Answer.status(500), Answer.status(504).body("gateway"));
        try (Notifications n = Notifications.create(config());
             OutboxDispatcher d = n.dispatcher(store)) {
            OutboxMessage m = oneMessage(store, p, n);
            for (int i = 0; i < 3; i++) {
                assertThat(d.dispatch(p).retried()).isEqualTo(1);
                clock.advance(Duration.ofMinutes(2));
            }
            assertThat(d.dispatch(p).dead()).isEqualTo(1);
            OutboxMessage dead = reread(store, p, m);
            assertThat(dead.status()).isEqualTo(MessageStatus.DEAD);
            assertThat(dead.attempts()).isEqualTo(4);
            assertThat(dead.lastError()).contains("attempt 4 of 4").contains("HTTP 504").contains("gateway");
        }
        assertThat(server.requests()).hasSize(4);
    }

    @OnBothDatabases
    void aCrashBetweenSendingAndMarkingSendsTheMessageAgainWithTheSameDeliveryId(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        try (Notifications n = Notifications.create(config())) {
            OutboxMessage m = oneMessage(store, p, n);
            Map<String, Notifier> notifiers = Map.of("ops", n.notifier("ops"));
            try (OutboxDispatcher crashing = OutboxDispatcher.builder(store, notifiers).retry(n.config().retry())
                    .settings(n.config().dispatch()).beforeMark((delivery, outcome) -> {
                        throw new IllegalStateException("killed after sending " + delivery.deliveryId());
                    }).build()) {
                assertThatThrownBy(() -> crashing.dispatch(p)).hasMessageContaining("killed after sending");
            }
            assertThat(server.requests()).hasSize(1);
            OutboxMessage leased = reread(store, p, m);
            assertThat(leased.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(leased.leaseOwner()).isNotNull();

            try (OutboxDispatcher restarted = n.dispatcher(store)) {
                assertThat(restarted.dispatch(p).claimed()).as("still leased to the dead dispatcher").isZero();
                clock.advance(Duration.ofMinutes(2).plusSeconds(1));
                assertThat(restarted.dispatch(p).sent()).isEqualTo(1);
            }
            OutboxMessage sent = reread(store, p, m);
            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
        }
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests()).extracting(r -> r.header("X-Delivery-Id")).containsOnly(
                reread(store(db), p, new NotificationStore(store(db)).sent(p, Page.first(1)).get(0)).deliveryId());
        assertThat(server.requests()).extracting(r -> r.header("X-Delivery-Attempt")).containsExactly("1", "2");
    }

    @OnBothDatabases
    void twoDispatchersOnOneDatabaseNeverSendOneRowTwice(Db db) throws Exception {
        ProfileId p = profile();
        AlertStore store = store(db);
        int incidents = 120;
        try (Notifications n = Notifications.create(config("notify.dispatch.batch", "7",
                "notify.dispatch.parallelism", "4", "route.ops.timeout", "20s"))) {
            List<Alert> alerts = new ArrayList<>();
            for (int i = 0; i < incidents; i++) {
                alerts.add(TestReports.alert(EntityType.KEYWORD, "kw-" + i, 0, Severity.HIGH, 100 + i,
                        Root.campaign("c-" + i)));
            }
            store.save(p, TestReports.report(alerts), n.saveHook());
            assertThat(new NotificationStore(store).counts(p).get(MessageStatus.PENDING)).isEqualTo(incidents);
            try (AlertStore second = store(db, store.config());
                 OutboxDispatcher a = n.dispatcher(store);
                 OutboxDispatcher b = OutboxDispatcher.builder(second, Map.of("ops", n.notifier("ops")))
                         .settings(n.config().dispatch()).retry(n.config().retry()).random(new SplittableRandom(1))
                         .build()) {
                ExecutorService two = Executors.newFixedThreadPool(2);
                CountDownLatch go = new CountDownLatch(1);
                try {
                    List<Future<DispatchResult>> results = new ArrayList<>();
                    for (OutboxDispatcher d : List.of(a, b)) {
                        Callable<DispatchResult> run = () -> {
                            go.await();
                            return d.dispatch(p);
                        };
                        results.add(two.submit(run));
                    }
                    go.countDown();
                    DispatchResult ra = results.get(0).get();
                    DispatchResult rb = results.get(1).get();
                    assertThat(ra.sent() + rb.sent()).as("%s and %s", ra, rb).isEqualTo(incidents);
                    assertThat(ra.leaseLost() + rb.leaseLost()).isZero();
                } finally {
                    two.shutdownNow();
                }
            }
        }
        Set<String> ids = new HashSet<>();
        server.requests().forEach(r -> assertThat(ids.add(r.header("X-Delivery-Id")))
                .as("delivery %s sent once", r.header("X-Delivery-Id")).isTrue());
        assertThat(ids).hasSize(incidents);
        assertThat(new NotificationStore(store).counts(p).get(MessageStatus.SENT)).isEqualTo(incidents);
    }

    @OnBothDatabases
    void rowsOfARouteThisDispatcherDoesNotServeAreLeftAlone(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        try (Notifications n = Notifications.create(config())) {
            OutboxMessage m = oneMessage(store, p, n);
            Properties other = new Properties();
            other.setProperty("url", server.url("/elsewhere"));
            try (Notifier elsewhere = Notifiers.create("webhook", other);
                 OutboxDispatcher d = OutboxDispatcher.builder(store, Map.of("team", elsewhere)).build()) {
                assertThat(d.dispatch(p).claimed()).isZero();
            }
            assertThat(reread(store, p, m).status()).isEqualTo(MessageStatus.PENDING);
            assertThat(reread(store, p, m).attempts()).isZero();
        }
        assertThat(server.requests()).isEmpty();
    }
}
