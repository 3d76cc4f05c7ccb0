/**
 * Accuracy runs on public labelled data: causal scoring of univariate series for NAB
 * ({@link io.ppcanomaly.bench.accuracy.CausalScorer}, {@link io.ppcanomaly.bench.accuracy.SeriesFeatures},
 * {@link io.ppcanomaly.bench.accuracy.NabRun}) and batch ROC-AUC on ADBench tables
 * ({@link io.ppcanomaly.bench.accuracy.AdBenchRun}). Entry point: {@link io.ppcanomaly.bench.AccuracyRuns}.
 */
package io.ppcanomaly.bench.accuracy;
