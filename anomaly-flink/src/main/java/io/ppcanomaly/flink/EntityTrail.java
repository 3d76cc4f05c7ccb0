package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;

/**
 * One entity's trailing metrics in keyed state: its identity, its first and last active period, and the last
 * {@code capacity} periods of its five metrics in a ring (a period without a record counts as zero activity, as
 * the library pads a keyword that did not serve). Bounded: {@code capacity} is what a window, its baseline, the
 * look-back for an anomaly's start and the allowed lateness need, nothing more. A Flink POJO.
 */
public class EntityTrail {

    /** The entity's id. */
    public String entityId;
    /** Its level ({@link EntityType#name()}). */
    public String entityType;
    /** Display name. */
    public String name;
    /** Parent id, or {@code null}. */
    public String parentId;
    /** Number of its first period with a record. */
    public long first;
    /** Number of its latest period with a record. */
    public long lastActive;
    /** Number of the latest period the ring holds. */
    public long end;
    /** Ring of impressions, slot = period number mod capacity. */
    public long[] impressions;
    /** Ring of clicks. */
    public long[] clicks;
    /** Ring of spend. */
    public double[] spend;
    /** Ring of sales. */
    public double[] sales;
    /** Ring of orders. */
    public long[] orders;

    /** For Flink. */
    public EntityTrail() {
    }

    static EntityTrail of(EntityPeriod p, long index, int capacity) {
        EntityTrail t = new EntityTrail();
        t.entityId = p.entityId;
        t.entityType = p.entityType;
        t.name = p.name;
        t.parentId = p.parentId;
        t.first = index;
        t.lastActive = index;
        t.end = index;
        t.impressions = new long[capacity];
        t.clicks = new long[capacity];
        t.spend = new double[capacity];
        t.sales = new double[capacity];
        t.orders = new long[capacity];
        return t;
    }

    /**
     * Puts a period's (re-)summed metrics: a later firing of the same window replaces the earlier sum.
     *
     * @return false when the period is older than the ring holds (nothing changed)
     */
    boolean put(EntityPeriod p, long index) {
        int cap = impressions.length;
        if (index <= end - cap) {
            return false;
        }
        if (index > end) {
            for (long k = Math.max(end + 1, index - cap + 1); k < index; k++) {
                clear(slot(k));
            }
            end = index;
        }
        if (index < first) {
            // an earlier period arrived late: the periods between it and the old first are zero activity
            for (long k = index + 1; k < first; k++) {
                clear(slot(k));
            }
            first = index;
        }
        name = p.name;
        parentId = p.parentId;
        int s = slot(index);
        impressions[s] = p.impressions;
        clicks[s] = p.clicks;
        spend[s] = p.spend;
        sales[s] = p.sales;
        orders[s] = p.orders;
        lastActive = Math.max(lastActive, index);
        return true;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) impressions.length);
    }

    private void clear(int s) {
        impressions[s] = 0;
        clicks[s] = 0;
        spend[s] = 0;
        sales[s] = 0;
        orders[s] = 0;
    }

    /** @return the entity */
    Entity entity() {
        return new Entity(entityId, EntityType.valueOf(entityType), name, parentId);
    }

    /**
     * @param upTo    the last period of the series (periods after it are left out, so a step stays causal)
     * @param periods at most this many periods ending at {@code upTo}
     * @return the series from its first period (or {@code periods} before {@code upTo}) to {@code upTo}, or
     *         {@code null} when the entity starts after {@code upTo}
     */
    MetricSeries series(Granularity g, long upTo, int periods) {
        if (upTo < first) {
            return null;
        }
        long from = Math.max(first, Math.max(upTo - periods + 1, end - impressions.length + 1));
        MetricSeries.Builder b = MetricSeries.builder(entityId, g);
        for (long k = from; k <= upTo; k++) {
            if (k > end) {
                b.add(Periods.period(g, k), 0, 0, 0, 0, 0);
            } else {
                int s = slot(k);
                b.add(Periods.period(g, k), impressions[s], clicks[s], spend[s], sales[s], orders[s]);
            }
        }
        return b.build();
    }
}
