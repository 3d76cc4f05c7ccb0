package io.ppcanomaly.service.source;

import java.util.Locale;

/** Why a report row was refused. Each one is counted in {@link LoadSummary}. */
public enum RowProblem {
    /** A number column holds text that is not a number. */
    NON_NUMERIC,
    /** A count or an amount is negative. */
    NEGATIVE,
    /** A count (impressions, clicks, orders) is not a whole number. */
    NOT_WHOLE,
    /** More clicks than impressions. */
    CLICKS_EXCEED_IMPRESSIONS,
    /** The date (or hour) cannot be read, or its granularity differs from the file's. */
    BAD_DATE,
    /** A required value (campaign, ad group, keyword, a metric) is blank. */
    MISSING_VALUE,
    /** The row has fewer fields than the header. */
    WRONG_FIELD_COUNT,
    /** A second row for the same entity and period. */
    DUPLICATE;

    /** @return the lower-case name used in reports, e.g. {@code clicks_exceed_impressions} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
