package io.ppcanomaly.rootcause.decompose;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.model.MetricField;
import java.util.Locale;

/**
 * A PPC quantity whose change can be split among an entity's children: the five additive volumes, and the
 * ratio KPIs through their numerator and denominator (CTR = clicks / impressions, CPC = spend / clicks,
 * CVR = orders / clicks, ACOS = spend / sales, ROAS = sales / spend).
 *
 * <p>Each signal knows the {@link FeatureSchema} feature that measures it (where there is one), so an anomaly's
 * dominant feature names the quantity to decompose. {@link #logChange} measures a {@link Snapshot}'s move the
 * way {@link io.ppcanomaly.api.features.FeatureExtractor} measures a period's: a natural log-ratio of the actual
 * to the baseline, shrunk toward the baseline by the same pseudo-counts, clamped to ±{@value #LIMIT}.
 */
public enum Signal {
    /** Impressions (additive); feature {@code impressions}. */
    IMPRESSIONS(FeatureSchema.IMPRESSIONS, MetricField.IMPRESSIONS, null),
    /** Clicks (additive); no default feature. */
    CLICKS("clicks", MetricField.CLICKS, null),
    /** Spend (additive); feature {@code spend}. */
    SPEND(FeatureSchema.SPEND, MetricField.SPEND, null),
    /** Sales (additive); no default feature. */
    SALES("sales", MetricField.SALES, null),
    /** Orders (additive); no default feature. */
    ORDERS("orders", MetricField.ORDERS, null),
    /** Click-through rate = clicks / impressions; feature {@code ctr}. */
    CTR(FeatureSchema.CTR, MetricField.CLICKS, MetricField.IMPRESSIONS),
    /** Cost per click = spend / clicks; feature {@code cpc}. */
    CPC(FeatureSchema.CPC, MetricField.SPEND, MetricField.CLICKS),
    /** Conversion rate = orders / clicks; feature {@code cvr}. */
    CVR(FeatureSchema.CVR, MetricField.ORDERS, MetricField.CLICKS),
    /** Advertising cost of sales = spend / sales; feature {@code acos}. */
    ACOS(FeatureSchema.ACOS, MetricField.SPEND, MetricField.SALES),
    /** Return on ad spend = sales / spend; no default feature. */
    ROAS("roas", MetricField.SALES, MetricField.SPEND);

    /** Log-changes are clamped to ±8 (a factor of e^8 ≈ 3,000), as features are by default. */
    public static final double LIMIT = 8.0;

    private final String feature;
    private final MetricField numerator;
    private final MetricField denominator;

