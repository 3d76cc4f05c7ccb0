/**
 * The command line: {@code java -jar anomaly.jar detect | train | score | sample | detectors} (picocli), running
 * the {@link io.ppcanomaly.service.AnomalyService} workflow on a report CSV or on the built-in sample account.
 * {@link io.ppcanomaly.cli.AnomalyCli} is the entry point.
 */
package io.ppcanomaly.cli;
