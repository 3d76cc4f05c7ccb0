/**
 * Where metrics come from: the {@link io.ppcanomaly.service.source.MetricSource} SPI, an in-memory source and
 * a report CSV source that reads canonical headers and Amazon Ads' keyword report alike, with bad rows failing
 * the load by line, column and value or skipped and counted — never dropped silently. Amazon's API report files
 * and Marketing Stream records are read by {@code io.ppcanomaly.service.source.amazon}; files of any of these
 * formats, told by content, are opened by {@code io.ppcanomaly.service.source.format.ReportFiles}.
 *
 * <pre>{@code
 * MetricSource csv = CsvMetricSource.of(Path.of("report.csv"), OnError.FAIL);
 * AccountData account = csv.load(MetricQuery.ALL);   // graph + each keyword's series + row counts
 * }</pre>
 *
 * <p>A row-based source of its own (a database, a queue) builds its account with
 * {@link io.ppcanomaly.service.source.AccountAssembler} from {@link io.ppcanomaly.service.source.ReportRow}s,
 * counting rows in a {@link io.ppcanomaly.service.source.RowLedger}.
 */
package io.ppcanomaly.service.source;
