/**
 * Accuracy runs on public labelled data: NAB scores of causal runs over univariate series
 * ({@link io.ppcanomaly.bench.accuracy.NabRun}, through the service's {@code TableScorer.scoreSeries}, the CLI's
 * {@code score --timestamp-column}; {@link io.ppcanomaly.bench.accuracy.NabScoredFiles} scores the CLI's own
 * output files; {@link io.ppcanomaly.bench.accuracy.NabSensitivity} shows how the figure moves with each
 * setting) and batch ROC-AUC on ADBench tables ({@link io.ppcanomaly.bench.accuracy.AdBenchRun}). Entry point:
 * {@link io.ppcanomaly.bench.AccuracyRuns}.
 */
package io.ppcanomaly.bench.accuracy;
