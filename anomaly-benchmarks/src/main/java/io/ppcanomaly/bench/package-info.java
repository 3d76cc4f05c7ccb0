/**
 * Benchmarks of PPC Anomaly: the JMH suite ({@code *Benchmark}, one class per capability, each against a peer in
 * the same run where one exists on the JVM), the scaling run ({@link io.ppcanomaly.bench.ScalingRun}) and the
 * accuracy runs ({@link io.ppcanomaly.bench.AccuracyRuns}). See the module's README for the command of each.
 */
package io.ppcanomaly.bench;
