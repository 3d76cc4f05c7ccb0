/**
 * The {@code ensemble} detector: a calibrated, weighted vote of other detectors found by name.
 *
 * <pre>{@code
 * Properties p = new Properties();
 * p.setProperty("members", "lstm-autoencoder:0.5,half-space-trees:0.3,isolation-forest:0.2"); // or leave unset
 * p.setProperty("member.isolation-forest.seed", "7");   // options passed to one member
 * Detector ensemble = Detectors.create("ensemble", p);
 * ensemble.fit(history);
 * AnomalyResult r = ensemble.score(today);
 * r.score();          // combined calibrated score in [0, 1]
 * r.memberScores();   // who voted, and how hard (each member's calibrated score)
 * }</pre>
 *
 * <p>{@link io.ppcanomaly.ensemble.EnsembleDetector} documents the method, {@link io.ppcanomaly.ensemble.EnsembleConfig}
 * the options. Sub-packages: {@code calibration} (score calibration), {@code shapley} (the
 * {@code monte-carlo-shapley} explainer), {@code severity} (severity from score and money at stake),
 * {@code state} (the persisted form).
 */
package io.ppcanomaly.ensemble;
