package io.ppcanomaly.api.model;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entity's metrics over a contiguous range of periods, immutable and thread-safe.
 *
 * <p>Observations are added in strictly increasing period order; an unsorted or duplicate period is rejected
 * with a message naming the entity and the period. <b>A gap inside the range means zero activity</b> (an
 * ad that did not serve has no report row), so the series is stored densely from {@link #start()} to
 * {@link #end()} with zeros in the gaps. Values are kept in parallel primitive arrays.
 */
public final class MetricSeries {

    private final String entityId;
    private final Granularity granularity;
    private final LocalDateTime start;
    private final long[] impressions;
    private final long[] clicks;
    private final double[] spend;
    private final double[] sales;
    private final long[] orders;

    private MetricSeries(Builder b, int n) {
        this.entityId = b.entityId;
        this.granularity = b.granularity;
        this.start = b.start;
        this.impressions = Arrays.copyOf(b.impressions, n);
        this.clicks = Arrays.copyOf(b.clicks, n);
        this.spend = Arrays.copyOf(b.spend, n);
        this.sales = Arrays.copyOf(b.sales, n);
        this.orders = Arrays.copyOf(b.orders, n);
    }

    /** Starts a series for one entity. */
    public static Builder builder(String entityId, Granularity granularity) {
        return new Builder(entityId, granularity);
    }

    /**
     * A series from dense arrays: period {@code start + i} has the {@code i}-th values (zeros mean no activity). The
     * builder's checks without a date per period — the fast path for callers that keep metrics in arrays, such as a
     * stream processor's keyed state. The arrays are copied.
     *
     * @param start the first period; may be {@code null} only when the arrays are empty
     * @throws IllegalArgumentException when the arrays' lengths differ, {@code start} is not aligned to the
     *                                  granularity, or a value is invalid (negative, not finite, clicks above
     *                                  impressions); the message names the entity, the period, the field and the
     *                                  value
     */
    public static MetricSeries of(String entityId, Granularity granularity, LocalDateTime start, long[] impressions,
                                  long[] clicks, double[] spend, double[] sales, long[] orders) {
        Builder b = new Builder(entityId, granularity);
        int n = impressions.length;
        if (clicks.length != n || spend.length != n || sales.length != n || orders.length != n) {
            throw new IllegalArgumentException("metric arrays of entity '" + entityId + "' must have the same length, "
                    + "got " + n + ", " + clicks.length + ", " + spend.length + ", " + sales.length + ", "
                    + orders.length);
        }
        if (n == 0) {
            return b.build();
        }
        Objects.requireNonNull(start, "start");
        if (!granularity.isAligned(start)) {
            throw new IllegalArgumentException(b.context(start) + ": period must be aligned to a whole "
                    + granularity.name().toLowerCase(java.util.Locale.ROOT) + ", got " + start);
        }
        for (int i = 0; i < n; i++) {
            try {
                Metrics.validate(null, impressions[i], clicks[i], spend[i], sales[i], orders[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(b.context(granularity.plus(start, i)) + ": " + e.getMessage(), e);
            }
        }
        b.start = start;
        b.impressions = impressions;
        b.clicks = clicks;
        b.spend = spend;
        b.sales = sales;
        b.orders = orders;
        return new MetricSeries(b, n);
    }

    /** @return the entity this series belongs to */
    public String entityId() {
        return entityId;
    }

    /** @return the period length */
    public Granularity granularity() {
        return granularity;
    }

    /** @return the number of periods from start to end inclusive, gaps included */
    public int size() {
        return impressions.length;
    }

    /** @return whether the series has no observation */
    public boolean isEmpty() {
        return impressions.length == 0;
    }

    /** @return the first period; {@code null} when empty */
    public LocalDateTime start() {
        return start;
    }

    /** @return the last period; {@code null} when empty */
    public LocalDateTime end() {
        return isEmpty() ? null : granularity.plus(start, size() - 1L);
    }

    /** @return the period at index {@code i} (0 = start) */
    public LocalDateTime periodAt(int i) {
        Objects.checkIndex(i, size());
        return granularity.plus(start, i);
    }

    /**
     * @return the index of {@code period}, or -1 when it lies outside the series (or the series is empty)
     */
    public int indexOf(LocalDateTime period) {
        if (isEmpty()) {
            return -1;
        }
        long i = granularity.between(start, period);
        return i < 0 || i >= size() || !granularity.plus(start, i).equals(period) ? -1 : (int) i;
    }

    /** @return the metrics at index {@code i} */
    public Metrics at(int i) {
        return new Metrics(impressions[i], clicks[i], spend[i], sales[i], orders[i]);
    }

    /** @return one additive metric at index {@code i}, without allocating */
    public double value(MetricField field, int i) {
        return switch (field) {
            case IMPRESSIONS -> impressions[i];
            case CLICKS -> clicks[i];
            case SPEND -> spend[i];
            case SALES -> sales[i];
            case ORDERS -> orders[i];
        };
    }

    /** @return impressions at index {@code i} */
    public long impressions(int i) {
        return impressions[i];
    }

    /** @return clicks at index {@code i} */
    public long clicks(int i) {
        return clicks[i];
    }

    /** @return spend at index {@code i} */
    public double spend(int i) {
        return spend[i];
    }

    /** @return sales at index {@code i} */
    public double sales(int i) {
        return sales[i];
    }

    /** @return orders at index {@code i} */
    public long orders(int i) {
        return orders[i];
    }

    /** @return the sub-series of the first {@code n} periods (used to replay history causally) */
    public MetricSeries head(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("n must be in [0, " + size() + "], got " + n);
        }
        Builder b = new Builder(entityId, granularity);
        b.start = n == 0 ? null : start;
        b.impressions = impressions;
        b.clicks = clicks;
        b.spend = spend;
        b.sales = sales;
        b.orders = orders;
        return new MetricSeries(b, n);
    }

    /**
     * @param from the index of the first period kept, in [0, {@link #size()}]
     * @return the sub-series from the {@code from}-th period on (used to keep only a recent history); the values are
     *         copied
     */
    public MetricSeries tail(int from) {
        if (from < 0 || from > size()) {
            throw new IllegalArgumentException("from must be in [0, " + size() + "], got " + from);
        }
        if (from == 0) {
            return this;
        }
        Builder b = new Builder(entityId, granularity);
        int n = size() - from;
        b.start = n == 0 ? null : granularity.plus(start, from);
        b.impressions = Arrays.copyOfRange(impressions, from, size());
        b.clicks = Arrays.copyOfRange(clicks, from, size());
        b.spend = Arrays.copyOfRange(spend, from, size());
        b.sales = Arrays.copyOfRange(sales, from, size());
        b.orders = Arrays.copyOfRange(orders, from, size());
        return new MetricSeries(b, n);
    }

    /**
     * Adds two series of the same granularity period by period, as a parent's metrics are the sums of its
     * children's. The result spans both ranges; periods outside one of them count as zero there.
     *
     * @param entityId id of the resulting series
     */
    public static MetricSeries sum(String entityId, Granularity granularity, Iterable<MetricSeries> parts) {
        LocalDateTime lo = null;
        LocalDateTime hi = null;
        for (MetricSeries s : parts) {
            if (s.granularity != granularity) {
                throw new IllegalArgumentException("granularity of series '" + s.entityId + "' must be " + granularity
                        + ", got " + s.granularity);
            }
            if (s.isEmpty()) {
                continue;
            }
            lo = lo == null || s.start.isBefore(lo) ? s.start : lo;
            hi = hi == null || s.end().isAfter(hi) ? s.end() : hi;
        }
        Builder b = new Builder(entityId, granularity);
        if (lo == null) {
            return b.build();
        }
        int n = (int) granularity.between(lo, hi) + 1;
        b.start = lo;
        b.ensure(n);
        for (MetricSeries s : parts) {
            if (s.isEmpty()) {
                continue;
            }
            int off = (int) granularity.between(lo, s.start);
            for (int i = 0; i < s.size(); i++) {
                b.impressions[off + i] += s.impressions[i];
                b.clicks[off + i] += s.clicks[i];
                b.spend[off + i] += s.spend[i];
                b.sales[off + i] += s.sales[i];
                b.orders[off + i] += s.orders[i];
            }
        }
        b.size = n;
        b.last = hi;
        return b.build();
    }

    @Override
    public String toString() {
        return "MetricSeries[" + entityId + ", " + size() + " " + granularity.name().toLowerCase(java.util.Locale.ROOT)
                + "s from " + (start == null ? "-" : granularity.format(start)) + "]";
    }

    /** Accumulates observations in period order; not thread-safe, single use. */
    public static final class Builder {
        private final String entityId;
        private final Granularity granularity;
        private LocalDateTime start;
        private LocalDateTime last;
        private int size;
        private long[] impressions = new long[16];
        private long[] clicks = new long[16];
        private double[] spend = new double[16];
        private double[] sales = new double[16];
        private long[] orders = new long[16];

        private Builder(String entityId, Granularity granularity) {
            this.entityId = Objects.requireNonNull(entityId, "entityId");
            this.granularity = Objects.requireNonNull(granularity, "granularity");
        }

        /** Adds one observation. */
        public Builder add(LocalDateTime period, Metrics m) {
            return add(period, m.impressions(), m.clicks(), m.spend(), m.sales(), m.orders());
        }

        /**
         * Adds one observation after the previous one; periods skipped in between count as zero activity.
         *
         * @throws IllegalArgumentException for an unsorted, duplicate or misaligned period, or invalid metrics;
         *                                  the message names the entity, the period, the field and the value.
         *                                  The builder is unchanged when this is thrown.
         */
        public Builder add(LocalDateTime period, double impressions, double clicks, double spend, double sales,
                           double orders) {
            Objects.requireNonNull(period, "period");
            // The context string is built only on failure: this runs once per observation of every entity.
            if (!granularity.isAligned(period)) {
                throw new IllegalArgumentException(context(period) + ": period must be aligned to a whole "
                        + granularity.name().toLowerCase(java.util.Locale.ROOT) + ", got " + period);
            }
            try {
                Metrics.validate(null, impressions, clicks, spend, sales, orders);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(context(period) + ": " + e.getMessage(), e);
            }
            if (impressions != Math.rint(impressions) || clicks != Math.rint(clicks) || orders != Math.rint(orders)) {
                double bad = impressions != Math.rint(impressions) ? impressions
                        : clicks != Math.rint(clicks) ? clicks : orders;
                throw new IllegalArgumentException(context(period) + ": counts must be whole numbers, got " + bad);
            }
            int idx;
            if (start == null) {
                start = period;
                idx = 0;
            } else {
                if (!period.isAfter(last)) {
                    throw new IllegalArgumentException(context(period) + ": periods must be strictly increasing, got "
                            + (period.equals(last) ? "a duplicate of " : "one before ") + last);
                }
                long d = granularity.between(start, period);
                if (d >= Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException(context(period) + ": series must span fewer than 2^31 periods");
                }
                idx = (int) d;
            }
            ensure(idx + 1);
            this.impressions[idx] = (long) impressions;
            this.clicks[idx] = (long) clicks;
            this.spend[idx] = spend;
            this.sales[idx] = sales;
            this.orders[idx] = (long) orders;
            size = idx + 1;
            last = period;
            return this;
        }

        private String context(LocalDateTime period) {
            return "entity '" + entityId + "' at " + period.toString().replace("T00:00", "");
        }

        private void ensure(int n) {
            if (n > impressions.length) {
                int cap = Math.max(n, impressions.length * 2);
                impressions = Arrays.copyOf(impressions, cap);
                clicks = Arrays.copyOf(clicks, cap);
                spend = Arrays.copyOf(spend, cap);
                sales = Arrays.copyOf(sales, cap);
                orders = Arrays.copyOf(orders, cap);
            }
        }

        /** @return the series; the builder must not be used afterwards */
        public MetricSeries build() {
            return new MetricSeries(this, size);
        }
    }
}
