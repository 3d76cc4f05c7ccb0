/**
 * Where metrics come from: the {@link io.ppcanomaly.service.source.MetricSource} SPI, an in-memory source and
 * a report CSV source that reads canonical headers and Amazon Ads' keyword report alike, with bad rows failing
 * the load by line, column and value or skipped and counted — never dropped silently.
 *
 * <pre>{@code
 * MetricSource csv = CsvMetricSource.of(Path.of("report.csv"), OnError.FAIL);
 * AccountData account = csv.load(MetricQuery.ALL);   // graph + each keyword's series + row counts
 * }</pre>
 */
package io.ppcanomaly.service.source;
