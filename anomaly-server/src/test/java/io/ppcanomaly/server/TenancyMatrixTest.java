package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ppcanomaly.server.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys × endpoints × tenants: every API endpoint called with no key, a malformed key, a revoked key, and read,
 * write and admin keys of tenant A, of tenant B and of both, on tenant A's and tenant B's data. Expected: 401
 * without a valid key, 403 when the role may not (whatever the tenant), 404 for another tenant's alert, job,
 * profile or key - byte for byte what an unknown id gets - and the caller's own data otherwise. Then no response
 * to a key that does not cover a tenant carries anything of that tenant, and nothing of a tenant changed but what
 * its own writers changed.
 */
class TenancyMatrixTest {

    private record Key(String name, String secret, Role role, boolean a, boolean b) {
    }

    private record Call(String method, String path, String body, Role needs) {
    }

    @OnBothDatabases
    void noKeyEndpointAndTenantCombinationLeaksAnything(TestServers.Db db) {
        TestServers.TestServer s = TestServers.get(db);
        List<Key> keys = List.of(
                new Key("none", null, null, false, false),
                new Key("malformed", "ppca_notakey", null, false, false),
                new Key("wrong secret", s.readA.substring(0, s.readA.length() - 4) + "AAAA", null, false, false),
                new Key("revoked admin A", s.revokedA, null, false, false),
                new Key("read A", s.readA, Role.READ, true, false),
                new Key("write A", s.writeA, Role.WRITE, true, false),
                new Key("admin A", s.adminA, Role.ADMIN, true, false),
                new Key("read B", s.readB, Role.READ, false, true),
                new Key("write B", s.writeB, Role.WRITE, false, true),
                new Key("admin B", s.adminB, Role.ADMIN, false, true),
                new Key("read A+B", s.readAB, Role.READ, true, true));
        Map<String, JsonNode> before = snapshot(s);
        List<String> failures = new ArrayList<>();
        List<String> aMarkers = markers(s, s.readA, "pr-01");
        List<String> bMarkers = markers(s, s.readB, TestSamples.B_PROFILE.value());
        int calls = 0;
        for (String tenant : List.of("A", "B")) {
            String profile = tenant.equals("A") ? TestSamples.A.profile().value() : TestSamples.B_PROFILE.value();
            long alert = anyAlert(s, tenant.equals("A") ? s.readA : s.readB);
            String incident = anyIncident(s, tenant.equals("A") ? s.readA : s.readB);
            for (Key k : keys) {
                boolean covers = tenant.equals("A") ? k.a() : k.b();
                for (Call c : calls(alert, incident, profile)) {
                    ApiClient.Response r = s.client.send(c.method(), c.path(), k.secret(), c.body(), Map.of());
                    calls++;
                    int expected = expected(k, c, covers);
                    String where = k.name() + " " + c.method() + " " + c.path() + " on tenant " + tenant;
                    if (r.status() != expected) {
                        failures.add(where + ": expected " + expected + ", got " + r.status() + " " + r.body());
                        continue;
                    }
                    String id = c.path().contains("/alerts/" + alert) ? "/alerts/" + alert
                            : c.path().contains("/incidents/" + incident) ? "/incidents/" + incident : null;
                    if (expected == 404 && id != null) {
                        String unknownId = id.startsWith("/alerts/") ? "/alerts/999999999"
                                : "/incidents/no-such-incident";
                        String unknown = c.path().replace(id, unknownId);
                        ApiClient.Response u = s.client.send(c.method(), unknown, k.secret(), c.body(), Map.of());
                        String same = u.body().replace(unknownId.substring(unknownId.lastIndexOf('/') + 1),
                                id.substring(id.lastIndexOf('/') + 1));
                        if (u.status() != 404 || !same.equals(r.body())) {
                            failures.add(where + ": answered unlike an unknown id: " + r.body() + " vs " + u.body());
                        }
                    }
                    List<String> foreign = new ArrayList<>(k.a() ? List.of() : aMarkers);
                    if (!k.b()) {
                        foreign.addAll(bMarkers);
                    }
                    for (String m : foreign) {
                        if (r.body().contains(m)) {
                            failures.add(where + ": the response carries '" + m + "' of a tenant the key does "
                                    + "not cover");
                        }
                    }
                }
            }
        }
        assertThat(failures).as("%d calls", calls).isEmpty();
        assertThat(calls).isGreaterThan(2 * 11 * 12);
        assertThat(snapshot(s)).as("read-only and refused calls changed nothing").isEqualTo(before);
    }

