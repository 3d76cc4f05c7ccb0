/**
 * Where a monitor's metrics and store come from when it is configured by a file: report CSV files and folders
 * ({@link io.ppcanomaly.monitor.source.CsvFolderSource}), the built-in sample, any source plugged in through
 * {@link io.ppcanomaly.monitor.source.MetricSourceProvider}, and the alert store.
 */
package io.ppcanomaly.monitor.source;
