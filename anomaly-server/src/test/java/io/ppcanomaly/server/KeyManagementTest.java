package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Admin keys manage the keys of their own profiles only; a revoked key stops working at once. */
class KeyManagementTest {

    @OnBothDatabases
    void anAdminCreatesListsAndRevokesKeysOfItsOwnProfilesOnly(TestServers.Db db) {
        TestServers.TestServer s = TestServers.get(db);
        ApiClient.Response created = s.client.post(s.adminA, "/api/keys", "{\"role\": \"read\", \"name\": \"bi tool\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.json().get("secret").asText();
        String keyId = created.json().get("key").get("key_id").asText();
        assertThat(created.json().get("key").get("profiles").get(0).asText()).isEqualTo(TestSamples.A.profile().value());
        assertThat(created.json().get("key").get("created_by").asText()).startsWith("key ");
        assertThat(s.client.get(secret, "/api/anomaly/alerts/active?limit=1").status()).isEqualTo(200);
        assertThat(s.client.patch(secret, "/api/anomaly/alerts/1/acknowledge", null).status()).isEqualTo(403);

        JsonNode list = s.client.get(s.adminA, "/api/keys").json();
        assertThat(list.get("keys").findValuesAsText("key_id")).contains(keyId);
        assertThat(list.toString()).doesNotContain(secret.substring(22)).doesNotContain("hash");

        ApiClient.Response foreign = s.client.post(s.adminA, "/api/keys", "{\"role\": \"admin\", \"name\": \"x\", "
                + "\"profiles\": [\"" + TestSamples.B_PROFILE.value() + "\"]}");
        assertThat(foreign.status()).as("another tenant's profile is unknown to this admin").isEqualTo(404);
        ApiClient.Response badRole = s.client.post(s.adminA, "/api/keys", "{\"role\": \"owner\", \"name\": \"x\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("field").asText()).isEqualTo("role");
        assertThat(s.client.post(s.writeA, "/api/keys", "{\"role\": \"read\", \"name\": \"x\"}").status())
                .isEqualTo(403);

        assertThat(s.client.delete(s.adminB, "/api/keys/" + keyId).status()).as("B's admin cannot see A's key")
                .isEqualTo(404);
        JsonNode revoked = s.client.delete(s.adminA, "/api/keys/" + keyId).json();
        assertThat(revoked.get("revoked_at").isNull()).isFalse();
        assertThat(s.client.get(secret, "/api/anomaly/alerts/active?limit=1").status()).isEqualTo(401);
    }
}
