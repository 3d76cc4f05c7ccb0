/**
 * The monitor: PPC Anomaly running itself, day after day, as well live as in a backtest.
 *
 * <pre>{@code
 * AlertStore store = AlertStore.open(dataSource);
 * AnomalyMonitor monitor = AnomalyMonitor.builder()
 *         .config(MonitorConfig.builder().profile(ProfileSettings.of("3712345678901234")).build())
 *         .store(store)
 *         .source(CsvMetricSource.of(Path.of("report.csv")))
 *         .build();
 * monitor.start();                                   // detection at the data's cadence, clean-up, retraining
 * // or from your own scheduler:
 * RunResult r = monitor.runOnce(ProfileId.of("3712345678901234"), null);
 * monitor.retrain(ProfileId.of("3712345678901234"));
 * }</pre>
 *
 * <p>{@link io.ppcanomaly.monitor.AnomalyMonitor} is the facade; {@link io.ppcanomaly.monitor.MonitorConfig} what it
 * runs ({@link io.ppcanomaly.monitor.MonitorConfig#of} reads a configuration file); results are immutable records.
 * The model registry is {@link io.ppcanomaly.monitor.registry}, the state tables {@link io.ppcanomaly.monitor.state},
 * leases {@link io.ppcanomaly.monitor.lease}, retraining's rules {@link io.ppcanomaly.monitor.retrain}, the seams for
 * notifications {@link io.ppcanomaly.monitor.spi}.
 */
package io.ppcanomaly.monitor;
