/**
 * PPC Anomaly: find anomalies in pay-per-click advertising data, explain them, trace them to a root cause.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // 1. metrics per entity (keyword, campaign...) and the hierarchy
 * EntityGraph graph = EntityGraph.of(entities);
 * MetricSeries kw = MetricSeries.builder("kw-1", Granularity.DAY)
 *         .add(day, impressions, clicks, spend, sales, orders)   // validated, sorted, gaps = zero
 *         .build();
 *
 * // 2. scale-free feature windows (14 periods x ctr, cpc, acos, cvr, impressions, spend)
 * FeatureExtractor fx = new FeatureExtractor();
 * List<FeatureWindow> history = fx.windows(kw, 0, kw.size() - 2, 1);
 * FeatureWindow today = fx.window(kw, kw.size() - 1);
 *
 * // 3. a detector found by name (add its module as a dependency)
 * Detector detector = Detectors.create("isolation-forest", new Properties());
 * detector.fit(history, p -> log.info("{} {}/{}", p.path(), p.done(), p.total()));  // or fit(history)
 * AnomalyResult r = detector.score(today);          // r.score() in [0, 1], r.anomalous()
 *
 * // 4. why, and where it starts
 * Explanation why = Explainers.create("monte-carlo-shapley", null)
 *         .explain(detector, today, FeatureWindow.zeros(today.schema(), today.length(), "kw-1", null));
 * List<RootCause> causes = RootCauseAnalyzers.create("hierarchy", null)
 *         .analyze(new RootCauseInput(graph, anomalies, metrics));
 * }</pre>
 *
 * <h2>Contracts</h2>
 * <ul>
 *   <li>Bad input fails at the boundary with {@link java.lang.IllegalArgumentException} whose message names the
 *       field and the value; lifecycle misuse (scoring an unfitted detector) with
 *       {@link java.lang.IllegalStateException}. No NaN or infinity leaves a detector.</li>
 *   <li>Fitted detectors are immutable and safe to score from many threads; the same seed and data give
 *       bit-identical scores.</li>
 *   <li>A {@link io.ppcanomaly.api.FitListener} hears how a fit goes (epochs and losses, trees, rows, an
 *       ensemble's members); listening changes no model.</li>
 *   <li>Providers are discovered through {@link java.util.ServiceLoader}; see {@link io.ppcanomaly.api.spi}.</li>
 * </ul>
 */
package io.ppcanomaly.api;
