/**
 * Accuracy runs on public labelled data: NAB scores of causal runs over univariate series
 * ({@link io.ppcanomaly.bench.accuracy.NabRun}, on {@link io.ppcanomaly.bench.accuracy.SeriesFeatures} rows scored
 * by the service's {@code TableScorer}, the CLI's {@code score --mode streaming}) and batch ROC-AUC on ADBench
 * tables ({@link io.ppcanomaly.bench.accuracy.AdBenchRun}). Entry point: {@link io.ppcanomaly.bench.AccuracyRuns}.
 */
package io.ppcanomaly.bench.accuracy;
