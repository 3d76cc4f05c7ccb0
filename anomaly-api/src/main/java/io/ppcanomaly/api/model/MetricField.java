package io.ppcanomaly.api.model;

/** The additive metrics of a {@link Metrics} observation: a parent's value is the sum of its children's. */
public enum MetricField {
    /** Ad impressions. */
    IMPRESSIONS,
    /** Clicks. */
    CLICKS,
    /** Cost of clicks (money). */
    SPEND,
    /** Attributed sales (money). */
    SALES,
    /** Attributed orders. */
    ORDERS;

    /** @return whether the field is an amount of money (spend, sales) rather than a count */
    public boolean isMoney() {
        return this == SPEND || this == SALES;
    }

    /** @return the lower-case name used in reports */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
