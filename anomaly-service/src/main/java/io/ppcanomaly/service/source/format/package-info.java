/**
 * Report files by content: {@link io.ppcanomaly.service.source.format.ReportFiles} tells a report CSV, an
 * Ads API Reporting v3 report (gzipped JSON array) and Amazon Marketing Stream JSON lines apart, and opens them as
 * one {@link io.ppcanomaly.service.source.MetricSource}.
 *
 * <pre>{@code
 * MetricSource src = ReportFiles.open(List.of(Path.of("sp-traffic.jsonl.gz"), Path.of("sp-conversion.jsonl.gz")),
 *         null, null, OnError.FAIL);     // format told by content, default attribution
 * }</pre>
 */
package io.ppcanomaly.service.source.format;
