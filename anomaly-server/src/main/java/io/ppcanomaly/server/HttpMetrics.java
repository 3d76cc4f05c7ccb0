package io.ppcanomaly.server;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every request as {@code http_server_requests_seconds} with the route template (never the raw path, so
 * ids do not explode the label set), method and status; static files share one label.
 */
final class HttpMetrics {

    private HttpMetrics() {
    }

    static void record(MeterRegistry meters, Context ctx, Float ms) {
        Endpoint e = ctx.endpoints().lastHttpEndpoint();
        String uri = e != null && !e.path.equals("*") ? e.path
                : ctx.path().startsWith("/webjars/") || ctx.path().startsWith("/assets/") ? "static" : "unmatched";
        int status = ctx.statusCode();
        Timer.builder("http.server.requests").description("HTTP requests by route, method and status")
                .tag("uri", uri).tag("method", ctx.method().name()).tag("status", Integer.toString(status))
                .tag("outcome", status < 400 ? "success" : status < 500 ? "client_error" : "server_error")
                .publishPercentileHistogram(false)
                .register(meters).record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
    }
}
