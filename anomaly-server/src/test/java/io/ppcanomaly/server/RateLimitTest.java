package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key making more requests than its burst gets 429 with Retry-After; another key is not held back. */
class RateLimitTest {

    @Test
    void aKeyOverItsBurstGets429WithRetryAfterWhileAnotherKeyGoesOn() throws Exception {
        Path dir = Files.createTempDirectory("ppca-rate");
        try (AlertStore store = AlertStore.embedded(dir);
             AnomalyServer server = AnomalyServer.builder(store, (InMemoryMetricSource) TestSamples.A.source())
                     .config(ServerConfig.builder().port(0).rateLimit(0.2, 3).build()).start()) {
            ProfileId p = TestSamples.A.profile();
            String busy = server.keys().create(Role.READ, Set.of(p), "busy", "test").secret();
            String calm = server.keys().create(Role.READ, Set.of(p), "calm", "test").secret();
            ApiClient client = new ApiClient(server.url());
            for (int i = 0; i < 3; i++) {
                assertThat(client.get(busy, "/api/anomaly/alerts/active").status()).isEqualTo(200);
            }
            ApiClient.Response limited = client.get(busy, "/api/anomaly/alerts/active");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
            assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");
            assertThat(client.get(calm, "/api/anomaly/alerts/active").status()).isEqualTo(200);
            assertThat(client.get(null, "/api/anomaly/alerts/active").status()).as("no key: 401, not 429")
                    .isEqualTo(401);
        }
    }
}