    Signal(String feature, MetricField numerator, MetricField denominator) {
        this.feature = feature;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** @return the feature name that measures this signal, e.g. {@code cpc} */
    public String feature() {
        return feature;
    }

    /** @return the metric on top (the metric itself for an additive signal) */
    public MetricField numerator() {
        return numerator;
    }

    /** @return the metric below for a ratio, or {@code null} for an additive signal */
    public MetricField denominator() {
        return denominator;
    }

    /** @return whether this is a ratio KPI rather than an additive volume */
    public boolean isRatio() {
        return denominator != null;
    }

    /** @return the lower-case name used in reports, e.g. {@code cpc} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param featureName a feature name such as {@code cpc} or {@code impressions}
     * @return the signal it measures, or {@code null} when the name is not one of this enum's features
     */
    public static Signal forFeature(String featureName) {
        if (featureName == null) {
            return null;
        }
        for (Signal s : values()) {
            if (s.feature.equals(featureName)) {
                return s;
            }
        }
        return null;
    }

    /** @return the baseline value: the per-period mean of an additive signal, or the baseline ratio */
    public double forecast(Snapshot s) {
        return value(s.forecast(numerator), denominator == null ? 1 : s.forecast(denominator));
    }

    /** @return the value over the anomalous span, as {@link #forecast} */
    public double actual(Snapshot s) {
        return value(s.actual(numerator), denominator == null ? 1 : s.actual(denominator));
    }

    private double value(double num, double den) {
        if (denominator == null) {
            return num;
        }
        return den > 0 ? num / den : 0.0;
    }

    /**
     * The move of this signal in a snapshot as a shrunk natural log-ratio (0 = as usual, +0.69 = doubled),
     * with the pseudo-counts of {@link io.ppcanomaly.api.features.FeatureConfig#DEFAULT}: 20 impressions, 3 clicks
     * (at the baseline CPC for money spent), 10 clicks for conversion rate, 100 impressions for CTR, 2 orders (at
     * the baseline order value) for ACOS and sales, 1 order for orders. A ratio without a baseline (no clicks
     * before, for CPC) has no measurable move and gives 0.
     *
     * @return the log-change, finite and in [−{@value #LIMIT}, {@value #LIMIT}]
     */
    public double logChange(Snapshot s) {
        double cpcB = s.forecast(MetricField.SPEND) / Math.max(s.forecast(MetricField.CLICKS), 1e-9);
        double aovB = s.forecast(MetricField.SALES) / Math.max(s.forecast(MetricField.ORDERS), 1e-9);
        if (denominator == null) {
            double k = switch (this) {
                case IMPRESSIONS -> 20.0;
                case CLICKS -> 3.0;
                case ORDERS -> 1.0;
                case SPEND -> 3.0 * cpcB;
                case SALES -> 2.0 * aovB;
                default -> throw new AssertionError(this);
            };
            double f = s.forecast(numerator);
            double a = s.actual(numerator);
            if (!(k > 0)) {
                // Money with no money before: any spend now is the largest move there is.
                return a > 0 ? LIMIT : 0.0;
            }
            return clamp(Math.log((a + k) / (f + k)));
        }
        double fNum = s.forecast(numerator);
        double fDen = s.forecast(denominator);
        if (!(fNum > 0 && fDen > 0)) {
            return 0.0;
        }
        double rate = fNum / fDen;
        double k = switch (this) {
            case CTR -> 100.0;
            case CPC -> 3.0;
            case CVR -> 10.0;
            case ACOS -> 2.0 * aovB;
            case ROAS -> 3.0 * cpcB;
            default -> throw new AssertionError(this);
        };
        if (!(k > 0)) {
            k = fDen;
        }
        double shrunk = (s.actual(numerator) + k * rate) / (s.actual(denominator) + k);
        return clamp(Math.log(shrunk / rate));
    }

    /**
     * The standard error of {@link #logChange} under "nothing changed", from counting noise alone: the count that
     * drives this signal is treated as Poisson with the mean the baseline predicts for the actual span —
     * impressions for impressions; clicks for clicks and spend; orders for orders and sales; for a ratio, its
     * numerator count at the baseline rate given the actual denominator (expected clicks for CTR, expected
     * orders for CVR, ACOS and ROAS) and the actual clicks for CPC. With {@code E} that expected count and
     * {@code B} the baseline's count, {@code sqrt(1/(E + 1) + 1/(B + 1))}. Using the expectation rather than
     * the observation keeps a drop to nothing from looking like noise.
     *
     * @return the standard error, finite and &gt; 0
     */
    public double noise(Snapshot s) {
        int na = s.actualPeriods();
        int nb = s.baselinePeriods();
        double expected;
        double base;
        switch (this) {
            case IMPRESSIONS -> {
                expected = s.forecast(MetricField.IMPRESSIONS) * na;
                base = s.forecast(MetricField.IMPRESSIONS) * nb;
            }
            case CLICKS, SPEND -> {
                expected = s.forecast(MetricField.CLICKS) * na;
                base = s.forecast(MetricField.CLICKS) * nb;
            }
            case ORDERS, SALES -> {
                expected = s.forecast(MetricField.ORDERS) * na;
                base = s.forecast(MetricField.ORDERS) * nb;
            }
            case CTR -> {
                expected = rate(s, MetricField.CLICKS, MetricField.IMPRESSIONS) * s.actual(MetricField.IMPRESSIONS) * na;
                base = s.forecast(MetricField.CLICKS) * nb;
            }
            case CPC -> {
                expected = s.actual(MetricField.CLICKS) * na;
                base = s.forecast(MetricField.CLICKS) * nb;
            }
            case CVR, ACOS, ROAS -> {
                expected = rate(s, MetricField.ORDERS, MetricField.CLICKS) * s.actual(MetricField.CLICKS) * na;
                base = s.forecast(MetricField.ORDERS) * nb;
            }
            default -> throw new AssertionError(this);
        }
        return Math.sqrt(1.0 / (expected + 1.0) + 1.0 / (base + 1.0));
    }

    private static double rate(Snapshot s, MetricField num, MetricField den) {
        double d = s.forecast(den);
        return d > 0 ? s.forecast(num) / d : 0.0;
    }

    /**
     * The share of a total's change that one element's change explains (Adtributor's explanatory power): for an
     * additive signal {@code (A_e − F_e) / (A − F)}; for a ratio, the move of the total ratio if only this
     * element had changed, over the total ratio's move.
     *
     * @return the explanatory power, finite; 0 when the total did not move
     */
    public double explanatoryPower(Snapshot element, Snapshot total) {
        if (denominator == null) {
            return Adtributor.explanatoryPower(element.forecast(numerator), element.actual(numerator),
                    total.forecast(numerator), total.actual(numerator));
        }
        return Adtributor.ratioExplanatoryPower(element.forecast(numerator), element.actual(numerator),
                element.forecast(denominator), element.actual(denominator), total.forecast(numerator),
                total.actual(numerator), total.forecast(denominator), total.actual(denominator));
    }

    /**
     * How unexpected an element's share of the total is (Adtributor's surprise: Jensen–Shannon divergence between
     * its baseline and actual shares; for a ratio, the sum over numerator and denominator).
     *
     * @return the surprise, finite and &ge; 0
     */
    public double surprise(Snapshot element, Snapshot total) {
        double s = Adtributor.surprise(element.forecast(numerator), element.actual(numerator),
                total.forecast(numerator), total.actual(numerator));
        if (denominator != null) {
            s += Adtributor.surprise(element.forecast(denominator), element.actual(denominator),
                    total.forecast(denominator), total.actual(denominator));
        }
        return s;
    }

    /**
     * @return the element's share of the total at baseline, in [0, 1]: what its explanatory power would be if
     *         the whole total moved in proportion (the numerator's share, for a ratio)
     */
    public double baselineShare(Snapshot element, Snapshot total) {
        double t = total.forecast(numerator);
        if (!(t > 0)) {
            return 0.0;
        }
        return Math.min(1.0, Math.max(0.0, element.forecast(numerator) / t));
    }

    private static double clamp(double v) {
        if (v != v) {
            return 0.0;
        }
        return v > LIMIT ? LIMIT : (v < -LIMIT ? -LIMIT : v);
    }
}
