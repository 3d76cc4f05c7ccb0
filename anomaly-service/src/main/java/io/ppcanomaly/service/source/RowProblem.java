package io.ppcanomaly.service.source;

import java.util.Locale;

/**
 * Why a report row was refused. Each one is counted in {@link LoadSummary}. Bad values fail the load under
 * {@link OnError#FAIL}; the delivery artefacts of Amazon Marketing Stream ({@link #DUPLICATE_DELIVERY},
 * {@link #UNMATCHED_CONVERSION}, {@link #INCOMPLETE_CORRECTIONS}) and records of other datasets
 * ({@link #OTHER_DATASET}) are expected in real feeds and are always skipped and counted instead.
 */
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
    DUPLICATE,
    /** A JSON record that cannot be read: not a JSON object, or an object or array where a value belongs. */
    MALFORMED,
    /**
     * A Marketing Stream record delivered again (the same {@code idempotency_id}): Amazon delivers at least once,
     * so a copy is dropped. Never fails a load.
     */
    DUPLICATE_DELIVERY,
    /**
     * A Marketing Stream conversion with no traffic record for its ad, keyword or target, placement and hour in
     * the input (the traffic is missing or outside the files read). Never fails a load.
     */
    UNMATCHED_CONVERSION,
    /**
     * Marketing Stream deltas for one ad, keyword or target, placement and hour that add up to a negative count
     * or amount, or to more clicks than impressions: corrections whose original records are not in the input.
     * Never fails a load.
     */
    INCOMPLETE_CORRECTIONS,
    /** A record of a dataset or report type the source does not read (for example budget-usage in a stream dump). */
    OTHER_DATASET;

    /** @return the lower-case name used in reports, e.g. {@code clicks_exceed_impressions} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
