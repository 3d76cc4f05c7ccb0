package io.ppcanomaly.service.source;

import java.io.IOException;

/**
 * Where a detection run gets its metrics: the account's entities and each leaf's (keyword's or product
 * target's) metrics per period. The service sums leaves into their ad groups, campaigns, portfolios and
 * profile, so a source supplies leaf metrics only.
 *
 * <p>Implementations here: {@link InMemoryMetricSource} (already-built series), {@link CsvMetricSource}
 * (a report CSV, canonical or Amazon Ads headers), {@code amazon.AdsReportSource} (an Ads API Reporting v3
 * report as downloaded) and {@code amazon.MarketingStreamSource} (Amazon Marketing Stream records). A JDBC source
 * implements the same interface: it reads the query's profile and periods up to {@link MetricQuery#until()} and
 * nothing later, so a backtest can never see the future through its source.
 *
 * <p>A query's {@link MetricQuery#history() history} says how many of the latest periods the caller reads; a
 * source may leave older rows out (counted as filtered) or return them all, which is never wrong.
 *
 * <p>Implementations must be safe to call from several threads (each call loads independently) and must not
 * drop data silently: every row they refuse is counted in {@link LoadSummary}.
 */
public interface MetricSource {

    /** @return a short description for logs and messages, e.g. the file name */
    String description();

    /**
     * Loads the entities and the leaf metrics selected by {@code query}.
     *
     * @return the account, its graph validated
     * @throws IOException              when the data cannot be read, or a row is bad and the source fails on
     *                                  bad rows ({@link ReportFormatException} names line, column and value)
     * @throws IllegalArgumentException when the query names a profile the data does not hold
     */
    AccountData load(MetricQuery query) throws IOException;
}
