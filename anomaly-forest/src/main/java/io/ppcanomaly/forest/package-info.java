/**
 * Isolation Forest detector, provider {@code isolation-forest} (Liu, Ting &amp; Zhou, "Isolation Forest", ICDM
 * 2008), with this module's compact trees grown by scikit-learn's split rule ({@code split.rule=non-constant}, the
 * default: inputs constant within a node are never split on) or Smile 3.1.1's trees ({@code split.rule=smile}, Liu
 * et al.'s rule verbatim, also the only ones with Extended Isolation Forest).
 *
 * <p>This module is licensed GPL-3.0 because it links Smile; the rest of PPC Anomaly is Apache-2.0 and reaches
 * it only by name, through {@link io.ppcanomaly.api.Detectors}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // through the registry, with windows
 * Properties p = new Properties();
 * p.setProperty("seed", "7");
 * p.setProperty("contamination", "0.02");
 * Detector d = Detectors.create("isolation-forest", p);
 * d.fit(history);                                   // List<FeatureWindow>
 * List<AnomalyResult> today = d.scoreAll(current);  // score in (0, 1], flagged at >= threshold
 *
 * // directly, with a table
 * IsolationForestDetector f = new IsolationForestDetector(IsolationForestConfig.builder().seed(7).build());
 * f.fit(rows);                                      // double[][]
 * double[] s = f.score(rows);
 * }</pre>
 *
 * <p>Public types: {@link io.ppcanomaly.forest.IsolationForestProvider} (the SPI factory),
 * {@link io.ppcanomaly.forest.IsolationForestDetector} (the detector, with a plain {@code double[][]} API) and
 * {@link io.ppcanomaly.forest.IsolationForestConfig} (settings and their {@code Properties} keys). Sampling, tree
 * growing, scoring kernels and persistence are package-private.
 */
package io.ppcanomaly.forest;
