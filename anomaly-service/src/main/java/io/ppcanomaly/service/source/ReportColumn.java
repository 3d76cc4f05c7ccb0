package io.ppcanomaly.service.source;

import java.util.List;
import java.util.Locale;

/**
 * The columns a report CSV may hold, each with the header names it is recognised by. Header names are matched
 * case-insensitively after {@link #normalise normalisation}, so the canonical {@code ad_group}, Amazon's
 * {@code Ad Group Name} and {@code AD GROUP NAME} all name {@link #AD_GROUP}.
 *
 * <p>Canonical headers: {@code date, portfolio, campaign, ad_group, keyword, impressions, clicks, spend, sales,
 * orders}, optional {@code profile_id, match_type, campaign_id, ad_group_id, keyword_id, hour}. Amazon Ads'
 * Sponsored Products keyword / targeting report: {@code Date, Portfolio name, Campaign Name, Ad Group Name,
 * Targeting, Match Type, Impressions, Clicks, Spend, 7 Day Total Sales, 7 Day Total Orders (#)}. Other columns
 * (CTR, ACOS, currency...) are ignored: the library computes its own KPIs.
 */
public enum ReportColumn {
    /** The period's date, or date and time for hourly data. */
    DATE(true, "date", "day"),
    /** Optional hour of day (0–23) when dates carry no time: makes the data hourly. */
    HOUR(false, "hour", "hour of day"),
    /** Optional advertiser profile. */
    PROFILE_ID(false, "profile id", "profileid"),
    /** Optional portfolio name (blank: the campaign is in no portfolio). */
    PORTFOLIO(false, "portfolio", "portfolio name"),
    /** Campaign name. */
    CAMPAIGN(true, "campaign", "campaign name"),
    /** Optional campaign id; identifies the campaign instead of its path. */
    CAMPAIGN_ID(false, "campaign id", "campaignid"),
    /** Ad group name. */
    AD_GROUP(true, "ad group", "ad group name", "adgroup"),
    /** Optional ad group id. */
    AD_GROUP_ID(false, "ad group id", "adgroup id", "adgroupid"),
    /** Keyword text or targeting expression. */
    KEYWORD(true, "keyword", "targeting", "keyword text", "keyword or product targeting"),
    /** Optional keyword / target id. */
    KEYWORD_ID(false, "keyword id", "keywordid", "target id", "targeting id"),
    /** Optional match type (broad, phrase, exact; '-' or blank for product targets). */
    MATCH_TYPE(false, "match type", "matchtype"),
    /** Impressions (a count). */
    IMPRESSIONS(true, "impressions"),
    /** Clicks (a count, at most impressions). */
    CLICKS(true, "clicks"),
    /** Spend (money). */
    SPEND(true, "spend", "cost"),
    /** Attributed sales (money). */
    SALES(true, "sales", "7 day total sales", "14 day total sales"),
    /** Attributed orders (a count). */
    ORDERS(true, "orders", "7 day total orders", "14 day total orders");

    private final boolean required;
    private final List<String> names;

    ReportColumn(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    /** @return whether a report without this column is rejected */
    public boolean required() {
        return required;
    }

    /** @return the normalised header names that select this column */
    public List<String> names() {
        return names;
    }

    /** @return the canonical header, e.g. {@code ad_group} */
    public String canonical() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises a header cell: trims, drops a byte-order mark and a trailing group in parentheses holding no
     * letter (Amazon's {@code (#)}, {@code ($)}), lower-cases, turns {@code _} and {@code -} into spaces and
     * collapses runs of spaces.
     */
    public static String normalise(String header) {
        String h = header.replace("\uFEFF", "").trim();
        int open = h.lastIndexOf('(');
        if (open >= 0 && h.endsWith(")")) {
            String inner = h.substring(open + 1, h.length() - 1);
            if (inner.chars().noneMatch(Character::isLetter)) {
                h = h.substring(0, open).trim();
            }
        }
        h = h.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return h.replaceAll("\\s+", " ").trim();
    }

    /** @return the column a header cell names, or {@code null} when the library does not use it */
    public static ReportColumn of(String header) {
        String n = normalise(header);
        for (ReportColumn c : values()) {
            if (c.names.contains(n)) {
                return c;
            }
        }
        return null;
    }
}
