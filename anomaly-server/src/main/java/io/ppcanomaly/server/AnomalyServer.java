package io.ppcanomaly.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ppcanomaly.server.api.AlertHandlers;
import io.ppcanomaly.server.api.DetectHandlers;
import io.ppcanomaly.server.api.Gate;
import io.ppcanomaly.server.api.IncidentHandlers;
import io.ppcanomaly.server.api.KeyHandlers;
import io.ppcanomaly.server.auth.ApiKeys;
import io.ppcanomaly.server.auth.RateLimiter;
import io.ppcanomaly.server.auth.Sessions;
import io.ppcanomaly.server.dashboard.Dashboard;
import io.ppcanomaly.server.jobs.DetectionJobs;
import io.ppcanomaly.server.jobs.DetectionRunner;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and dashboard over an {@link AlertStore} and a {@link MetricSource}: embeddable in a PPC service,
 * or run by {@link ServerMain} as one jar.
 *
 * <pre>{@code
 * AlertStore store = AlertStore.open(dataSource);
 * try (AnomalyServer server = AnomalyServer.builder(store, metricSource)
 *         .config(ServerConfig.builder().port(8080).build())
 *         .models(ModelProvider.directory(Path.of("models")))
 *         .start()) {
 *     CreatedKey admin = server.keys().create(Role.ADMIN, Set.of(ProfileId.of("3712345678901234")), "ops", "setup");
 *     ...
 * }
 * }</pre>
 *
 * <h2>What it serves</h2>
 * The API endpoints of {@link ApiRoute#ALL} (documented at {@code /openapi.json}, browsable at {@code /docs}),
 * the dashboard ({@code /}, {@code /alerts/{id}}, {@code /statistics}, {@code /login}), {@code /health} and
 * Prometheus metrics at {@code /metrics}. Every API call is authenticated, scoped to its key's profiles,
 * rate-limited per key and answered in JSON, errors included (never a stack trace).
 *
 * <p>Thread-safe. {@link #close()} stops the HTTP server and the detection workers; it does not close the store.
 */
public final class AnomalyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyServer.class);

    private final Javalin app;
    private final ApiKeys keys;
    private final DetectionJobs jobs;
    private final PrometheusMeterRegistry meters;
    private final String host;

    private AnomalyServer(Javalin app, ApiKeys keys, DetectionJobs jobs, PrometheusMeterRegistry meters,
                          String host) {
        this.app = app;
        this.keys = keys;
        this.jobs = jobs;
        this.meters = meters;
        this.host = host;
    }

    /** @return a builder of a server over {@code store} and {@code source} */
    public static Builder builder(AlertStore store, MetricSource source) {
        return new Builder(store, source);
    }

    /** @return the port it listens on */
    public int port() {
        return app.port();
    }

    /** @return its base URL, e.g. {@code http://127.0.0.1:8080} */
    public String url() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
    }

    /** @return the API keys it authenticates against */
    public ApiKeys keys() {
        return keys;
    }

    /** @return its Micrometer registry (what {@code /metrics} shows), to add an application's own meters */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Stops serving, then lets running detections finish (up to 30 s). Idempotent. */
    @Override
    public void close() {
        app.stop();
        jobs.close();
        LOG.info("Stopped the PPC Anomaly server on port {}", port());
    }

    /** Builds and starts an {@link AnomalyServer}. Not thread-safe. */
    public static final class Builder {
        private final AlertStore store;
        private final MetricSource source;
        private ServerConfig config = ServerConfig.DEFAULT;
        private ModelProvider models = ModelProvider.none();
        private AnomalyService service;
        private ApiKeys keys;

        private Builder(AlertStore store, MetricSource source) {
            this.store = Objects.requireNonNull(store, "store");
            this.source = Objects.requireNonNull(source, "source");
        }

        /** @param c how it runs; @return this */
        public Builder config(ServerConfig c) {
            config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** @param m where detections find saved models (default none: fit every time); @return this */
        public Builder models(ModelProvider m) {
            models = Objects.requireNonNull(m, "models");
            return this;
        }

        /** @param s the detection service (default one on the config's clock); @return this */
        public Builder service(AnomalyService s) {
            service = Objects.requireNonNull(s, "service");
            return this;
        }

        /** @param k the key store (default {@link ApiKeys#on(AlertStore)}); @return this */
        public Builder keys(ApiKeys k) {
            keys = Objects.requireNonNull(k, "keys");
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws IllegalStateException when the port cannot be bound
         */
        public AnomalyServer start() {
            ApiKeys k = keys != null ? keys : ApiKeys.on(store);
            AnomalyService svc = service != null ? service : new AnomalyService(config.clock());
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(meters);
            new JvmGcMetrics().bindTo(meters);
            new JvmThreadMetrics().bindTo(meters);
            new ProcessorMetrics().bindTo(meters);
            new UptimeMetrics().bindTo(meters);
            DetectionJobs jobs = new DetectionJobs(config.detectionThreads(), config.detectionQueue(),
                    config.jobRetention(), config.clock());
            Gauge.builder("ppca.detection.jobs.in.flight", jobs, DetectionJobs::inFlight)
                    .description("detections queued or running").register(meters);
            Sessions sessions = new Sessions(config.sessionIdle());
            Gate gate = new Gate(k, sessions, new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst()),
                    config.maxBodyBytes(), meters);
            Routes routes = new Routes(gate, new AlertHandlers(store, source, config), new IncidentHandlers(store),
                    new DetectHandlers(jobs, new DetectionRunner(svc, source, store, models), config),
                    new KeyHandlers(k), new Health(store), openApiJson(), meters);
            Dashboard dashboard = new Dashboard(store, gate, config);
            Javalin app = Javalin.create(c -> configure(c, config, routes, dashboard, meters));
            try {
                app.start(config.host(), config.port());
            } catch (RuntimeException e) {
                jobs.close();
                throw new IllegalStateException("cannot start the PPC Anomaly server on " + config.host() + ":"
                        + config.port() + ": " + e.getMessage(), e);
            }
            LOG.info("PPC Anomaly server listening on {}:{} (store {}, source {})", config.host(), app.port(),
                    store.url(), source.description());
            return new AnomalyServer(app, k, jobs, meters, config.host());
        }
    }

    private static void configure(JavalinConfig c, ServerConfig config, Routes routes, Dashboard dashboard,
                                  PrometheusMeterRegistry meters) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.http.maxRequestSize = config.maxBodyBytes();
        c.http.defaultContentType = "application/json";
        c.staticFiles.enableWebjars();
        c.staticFiles.add(sf -> {
            sf.hostedPath = "/assets";
            sf.directory = "/io/ppcanomaly/server/assets";
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of("Cache-Control", "max-age=300");
        });
        c.routes.before(Routes::securityHeaders);
        routes.register(c);
        dashboard.register(c);
        c.requestLogger.http((ctx, ms) -> HttpMetrics.record(meters, ctx, ms));
    }

    private static byte[] openApiJson() {
        try (InputStream in = AnomalyServer.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server's jar");
            }
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new ObjectMapper().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's openapi.yaml", e);
        }
    }
}
