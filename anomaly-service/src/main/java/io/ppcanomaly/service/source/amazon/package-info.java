/**
 * Amazon Ads data as Amazon delivers it, as {@link io.ppcanomaly.service.source.MetricSource}s:
 * <ul>
 *   <li>{@link io.ppcanomaly.service.source.amazon.AdsReportSource} — Reporting API v3 Sponsored Products
 *       reports ({@code spTargeting}, {@code spSearchTerm}) in format {@code GZIP_JSON}, daily;</li>
 *   <li>{@link io.ppcanomaly.service.source.amazon.MarketingStreamSource} — Amazon Marketing Stream's hourly
 *       {@code sp-traffic} and {@code sp-conversion} records, de-duplicated, summed and joined.</li>
 * </ul>
 * Field names follow Amazon's documentation, linked from each class; a field the documentation does not list
 * fails the load naming it, and every record left out is counted in the load summary.
 *
 * <pre>{@code
 * MetricSource report = AdsReportSource.of(Path.of("sp-targeting-2026-03.json.gz"), OnError.FAIL);
 * MetricSource stream = MarketingStreamSource.of(List.of(traffic, conversions), Attribution.DAY_14, OnError.SKIP);
 * }</pre>
 */
package io.ppcanomaly.service.source.amazon;
