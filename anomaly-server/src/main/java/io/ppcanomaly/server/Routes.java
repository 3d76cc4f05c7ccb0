package io.ppcanomaly.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ppcanomaly.server.api.AlertHandlers;
import io.ppcanomaly.server.api.ApiException;
import io.ppcanomaly.server.api.Caller;
import io.ppcanomaly.server.api.DetectHandlers;
import io.ppcanomaly.server.api.Errors;
import io.ppcanomaly.server.api.Gate;
import io.ppcanomaly.server.api.IncidentHandlers;
import io.ppcanomaly.server.api.KeyHandlers;
import io.ppcanomaly.server.api.Wire;
import io.ppcanomaly.store.AlertConflictException;
import io.ppcanomaly.store.AlertNotFoundException;
import io.ppcanomaly.store.IllegalTransitionException;
import io.ppcanomaly.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@link ApiRoute#ALL} to their handlers behind the {@link Gate}, and maps every exception to a JSON error
 * with the right status - never a stack trace. Thread-safe once registered.
 */
final class Routes {

    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    /** An API handler: the request and who makes it. */
    @FunctionalInterface
    interface ApiHandler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    private final Gate gate;
    private final AlertHandlers alerts;
    private final IncidentHandlers incidents;
    private final DetectHandlers detect;
    private final KeyHandlers keys;
    private final Health health;
    private final byte[] openApi;
    private final PrometheusMeterRegistry meters;

    Routes(Gate gate, AlertHandlers alerts, IncidentHandlers incidents, DetectHandlers detect, KeyHandlers keys,
           Health health, byte[] openApi, PrometheusMeterRegistry meters) {
        this.gate = gate;
        this.alerts = alerts;
        this.incidents = incidents;
        this.detect = detect;
        this.keys = keys;
        this.health = health;
        this.openApi = openApi;
        this.meters = meters;
    }

    private ApiHandler handler(ApiRoute r) {
        return switch (r.method() + " " + r.path()) {
            case "POST /api/anomaly/detect" -> detect::detect;
            case "GET /api/anomaly/jobs/{id}" -> detect::job;
            case "GET /api/anomaly/alerts/active" -> alerts::active;
            case "GET /api/anomaly/alerts/{id}" -> alerts::get;
            case "GET /api/anomaly/alerts/{id}/series" -> alerts::series;
            case "PATCH /api/anomaly/alerts/{id}/acknowledge" -> alerts::acknowledge;
            case "PATCH /api/anomaly/alerts/{id}/resolve" -> alerts::resolve;
            case "PATCH /api/anomaly/alerts/{id}/reopen" -> alerts::reopen;
            case "POST /api/anomaly/alerts/{id}/feedback" -> alerts::feedback;
            case "GET /api/anomaly/statistics" -> alerts::statistics;
            case "GET /api/anomaly/incidents" -> incidents::list;
            case "GET /api/anomaly/incidents/{id}" -> incidents::get;
            case "GET /api/keys" -> keys::list;
            case "POST /api/keys" -> keys::create;
            case "DELETE /api/keys/{key_id}" -> keys::revoke;
            default -> throw new IllegalStateException("no handler for " + r);
        };
    }

    void register(JavalinConfig c) {
        for (ApiRoute r : ApiRoute.ALL) {
            HandlerType method = HandlerType.findOrCreate(r.method());
            switch (r.path()) {
                case "/health" -> c.routes.addHttpHandler(method, r.path(), health::handle);
                case "/metrics" -> c.routes.addHttpHandler(method, r.path(), ctx -> ctx
                        .contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
                case "/openapi.json" -> c.routes.addHttpHandler(method, r.path(), ctx -> ctx
                        .contentType("application/json").result(openApi));
                default -> {
                    ApiHandler h = handler(r);
                    c.routes.addHttpHandler(method, r.path(), ctx -> h.handle(ctx, gate.admit(ctx, r.role())));
                }
            }
        }
        c.routes.exception(Exception.class, (e, ctx) -> error(ctx, map(e)));
        c.routes.error(404, ctx -> {
            if (ctx.resultInputStream() == null && isApi(ctx)) {
                error(ctx, ApiException.notFound("no endpoint " + ctx.method() + " " + ctx.path()
                        + "; /openapi.json lists them"));
            }
        });
    }

    static boolean isApi(Context ctx) {
        String p = ctx.path();
        return p.startsWith("/api/") || p.equals("/health") || p.equals("/openapi.json");
    }

    static void error(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        ctx.status(e.status()).contentType("application/json").result(Wire.error(e));
    }

    /** @return the API error an exception maps to; unexpected ones are logged with a reference */
    static ApiException map(Exception e) {
        if (e instanceof ApiException a) {
            return a;
        }
        if (e instanceof AlertNotFoundException nf) {
            return ApiException.notFound("alert " + nf.alertId() + " not found");
        }
        if (e instanceof IllegalTransitionException || e instanceof AlertConflictException) {
            return ApiException.conflict(e.getMessage());
        }
        if (e instanceof HttpResponseException h) {
            if (h.getStatus() == 413) {
                return ApiException.of(413, "content_too_large", "request bodies must be at most the server's "
                        + "limit: " + h.getMessage());
            }
            return ApiException.of(h.getStatus(), h.getStatus() == 404 ? "not_found" : "http_" + h.getStatus(),
                    h.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return ApiException.badRequest(e.getMessage());
        }
        if (e instanceof StoreException) {
            String ref = Errors.reference();
            LOG.warn("The alert store failed (reference {}): {}", ref, e.getMessage());
            return ApiException.unavailable("the alert store is unavailable (reference " + ref + "): try again later",
                    5);
        }
        String ref = Errors.reference();
        LOG.error("Request failed (reference {})", ref, e);
        return ApiException.of(500, "internal", "internal error; the server log has the details under reference "
                + ref);
    }

    /** Headers on every response: no sniffing, no framing, no referrer, and a strict policy for pages. */
    static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' "
                + "'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'");
    }
}
