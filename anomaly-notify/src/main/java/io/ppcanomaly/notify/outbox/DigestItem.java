package io.ppcanomaly.notify.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.notify.message.NotificationJson;
import io.ppcanomaly.notify.message.NotifiedAlert;
import io.ppcanomaly.notify.message.NotifiedIncident;
import java.io.IOException;
import java.util.Objects;

/**
 * An alert queued for a route's digest, with its incident as it stood when the alert was announced.
 *
 * @param alert    the alert
 * @param incident its incident, or {@code null}
 */
record DigestItem(NotifiedAlert alert, NotifiedIncident incident) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    DigestItem {
        Objects.requireNonNull(alert, "alert");
    }

    String toJson() {
        return "{\"alert\":" + NotificationJson.writeAlert(alert) + ",\"incident\":"
                + (incident == null ? "null" : NotificationJson.writeIncident(incident)) + "}";
    }

    static DigestItem fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            JsonNode i = n.get("incident");
            return new DigestItem(NotificationJson.readAlert(n.get("alert").toString()),
                    i == null || i.isNull() ? null : NotificationJson.readIncident(i.toString()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("digest item JSON is not an item: " + e.getMessage(), e);
        }
    }
}
