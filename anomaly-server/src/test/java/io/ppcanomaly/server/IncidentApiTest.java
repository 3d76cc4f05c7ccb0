package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The incident endpoints over real HTTP on loopback, on H2 and on PostgreSQL. */
class IncidentApiTest {

    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    @OnBothDatabases
    void incidentsGroupTheStoredAlertsAndOneIncidentListsThem(TestServers.Db db) {
        TestServers.TestServer s = TestServers.get(db);
        JsonNode page = s.client.get(s.readA, "/api/anomaly/incidents?limit=1000").json();
        JsonNode incidents = page.get("incidents");
        assertThat(page.get("profile_id").asText()).isEqualTo(TestSamples.A.profile().value());
        assertThat(incidents.size()).as("the judged days of tenant A hold incidents").isGreaterThan(1);
        Set<String> ids = new HashSet<>();
        for (JsonNode i : incidents) {
            assertThat(ids.add(i.get("incident").get("id").asText())).as("incident ids are unique").isTrue();
            assertThat(i.get("granularity").asText()).isEqualTo("day");
            assertThat(i.get("incident").get("alert_count").asInt()).isPositive();
            assertThat(i.get("incident").get("profile_id").asText()).isEqualTo(TestSamples.A.profile().value());
        }

        JsonNode first = incidents.get(0).get("incident");
        JsonNode detail = s.client.get(s.readA, "/api/anomaly/incidents/" + first.get("id").asText()).json();

        assertThat(detail.get("incident")).isEqualTo(first);
        Set<String> refs = new HashSet<>();
        first.get("alerts").forEach(r -> refs.add(r.get("entity_type").asText() + "/" + r.get("entity_id").asText()));
        assertThat(detail.get("alerts").size()).isPositive();
        for (JsonNode a : detail.get("alerts")) {
            assertThat(refs).contains(a.get("entity_type").asText() + "/" + a.get("entity_id").asText());
            assertThat(a.get("profile_id").asText()).isEqualTo(TestSamples.A.profile().value());
        }
        JsonNode anAlert = detail.get("alerts").get(0);
        String named = s.client.get(s.readA, "/api/anomaly/alerts/" + anAlert.get("id").asLong()).json()
                .get("incident_id").asText();
        JsonNode itsIncident = s.client.get(s.readA, "/api/anomaly/incidents/" + named).json();
        List<Long> held = new ArrayList<>();
        itsIncident.get("alerts").forEach(a -> held.add(a.get("id").asLong()));
        assertThat(held).as("the incident an alert names holds it").contains(anAlert.get("id").asLong());
    }

    @OnBothDatabases
    void filtersPartitionTheIncidentsAndPagesDoNotOverlap(TestServers.Db db) {
        TestServers.TestServer s = TestServers.get(db);
        int all = s.client.get(s.readA, "/api/anomaly/incidents?limit=1000").json().get("incidents").size();
        JsonNode ongoing = s.client.get(s.readA, "/api/anomaly/incidents?limit=1000&ongoing=true").json();
        JsonNode ended = s.client.get(s.readA, "/api/anomaly/incidents?limit=1000&ongoing=false").json();
        ongoing.get("incidents").forEach(i -> assertThat(i.get("incident").get("ongoing").asBoolean()).isTrue());
        ended.get("incidents").forEach(i -> assertThat(i.get("incident").get("ongoing").asBoolean()).isFalse());
        assertThat(ongoing.get("incidents").size() + ended.get("incidents").size()).isEqualTo(all);

        JsonNode high = s.client.get(s.readA, "/api/anomaly/incidents?limit=1000&min_severity=high").json();
        high.get("incidents").forEach(i -> assertThat(SEVERITIES.indexOf(
                i.get("incident").get("peak_severity").asText())).isGreaterThanOrEqualTo(2));
        assertThat(high.get("incidents").size()).isLessThanOrEqualTo(all);

        JsonNode first = s.client.get(s.readA, "/api/anomaly/incidents?limit=1").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        String kind = first.get("incidents").get(0).get("incident").get("kind").asText();
        JsonNode ofKind = s.client.get(s.readA, "/api/anomaly/incidents?limit=1000&kind=" + kind).json();
        assertThat(ofKind.get("incidents").size()).isPositive();
        ofKind.get("incidents").forEach(i -> assertThat(i.get("incident").get("kind").asText()).isEqualTo(kind));

        JsonNode second = s.client.get(s.readA, first.get("next").asText()).json();
        assertThat(second.get("offset").asInt()).isEqualTo(1);
        assertThat(second.get("incidents").get(0).get("incident").get("id").asText())
                .isNotEqualTo(first.get("incidents").get(0).get("incident").get("id").asText());
    }

    @OnBothDatabases
    void badFiltersGet400NamingTheFieldAndUnknownIncidentsGet404(TestServers.Db db) {
        TestServers.TestServer s = TestServers.get(db);
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"ongoing=maybe", "ongoing", "maybe"});
        bad.add(new String[] {"kind=weather", "kind", "weather"});
        bad.add(new String[] {"min_severity=huge", "min_severity", "huge"});
        bad.add(new String[] {"since=yesterday", "since", "yesterday"});
        bad.add(new String[] {"colour=red", "query parameter", "colour"});
        for (String[] b : bad) {
            ApiClient.Response r = s.client.get(s.readA, "/api/anomaly/incidents?" + b[0]);
            assertThat(r.status()).as(b[0]).isEqualTo(400);
            assertThat(r.body()).as(b[0]).contains(b[1]).contains(b[2]);
        }
        ApiClient.Response unknown = s.client.get(s.readA, "/api/anomaly/incidents/no-such-incident");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).isEqualTo("incident no-such-incident not found");
    }
}
