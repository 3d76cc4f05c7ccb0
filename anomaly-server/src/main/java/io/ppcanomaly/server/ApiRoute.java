package io.ppcanomaly.server;

import io.ppcanomaly.server.auth.Role;
import java.util.List;
import java.util.Objects;

/**
 * One endpoint of the HTTP API as the server registers it: method, path (Javalin's {@code {param}} syntax, the
 * same as OpenAPI's) and the role it needs ({@code null}: no key). The list is the single source the server
 * registers from and the OpenAPI test compares {@code openapi.yaml} with. Immutable.
 *
 * @param method upper-case HTTP method
 * @param path   path template
 * @param role   the role needed, or {@code null} for a public endpoint
 */
public record ApiRoute(String method, String path, Role role) {

    /** Validates. */
    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    /** Every API endpoint, in the order the OpenAPI document lists them. */
    public static final List<ApiRoute> ALL = List.of(
            new ApiRoute("POST", "/api/anomaly/detect", Role.WRITE),
            new ApiRoute("GET", "/api/anomaly/jobs/{id}", Role.READ),
            new ApiRoute("GET", "/api/anomaly/alerts/active", Role.READ),
            new ApiRoute("GET", "/api/anomaly/alerts/{id}", Role.READ),
            new ApiRoute("GET", "/api/anomaly/alerts/{id}/series", Role.READ),
            new ApiRoute("PATCH", "/api/anomaly/alerts/{id}/acknowledge", Role.WRITE),
            new ApiRoute("PATCH", "/api/anomaly/alerts/{id}/resolve", Role.WRITE),
            new ApiRoute("PATCH", "/api/anomaly/alerts/{id}/reopen", Role.WRITE),
            new ApiRoute("POST", "/api/anomaly/alerts/{id}/feedback", Role.WRITE),
            new ApiRoute("GET", "/api/anomaly/statistics", Role.READ),
            new ApiRoute("GET", "/api/anomaly/incidents", Role.READ),
            new ApiRoute("GET", "/api/anomaly/incidents/{id}", Role.READ),
            new ApiRoute("GET", "/api/keys", Role.ADMIN),
            new ApiRoute("POST", "/api/keys", Role.ADMIN),
            new ApiRoute("DELETE", "/api/keys/{key_id}", Role.ADMIN),
            new ApiRoute("GET", "/health", null),
            new ApiRoute("GET", "/metrics", null),
            new ApiRoute("GET", "/openapi.json", null));
}
