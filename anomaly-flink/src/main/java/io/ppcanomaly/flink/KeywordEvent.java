package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One keyword's (or product target's) metrics in one period, with where it sits in the account: the pipeline's
 * input element. A Flink POJO (public fields, no-argument constructor) so Flink serializes it without Kryo.
 * Ids follow the report CSV's rules ({@code io.ppcanomaly.service.source}): the id columns when given, the
 * escaped path otherwise; a portfolio's id is its escaped name (prefixed by the profile's in a stream of several
 * profiles), so the same rows read by {@code CsvMetricSource} name the same entities.
 */
public class KeywordEvent {

    /** Advertiser profile id; never blank (the key that spreads the detection work). */
    public String profileId;
    /** Portfolio id, or {@code null} for a campaign outside any portfolio. */
    public String portfolioId;
    /** Portfolio name, or {@code null}. */
    public String portfolioName;
    /** Campaign id. */
    public String campaignId;
    /** Campaign name. */
    public String campaignName;
    /** Ad group id. */
    public String adGroupId;
    /** Ad group name. */
    public String adGroupName;
    /** Keyword or product-target id. */
    public String keywordId;
    /** Keyword text (with its match type in brackets) or targeting expression. */
    public String keywordName;
    /** {@code keyword} or {@code product_target}. */
    public String leafType;
    /** The period's start, epoch milliseconds read as UTC (the event time). */
    public long period;
    /** Impressions, &ge; 0. */
    public long impressions;
    /** Clicks, in [0, impressions]. */
    public long clicks;
    /** Spend, &ge; 0. */
    public double spend;
    /** Attributed sales, &ge; 0. */
    public double sales;
    /** Attributed orders, &ge; 0. */
    public long orders;

    /** For Flink. */
    public KeywordEvent() {
    }

    /** @return the period as a local date-time */
    public LocalDateTime periodStart() {
        return Periods.fromMillis(period);
    }

    /** @return the metrics */
    public Metrics metrics() {
        return new Metrics(impressions, clicks, spend, sales, orders);
    }

    /**
     * Checks the event before it enters the pipeline.
     *
     * @throws IllegalArgumentException naming the field and the value
     */
    public void validate(Granularity g) {
        requireText("profileId", profileId);
        requireText("campaignId", campaignId);
        requireText("adGroupId", adGroupId);
        requireText("keywordId", keywordId);
        if (!g.isAligned(periodStart())) {
            throw new IllegalArgumentException("period must start a whole " + g.name().toLowerCase(java.util.Locale.ROOT)
                    + ", got " + periodStart());
        }
        Metrics.validate("keyword '" + keywordId + "'", impressions, clicks, spend, sales, orders);
    }

    private static void requireText(String field, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, got '" + v + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeywordEvent e && period == e.period && impressions == e.impressions
                && clicks == e.clicks && Double.compare(spend, e.spend) == 0 && Double.compare(sales, e.sales) == 0
                && orders == e.orders && Objects.equals(profileId, e.profileId) && Objects.equals(keywordId, e.keywordId)
                && Objects.equals(adGroupId, e.adGroupId) && Objects.equals(campaignId, e.campaignId)
                && Objects.equals(portfolioId, e.portfolioId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profileId, keywordId, period);
    }

    @Override
    public String toString() {
        return "KeywordEvent{" + profileId + "/" + keywordId + " @ " + periodStart() + "}";
    }
}
