package io.ppcanomaly.api.model;

import java.util.Locale;

/**
 * The ratio KPIs of PPC advertising, with a defined, finite value for every zero denominator.
 *
 * <p>Zero denominators are the normal case for small keywords, so each KPI is total:
 * <ul>
 *   <li>numerator and denominator both zero: the KPI is 0 (nothing happened, nothing to report);</li>
 *   <li>numerator positive, denominator zero (e.g. spend with no sales): the KPI is its {@link #cap()},
 *       the largest value it reports; ordinary values above the cap are clamped to it as well.</li>
 * </ul>
 * No NaN or infinity ever leaves this class.
 */
public enum Kpi {
    /** Click-through rate = clicks / impressions; at most 1 because clicks &le; impressions. */
    CTR(MetricField.CLICKS, MetricField.IMPRESSIONS, 1.0),
    /** Cost per click = spend / clicks. */
    CPC(MetricField.SPEND, MetricField.CLICKS, 1.0e6),
    /** Advertising cost of sales = spend / sales; capped at 100 (10,000%) when spend has no sales. */
    ACOS(MetricField.SPEND, MetricField.SALES, 100.0),
    /** Conversion rate = orders / clicks; may exceed 1 (attribution windows), capped at 100. */
    CVR(MetricField.ORDERS, MetricField.CLICKS, 100.0),
    /** Return on ad spend = sales / spend; capped at 1,000 when sales come with no spend. */
    ROAS(MetricField.SALES, MetricField.SPEND, 1000.0);

    private final MetricField numerator;
    private final MetricField denominator;
    private final double cap;

    Kpi(MetricField numerator, MetricField denominator, double cap) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.cap = cap;
    }

    /** @return the metric on top of the ratio */
    public MetricField numerator() {
        return numerator;
    }

    /** @return the metric below the ratio */
    public MetricField denominator() {
        return denominator;
    }

    /** @return the value reported when the numerator is positive and the denominator zero */
    public double cap() {
        return cap;
    }

    /** @return the KPI of one observation, finite and in [0, cap] */
    public double of(Metrics m) {
        return ratio(m.get(numerator), m.get(denominator));
    }

    /**
     * @return numerator / denominator with this KPI's zero rules, finite and in [0, cap]
     */
    public double ratio(double num, double den) {
        if (den <= 0) {
            return num <= 0 ? 0.0 : cap;
        }
        double r = num / den;
        return r > cap ? cap : r;
    }

    /** @return the lower-case name used in reports, e.g. {@code acos} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
