package io.ppcanomaly.api;

import java.util.Locale;

/** What kind of problem a {@link RootCause} is. Combine with the entity's level for the full story. */
public enum RootCauseKind {
    /** Cost per click rose sharply (a competitor bidding up, a bid change). */
    CPC_SPIKE,
    /** Click-through rate collapsed (listing suppressed, lost the buy box, bad creative). */
    CTR_COLLAPSE,
    /** Conversions dropped (stock-out, price change, broken listing). */
    CONVERSION_DROP,
    /** Impressions fell across the entity (lost placement, paused, targeting change). */
    IMPRESSION_LOSS,
    /** The budget ran out before the period ended: impressions and spend cut off, prices unchanged. */
    BUDGET_EXHAUSTION,
    /** Spend rose without a matching return. */
    SPEND_SURGE,
    /** Data stopped arriving: every volume fell to zero at once. */
    REPORTING_OUTAGE,
    /** Anything else. */
    OTHER;

    /** @return the lower-case name used in reports, e.g. {@code cpc_spike} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
