package io.ppcanomaly.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.testing.OnBothDatabases;
import io.ppcanomaly.notify.testing.TestHttpServer;
import io.ppcanomaly.notify.testing.TestReports;
import io.ppcanomaly.notify.testing.TestReports.Root;
import io.ppcanomaly.notify.testing.TestStores;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the outbox hook writes in the save's transaction, on H2 and PostgreSQL: one message per route for an
 * incident however many alerts it has, again only on escalation, nothing for a muted or snoozed entity until the
 * mute ends, nothing when the save rolls back, and a digest summing up a period highest stake first.
 */
class OutboxRoutingTest extends TestStores {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Two immediate routes: a webhook hearing everything and a Slack channel for high severity only. */
    private Notifications twoRoutes() {
        Properties p = new Properties();
        p.setProperty("route.ops.type", "webhook");
        p.setProperty("route.ops.url", server.url("/hook"));
        p.setProperty("route.team.type", "slack");
        p.setProperty("route.team.url", server.url("/slack"));
        p.setProperty("route.team.min-severity", "high");
        return Notifications.fromProperties(p);
    }

    private List<TestHttpServer.Request> at(String path) {
        return server.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    private static long messages(NotificationStore tables, ProfileId p, String route) {
        return tables.pending(p, Page.first(1000)).stream().filter(m -> m.route().equals(route)).count();
    }

    @OnBothDatabases
    void aProfileWideOutageOf250KeywordsIsOneMessagePerRoute(Db db) throws Exception {
        ProfileId p = profile();
        AlertStore store = store(db);
        NotificationStore tables = new NotificationStore(store);
        try (Notifications n = twoRoutes()) {
            store.save(p, TestReports.report(TestReports.keywords(250, 0, Severity.HIGH, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).isEqualTo(1);
            assertThat(messages(tables, p, "team")).isEqualTo(1);
            OutboxMessage m = tables.pending(p, Page.first(10)).get(0);
            assertThat(m.alertCount()).isEqualTo(250);
            assertThat(m.incidentId()).isNotNull();
            assertThat(m.title()).contains("250 alerts");
            try (OutboxDispatcher d = n.dispatcher(store)) {
                assertThat(d.dispatch(p).sent()).isEqualTo(2);
            }
        }
        assertThat(at("/hook")).hasSize(1);
        assertThat(at("/slack")).hasSize(1);
        JsonNode body = JSON.readTree(at("/hook").get(0).body());
        assertThat(body.path("alert_count").asInt()).isEqualTo(250);
        assertThat(body.path("alerts").size()).isEqualTo(100);
        assertThat(body.path("alerts_omitted").asInt()).isEqualTo(150);
        assertThat(body.path("incident").path("kind").asText()).isEqualTo("reporting_outage");
        assertThat(body.path("incident").path("alert_count").asInt()).isEqualTo(250);
        double first = body.path("alerts").get(0).path("money_at_stake").asDouble();
        assertThat(first).isEqualTo(259.0);
        assertThat(body.path("money_at_stake").asDouble()).isEqualTo(250 * 10 + 249 * 250 / 2.0);
        assertThat(tables.counts(p).get(MessageStatus.SENT)).isEqualTo(2);
    }

    @OnBothDatabases
    void anOpenAlertIsNotifiedOnceAndAgainOnlyWhenItEscalates(Db db) throws Exception {
        ProfileId p = profile();
        AlertStore store = store(db);
        NotificationStore tables = new NotificationStore(store);
        try (Notifications n = twoRoutes()) {
            store.save(p, TestReports.report(TestReports.keywords(30, 0, Severity.MEDIUM, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).isEqualTo(1);
            assertThat(messages(tables, p, "team")).as("below the route's severity").isZero();

            store.save(p, TestReports.report(TestReports.keywords(30, 1, Severity.MEDIUM, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).as("continued at the same severity").isEqualTo(1);

            store.save(p, TestReports.report(TestReports.keywords(30, 2, Severity.CRITICAL, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).isEqualTo(2);
            assertThat(messages(tables, p, "team")).isEqualTo(1);
            List<OutboxMessage> ops = tables.pending(p, Page.first(10)).stream()
                    .filter(m -> m.route().equals("ops")).toList();
            OutboxMessage escalation = ops.get(ops.size() - 1);
            assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
            Notification content = tables.content(p, escalation.id()).orElseThrow();
            assertThat(content.isEscalation()).isTrue();
            assertThat(content.alerts()).allSatisfy(a -> assertThat(a.previousSeverity()).isEqualTo(Severity.MEDIUM));
            assertThat(content.title()).contains("CRITICAL").contains("MEDIUM");

            store.save(p, TestReports.report(TestReports.keywords(30, 3, Severity.HIGH, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).as("falling back is no news").isEqualTo(2);
        }
    }

    @OnBothDatabases
    void aMutedRootSilencesItsIncidentOnThatRouteOnly(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        NotificationStore tables = new NotificationStore(store);
        tables.mute(p, EntityType.PROFILE, "pr-1", "ops", "alice", "known outage, Amazon is on it");
        assertThat(tables.mutes(p)).singleElement().satisfies(m -> {
            assertThat(m.route()).isEqualTo("ops");
            assertThat(m.endsAt()).isNull();
        });
        try (Notifications n = twoRoutes()) {
            store.save(p, TestReports.report(TestReports.keywords(20, 0, Severity.HIGH, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).isZero();
            assertThat(messages(tables, p, "team")).isEqualTo(1);
            assertThat(tables.unmute(p, EntityType.PROFILE, "pr-1", "ops")).isTrue();
            store.save(p, TestReports.report(TestReports.keywords(20, 1, Severity.HIGH, Root.outage())),
                    n.saveHook());
            assertThat(messages(tables, p, "ops")).as("announced once the mute is lifted").isEqualTo(1);
            assertThat(messages(tables, p, "team")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    void aSnoozedKeywordIsLeftOutUntilTheSnoozeEnds(Db db) {
        ProfileId p = profile();
        AlertStore store = store(db);
        NotificationStore tables = new NotificationStore(store);
        Alert loud = TestReports.alert(EntityType.KEYWORD, "kw-loud", 0, Severity.HIGH, 900, Root.campaign("c-1"));
        tables.snooze(p, EntityType.KEYWORD, "kw-loud", null, clock.instant().plus(Duration.ofHours(2)), "bob",
                null);
        assertThatThrownBy(() -> tables.snooze(p, EntityType.KEYWORD, "kw-x", null, clock.instant().minusSeconds(1),
                "bob", null)).hasMessageContaining("until must be after now");
        try (Notifications n = twoRoutes()) {
            store.save(p, TestReports.report(loud), n.saveHook());
            assertThat(tables.counts(p).get(MessageStatus.PENDING)).isZero();
            clock.advance(Duration.ofHours(3));
            assertThat(tables.mutes(p)).isEmpty();
            store.save(p, TestReports.report(TestReports.alert(EntityType.KEYWORD, "kw-loud", 1, Severity.HIGH, 950,
                    Root.campaign("c-1"))), n.saveHook());
            assertThat(messages(tables, p, "ops")).isEqualTo(1);
            assertThat(messages(tables, p, "team")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    void aSaveThatRollsBackLeavesNoMessage(Db db) throws Exception {
        ProfileId p = profile();
        try (Notifications n = twoRoutes();
             AlertStore store = store(db, StoreConfig.builder().hook(n.saveHook()).build())) {
            assertThatThrownBy(() -> store.save(p, TestReports.report(TestReports.keywords(5, 0, Severity.HIGH,
                    Root.outage())), (tx, saved) -> {
                        throw new IllegalStateException("the monitor's watermark failed");
                    })).hasMessageContaining("watermark");
            assertThat(count(db, "SELECT count(*) FROM anomaly_notify_outbox WHERE profile_id = ?", p.value()))
                    .isZero();
            assertThat(count(db, "SELECT count(*) FROM anomaly_notify_state WHERE profile_id = ?", p.value()))
                    .isZero();
            store.save(p, TestReports.report(TestReports.keywords(5, 0, Severity.HIGH, Root.outage())));
            assertThat(count(db, "SELECT count(*) FROM anomaly_notify_outbox WHERE profile_id = ?", p.value()))
                    .as("the configured hook runs on every save").isEqualTo(2);
        }
    }

    @OnBothDatabases
    void aDailyDigestSumsUpThePeriodHighestStakeFirstOnce(Db db) throws Exception {
        ProfileId p = profile();
        AlertStore store = store(db);
        NotificationStore tables = new NotificationStore(store);
        Properties props = new Properties();
        props.setProperty("route.daily.type", "webhook");
        props.setProperty("route.daily.url", server.url("/digest"));
        props.setProperty("route.daily.cadence", "daily");
        props.setProperty("route.daily.digest-at", "08:00");
        try (Notifications n = Notifications.fromProperties(props)) {
            List<Alert> alerts = new ArrayList<>();
            alerts.add(TestReports.alert(EntityType.KEYWORD, "kw-small", 0, Severity.MEDIUM, 40, Root.campaign("c-1")));
            alerts.add(TestReports.alert(EntityType.KEYWORD, "kw-big", 0, Severity.HIGH, 4000, Root.campaign("c-2")));
            alerts.addAll(TestReports.keywords(10, 0, Severity.HIGH, Root.outage()));
            store.save(p, TestReports.report(alerts), n.saveHook());
            assertThat(tables.counts(p).get(MessageStatus.PENDING)).as("queued, not sent at once").isZero();
            DigestRunner digests = n.digests(store);
            assertThat(digests.run(p)).as("the day has not ended").isZero();
            clock.set(Instant.parse("2026-03-20T08:30:00Z"));
            assertThat(digests.run(p)).isEqualTo(1);
            assertThat(digests.run(p)).as("once per period").isZero();
            try (OutboxDispatcher d = n.dispatcher(store)) {
                assertThat(d.dispatch(p).sent()).isEqualTo(1);
            }
        }
        JsonNode body = JSON.readTree(at("/digest").get(0).body());
        assertThat(body.path("kind").asText()).isEqualTo("digest");
        JsonNode digest = body.path("digest");
        assertThat(digest.path("incident_count").asInt()).isEqualTo(3);
        assertThat(digest.path("alert_count").asInt()).isEqualTo(12);
        List<Double> stakes = new ArrayList<>();
        digest.path("incidents").forEach(i -> stakes.add(i.path("money_at_stake").asDouble()));
        assertThat(stakes).containsExactly(4000.0, 145.0, 40.0);
    }
}
