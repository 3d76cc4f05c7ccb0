package io.ppcanomaly.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.Notifiers;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.testing.TestHttpServer;
import io.ppcanomaly.notify.testing.TestHttpServer.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook notifier against a real HTTP receiver on loopback. */
class WebhookNotifierTest {

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

    private Notifier webhook(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("url", server.url("/hooks/anomaly"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Notifiers.create("webhook", p);
    }

    private static Notification sample() {
        return Notifications.sample("ops", CLOCK);
    }

    @Test
    void postsTheAlertsAsJsonWithTheDeliveryIdAndASignatureTheReceiverCanRecompute() throws Exception {
        try (Notifier n = webhook("secret", "s3cr3t", "base-url", "https://anomaly.example.com",
                "header.Authorization", "Bearer abc")) {
            n.send(sample(), new Delivery("d-123", 2, "ops"));
        }
        assertThat(server.requests()).hasSize(1);
        TestHttpServer.Request r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/anomaly");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-Delivery-Id")).isEqualTo("d-123");
        assertThat(r.header("X-Delivery-Attempt")).isEqualTo("2");
        assertThat(r.header("X-PPC-Anomaly-Kind")).isEqualTo("test");
        assertThat(r.header("Authorization")).isEqualTo("Bearer abc");
        assertThat(r.header("X-Signature"))
                .isEqualTo("sha256=" + WebhookNotifier.hmac("s3cr3t".getBytes(StandardCharsets.UTF_8), r.body()))
                .matches("sha256=[0-9a-f]{64}");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("delivery_id").asText()).isEqualTo("d-123");
        assertThat(body.path("kind").asText()).isEqualTo("test");
        assertThat(body.path("severity").asText()).isEqualTo("high");
        assertThat(body.path("money_at_stake").asDouble()).isEqualTo(599.75);
        assertThat(body.path("incident").path("kind").asText()).isEqualTo("budget_exhaustion");
        assertThat(body.path("incident").path("id").asText()).isEqualTo("inc-0000000000000000");
        JsonNode alert = body.path("alerts").get(0);
        for (String key : new String[] {"entity_type", "entity_id", "entity_name", "period", "anomaly_score",
                "threshold", "severity", "detector_type", "member_scores", "explanation", "root_causes",
                "kpi_changes", "money_at_stake", "incident_id", "alert_id"}) {
            assertThat(alert.has(key)).as("alert key %s", key).isTrue();
        }
        assertThat(alert.path("incident_id").asText()).isEqualTo("inc-0000000000000000");
        assertThat(alert.path("link").asText()).isEqualTo("https://anomaly.example.com/alerts/1");
    }

    @Test
    void anUnsignedWebhookSendsNoSignatureHeader() throws Exception {
        try (Notifier n = webhook()) {
            n.send(sample(), new Delivery("d-1", 1, "ops"));
        }
        assertThat(server.requests().get(0).header("X-Signature")).isNull();
        assertThat(server.requests().get(0).header("X-Delivery-Id")).isEqualTo("d-1");
    }

    @Test
    void aServerErrorIsRetryableAndNamesTheHostButNotThePath() {
        server.script(Answer.status(500).body("database down"));
        try (Notifier n = webhook()) {
            assertThatThrownBy(() -> n.send(sample(), new Delivery("d-1", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.getMessage()).contains("HTTP 500", "database down", "127.0.0.1")
                                .doesNotContain("/hooks/anomaly");
                    });
        }
    }

    @Test
    void aBadRequestIsNotRetryable() {
        server.script(Answer.status(400).body("invalid_payload"));
        try (Notifier n = webhook()) {
            assertThatThrownBy(() -> n.send(sample(), new Delivery("d-1", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("invalid_payload");
                    });
        }
    }

    @Test
    void tooManyRequestsCarriesTheReceiversRetryAfter() {
        server.script(Answer.status(429).header("Retry-After", "7"));
        try (Notifier n = webhook()) {
            assertThatThrownBy(() -> n.send(sample(), new Delivery("d-1", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    });
        }
    }

    @Test
    void aSlowReceiverTimesOutRetryably() {
        server.script(Answer.status(200).delay(6_000));
        try (Notifier n = webhook("timeout", "500ms")) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> n.send(sample(), new Delivery("d-1", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isZero();
                        assertThat(e.getMessage()).contains("no answer within 500 ms");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(4_000));
        }
    }

    @Test
    void aClosedPortIsRetryable() {
        String url = server.url("/x");
        server.close();
        Properties p = new Properties();
        p.setProperty("url", url);
        try (Notifier n = Notifiers.create("webhook", p)) {
            assertThatThrownBy(() -> n.send(sample(), new Delivery("d-1", 1, "ops")))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheKeyWithoutRepeatingTheSecretUrl() {
        Properties p = new Properties();
        p.setProperty("url", "ftp://user:pw@example.com/secret-path");
        assertThatThrownBy(() -> Notifiers.create("webhook", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url must be").hasMessageNotContaining("secret-path");
        Properties q = new Properties();
        q.setProperty("url", server.url("/"));
        q.setProperty("colour", "red");
        assertThatThrownBy(() -> Notifiers.create("webhook", q)).hasMessageContaining("'colour'")
                .hasMessageContaining("secret");
        Properties h = new Properties();
        h.setProperty("url", server.url("/"));
        h.setProperty("header.X-Signature", "forged");
        assertThatThrownBy(() -> Notifiers.create("webhook", h)).hasMessageContaining("header.X-Signature");
    }

    @Test
    void anUnknownNotifierFailsListingTheAvailableOnes() {
        assertThat(Notifiers.available()).contains("email", "slack", "webhook");
        assertThatThrownBy(() -> Notifiers.create("pager", new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pager").hasMessageContaining("email").hasMessageContaining("slack")
                .hasMessageContaining("webhook");
    }
}
