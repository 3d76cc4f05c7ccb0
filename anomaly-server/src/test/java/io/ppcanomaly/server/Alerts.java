package io.ppcanomaly.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hands each test that changes alerts its own open alerts of tenant A (never a reporting-outage alert, which the
 * browser test acknowledges), so tests sharing a server never step on each other.
 */
final class Alerts {

    private static final Map<TestServers.Db, Iterator<Long>> OPEN = new EnumMap<>(TestServers.Db.class);

    private Alerts() {
    }

    /** @return an open alert of tenant A no other test has taken */
    static synchronized long takeOpen(TestServers.TestServer s) {
        Iterator<Long> it = OPEN.computeIfAbsent(s.db, db -> {
            JsonNode page = s.client.get(s.readA, "/api/anomaly/alerts/active?status=open&limit=1000").json();
            List<Long> ids = new ArrayList<>();
            for (JsonNode a : page.get("alerts")) {
                JsonNode causes = a.get("root_causes");
                boolean outage = causes.size() > 0 && causes.get(0).get("kind").asText().equals("reporting_outage");
                if (!outage) {
                    ids.add(a.get("id").asLong());
                }
            }
            return ids.iterator();
        });
        if (!it.hasNext()) {
            throw new IllegalStateException("the test account has no open alert left for another test");
        }
        return it.next();
    }
}
