/**
 * PPC Anomaly over HTTP: {@link io.ppcanomaly.server.AnomalyServer} serves the API, the dashboard, the OpenAPI
 * document and Prometheus metrics over an {@link io.ppcanomaly.store.AlertStore} and a
 * {@link io.ppcanomaly.service.source.MetricSource}; {@link io.ppcanomaly.server.ServerMain} runs it as one jar.
 *
 * <pre>{@code
 * try (AnomalyServer server = AnomalyServer.builder(store, source)
 *         .config(ServerConfig.builder().port(8080).build())
 *         .models(ModelProvider.directory(Path.of("models")))
 *         .start()) {
 *     String key = server.keys().create(Role.READ, Set.of(ProfileId.of("p1")), "bi", "setup").secret();
 * }
 * }</pre>
 *
 * {@link io.ppcanomaly.server.ApiRoute#ALL} lists the endpoints and the role each needs; the module README has the
 * API, tenancy and error rules.
 */
package io.ppcanomaly.server;
