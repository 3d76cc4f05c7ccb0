/**
 * The {@code hierarchy} root-cause analyzer: folds per-entity anomalies into ranked root causes over the PPC
 * account hierarchy (sibling ratio, temporal precedence, multi-hop walk, Adtributor decomposition of volumes and
 * ratio KPIs).
 *
 * <pre>{@code
 * Properties options = new Properties();
 * options.setProperty("sibling.ratio", "0.3");
 * RootCauseAnalyzer rca = RootCauseAnalyzers.create("hierarchy", options);
 * for (RootCause c : rca.analyze(new RootCauseInput(graph, anomalies, metrics))) {
 *     log.info(c.summary());             // campaign 'Shoes' lost 68% of impressions from 2026-03-14 ...
 * }
 * }</pre>
 *
 * <p>Entry points: {@link io.ppcanomaly.rootcause.HierarchyRootCauseProvider} (the SPI),
 * {@link io.ppcanomaly.rootcause.HierarchyRootCauseAnalyzer} and its settings
 * {@link io.ppcanomaly.rootcause.HierarchyConfig}. The decomposition arithmetic is public in
 * {@link io.ppcanomaly.rootcause.decompose}.
 */
package io.ppcanomaly.rootcause;
