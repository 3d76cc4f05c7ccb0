package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tests' HTTP client: real requests over loopback to a running server, and every response checked against
 * the OpenAPI document ({@link OpenApiContract}) as it arrives - a response the document does not describe fails
 * the test that received it.
 */
final class ApiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    /** A response. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    Response get(String key, String path) {
        return send("GET", path, key, null, Map.of());
    }

    Response post(String key, String path, String json) {
        return send("POST", path, key, json, Map.of());
    }

    Response patch(String key, String path, String json) {
        return send("PATCH", path, key, json, Map.of());
    }

    Response delete(String key, String path) {
        return send("DELETE", path, key, null, Map.of());
    }

    /** Sends a request with an optional key ({@code Authorization: Bearer}) and extra headers; checks the answer. */
    Response send(String method, String path, String key, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        headers.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return exchange(method, path, b.build());
    }

    /** Sends a raw request built by the test, checks the answer. */
    Response exchange(String method, String path, HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String type = r.headers().firstValue("Content-Type").orElse(null);
        List<String> problems = OpenApiContract.INSTANCE.check(method, p, r.statusCode(), type, r.headers().map(),
                r.body());
        assertThat(problems).as("the response must match openapi.yaml").isEmpty();
        assertThat(r.body()).as("no stack trace in a response").doesNotContain("\tat ", "Exception:", ".java:");
        return new Response(r.statusCode(), r.headers().map(), r.body());
    }
}
