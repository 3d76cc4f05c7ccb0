package io.ppcanomaly.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.Notifiers;
import io.ppcanomaly.notify.testing.TestHttpServer;
import io.ppcanomaly.notify.testing.TestHttpServer.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack notifier against a real HTTP receiver standing in for an incoming webhook. */
class SlackNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T08:00:00Z"), ZoneOffset.UTC);

    private TestHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Notifier slack(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("url", server.url("/services/T000/B000/XXXX"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Notifiers.create("slack", p);
    }

    @Test
    void postsBlockKitWithSeverityMoneyKpiChangesRootCauseAndALink() throws Exception {
        try (Notifier n = slack("base-url", "https://anomaly.example.com")) {
            n.send(Notifications.sample("ops", CLOCK), new Delivery("d-9", 1, "ops"));
        }
        TestHttpServer.Request r = server.requests().get(0);
        assertThat(r.path()).isEqualTo("/services/T000/B000/XXXX");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("text").asText()).contains("599.75");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.isArray()).isTrue();
        List<String> headers = new ArrayList<>();
        blocks.forEach(b -> {
            if (b.path("type").asText().equals("header")) {
                headers.add(b.path("text").path("text").asText());
            }
        });
        assertThat(headers).anySatisfy(h -> assertThat(h).contains("Test message"))
                .anySatisfy(h -> assertThat(h).contains("HIGH").contains("599.75").contains("at stake"));
        List<String> texts = new ArrayList<>();
        blocks.findValues("text").forEach(t -> texts.add(t.isTextual() ? t.asText() : t.path("text").asText()));
        String all = String.join("\n", texts);
        assertThat(all).contains("ran out of budget").contains("impressions").contains("-85");
        assertThat(body.toString()).contains("https://anomaly.example.com/alerts/");
    }

    @Test
    void aRevokedHookIsNotRetriedAndRateLimitsAreHonoured() {
        server.script(Answer.status(404).body("no_service"), Answer.status(429).header("Retry-After", "30"),
                Answer.status(503));
        try (Notifier n = slack()) {
            assertThatThrownBy(() -> n.send(Notifications.sample("ops", CLOCK), new Delivery("d", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
            assertThatThrownBy(() -> n.send(Notifications.sample("ops", CLOCK), new Delivery("d", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
            assertThatThrownBy(() -> n.send(Notifications.sample("ops", CLOCK), new Delivery("d", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.retryAfter()).isEmpty();
                    });
        }
    }

    @Test
    void describeNamesTheHostButNeverTheSecretPath() {
        try (Notifier n = slack()) {
            assertThat(n.describe()).contains("127.0.0.1").doesNotContain("XXXX");
        }
    }
}
