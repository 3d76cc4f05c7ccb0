package io.ppcanomaly.server;

import io.javalin.http.Context;
import io.ppcanomaly.server.api.Json;
import io.ppcanomaly.store.AlertStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: 200 {@code {"status":"up"}} when the store's database answers, 503 {@code "down"} when not
 * (for a load balancer or an orchestrator's probe; no key needed, nothing of any tenant shown). Thread-safe.
 */
final class Health {

    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    private final AlertStore store;

    Health(AlertStore store) {
        this.store = store;
    }

    void handle(Context ctx) {
        boolean up;
        try {
            up = store.inSharedTransaction(tx -> {
                try (PreparedStatement ps = tx.connection().prepareStatement("SELECT 1");
                     ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Health check: the alert store does not answer: {}", e.getMessage());
            up = false;
        }
        boolean ok = up;
        ctx.status(ok ? 200 : 503).contentType("application/json").result(Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("status", ok ? "up" : "down");
            g.writeStringField("store", ok ? "up" : "down");
            g.writeStringField("database", store.database().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("schema_version", store.schemaVersion());
            g.writeEndObject();
        }));
    }
}