    /** The calls of the matrix, on one tenant's alert and profile; none of them changes an alert. */
    private static List<Call> calls(long alert, String incident, String profile) {
        String a = "/api/anomaly/alerts/" + alert;
        String i = "/api/anomaly/incidents/" + incident;
        String p = "profile_id=" + profile;
        return List.of(
                new Call("GET", "/api/anomaly/incidents?" + p, null, Role.READ),
                new Call("GET", i + "?" + p, null, Role.READ),
                new Call("GET", i, null, Role.READ),
                new Call("GET", "/api/anomaly/alerts/active?" + p, null, Role.READ),
                new Call("GET", a + "?" + p, null, Role.READ),
                new Call("GET", a, null, Role.READ),
                new Call("GET", a + "/series?before=2&after=0", null, Role.READ),
                new Call("GET", "/api/anomaly/statistics?" + p, null, Role.READ),
                // a change that can only fail on its own (a stale version): the status shows whether the alert was
                // reachable (409) or not (404), and nothing is written either way
                new Call("PATCH", a + "/acknowledge", "{\"expected_version\": 99999}", Role.WRITE),
                new Call("PATCH", a + "/resolve", "{\"expected_version\": 99999}", Role.WRITE),
                new Call("PATCH", a + "/reopen", "{\"expected_version\": 99999}", Role.WRITE),
                new Call("POST", "/api/anomaly/detect", "{\"profile_id\": \"" + profile + "\", \"periods\": 0}",
                        Role.WRITE),
                new Call("GET", "/api/keys?" + p, null, Role.ADMIN));
    }

    private static int expected(Key k, Call c, boolean covers) {
        if (k.role() == null) {
            return 401;
        }
        if (!k.role().allows(c.needs())) {
            return 403;
        }
        boolean namesProfile = c.path().contains("profile_id=") || c.body() != null && c.body().contains("profile_id");
        boolean several = k.a() && k.b();
        if (!covers) {
            return 404;
        }
        if (c.method().equals("PATCH")) {
            return 409;
        }
        if (c.method().equals("POST")) {
            return 400;
        }
        if (!namesProfile && several && !c.path().contains("/alerts/") && !c.path().contains("/incidents/")) {
            return 400;
        }
        return 200;
    }

    private static String anyIncident(TestServers.TestServer s, String key) {
        return s.client.get(key, "/api/anomaly/incidents?limit=1").json().get("incidents").get(0).get("incident")
                .get("id").asText();
    }

    private static long anyAlert(TestServers.TestServer s, String key) {
        return s.client.get(key, "/api/anomaly/alerts/active?limit=1&min_severity=low").json().get("alerts").get(0)
                .get("id").asLong();
    }

    /**
     * @return strings only one tenant's data holds: its profile id as a tenant and its alert ids (entity names and
     *         ids come from one generator's vocabulary, so both tenants' accounts may share them)
     */
    private static List<String> markers(TestServers.TestServer s, String key, String profile) {
        List<String> out = new ArrayList<>();
        out.add("\"profile_id\":\"" + profile + "\"");
        for (JsonNode a : s.client.get(key, "/api/anomaly/alerts/active?limit=20").json().get("alerts")) {
            out.add("\"id\":" + a.get("id").asLong() + ",");
        }
        return out;
    }

    private static Map<String, JsonNode> snapshot(TestServers.TestServer s) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String key : List.of(s.readA, s.readB)) {
            for (JsonNode a : s.client.get(key, "/api/anomaly/alerts/active?limit=1000").json().get("alerts")) {
                out.put(a.get("id").asText(), a.get("version"));
            }
        }
        return out;
    }
}
