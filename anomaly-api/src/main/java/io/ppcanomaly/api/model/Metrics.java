package io.ppcanomaly.api.model;

/**
 * One period's raw advertising volumes for one entity.
 *
 * <p>Counts are whole numbers; money is in the account's currency. Orders may exceed clicks (Amazon
 * attributes orders over a 7- or 14-day window), so that is allowed. Use {@link Kpi} for the ratios.
 *
 * @param impressions times an ad was shown, &ge; 0
 * @param clicks      clicks, &ge; 0 and &le; impressions
 * @param spend       cost of the clicks, finite and &ge; 0
 * @param sales       attributed sales, finite and &ge; 0
 * @param orders      attributed orders, &ge; 0
 */
public record Metrics(long impressions, long clicks, double spend, double sales, long orders) {

    /** No activity: what a gap in a series means. */
    public static final Metrics ZERO = new Metrics(0, 0, 0, 0, 0);

    /** Validates the fields; see {@link #validate}. */
    public Metrics {
        validate(null, impressions, clicks, spend, sales, orders);
    }

    /**
     * Checks one observation, naming {@code context} (for example "entity kw-1 on 2026-03-14") in the message.
     *
     * @throws IllegalArgumentException for a negative count, a NaN, infinite or negative amount, or more clicks
     *                                  than impressions
     */
    public static void validate(String context, double impressions, double clicks, double spend, double sales,
                                double orders) {
        check(context, "impressions", impressions);
        check(context, "clicks", clicks);
        check(context, "spend", spend);
        check(context, "sales", sales);
        check(context, "orders", orders);
        if (clicks > impressions) {
            throw new IllegalArgumentException(prefix(context) + "clicks must be <= impressions (" + fmt(impressions)
                    + "), got " + fmt(clicks));
        }
    }

    private static void check(String context, String field, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(prefix(context) + field + " must be finite and >= 0, got " + fmt(v));
        }
    }

    private static String prefix(String context) {
        return context == null ? "" : context + ": ";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** @return the element-wise sum, as a parent's metrics are the sums of its children's */
    public Metrics plus(Metrics o) {
        return new Metrics(impressions + o.impressions, clicks + o.clicks, spend + o.spend, sales + o.sales,
                orders + o.orders);
    }

    /** @return the value of one additive metric */
    public double get(MetricField field) {
        return switch (field) {
            case IMPRESSIONS -> impressions;
            case CLICKS -> clicks;
            case SPEND -> spend;
            case SALES -> sales;
            case ORDERS -> orders;
        };
    }
}
