package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;

/**
 * One entity's trailing metrics in keyed state: its identity, its first and last active period, and the last
 * {@code capacity} periods of its five metrics in a ring (a period without a record counts as zero activity, as
 * the library pads a keyword that did not serve). Bounded: {@code capacity} is what a window, its baseline, the
 * look-back for an anomaly's start and the allowed lateness need, nothing more. A keyword's trail also names its
 * ad group, campaign and portfolio (as its latest event gave them), which its metrics roll up into. A Flink POJO.
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
    /** A keyword's campaign id; {@code null} for the other levels. */
    public String campaignId;
    /** A keyword's campaign name. */
    public String campaignName;
    /** A keyword's ad group name (its parent's id is {@link #parentId}). */
    public String adGroupName;
    /** A keyword's portfolio id, or {@code null} (none, or not a keyword). */
    public String portfolioId;
    /** A keyword's portfolio name. */
    public String portfolioName;
    /** Number of its first period with a record. */
    public long first;
    /** Number of its latest period with a record. */
    public long lastActive;
    /** Number of the latest period the ring holds. */
    public long end;
    /** Ring: whether the period had a record (a keyword event; for a parent, one of its keywords'). */
    public boolean[] present;
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

    /** @return an empty trail of an entity whose first record is for period {@code index} */
    static EntityTrail of(String id, EntityType type, String name, String parentId, long index, int capacity) {
        EntityTrail t = new EntityTrail();
        t.entityId = id;
        t.entityType = type.name();
        t.name = name;
        t.parentId = parentId;
        t.first = index;
        t.lastActive = index;
        t.end = index;
        t.present = new boolean[capacity];
        t.impressions = new long[capacity];
        t.clicks = new long[capacity];
        t.spend = new double[capacity];
        t.sales = new double[capacity];
        t.orders = new long[capacity];
        return t;
    }

    /** @return an empty trail of the event's keyword */
    static EntityTrail of(KeywordEvent e, long index, int capacity) {
        return of(e.keywordId, KeywordCsv.leafType(e), e.keywordName, e.adGroupId, index, capacity);
    }

    /**
     * Adds a keyword event to its period (a keyword's own duplicates are summed in arrival order, from zero); the
     * keyword's place in the account is taken from its latest period's events.
     *
     * @return false when the period is older than the ring holds (nothing changed)
     */
    boolean add(KeywordEvent e, long index) {
        if (!reach(index)) {
            return false;
        }
        if (index >= lastActive) {
            name = e.keywordName;
            parentId = e.adGroupId;
            adGroupName = e.adGroupName;
            campaignId = e.campaignId;
            campaignName = e.campaignName;
            portfolioId = e.portfolioId;
            portfolioName = e.portfolioName;
        }
        int s = slot(index);
        present[s] = true;
        impressions[s] += e.impressions;
        clicks[s] += e.clicks;
        spend[s] += e.spend;
        sales[s] += e.sales;
        orders[s] += e.orders;
        lastActive = Math.max(lastActive, index);
        return true;
    }

    /**
     * Puts a parent's summed metrics of a period (replacing any earlier sum of it).
     *
     * @return false when the period is older than the ring holds (nothing changed)
     */
    boolean put(RollUp.Sum sum, long index) {
        if (!reach(index)) {
            return false;
        }
        if (index >= lastActive) {
            name = sum.name;
            parentId = sum.parentId;
        }
        int s = slot(index);
        present[s] = true;
        impressions[s] = sum.impressions;
        clicks[s] = sum.clicks;
        spend[s] = sum.spend;
        sales[s] = sum.sales;
        orders[s] = sum.orders;
        lastActive = Math.max(lastActive, index);
        return true;
    }

    /** @return whether the period {@code index} had a record */
    boolean presentAt(long index) {
        return index <= end && index > end - present.length && index >= first && present[slot(index)];
    }

    /** Moves the ring to hold {@code index}: false when it is older than the ring holds. */
    private boolean reach(long index) {
        int cap = impressions.length;
        if (index <= end - cap) {
            return false;
        }
        if (index > end) {
            for (long k = Math.max(end + 1, index - cap + 1); k <= index; k++) {
                clear(slot(k));
            }
            end = index;
        }
        if (index < first) {
            // an earlier period arrived late: it and the periods between it and the old first are zero activity
            for (long k = index; k < first; k++) {
                clear(slot(k));
            }
            first = index;
        }
        return true;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) impressions.length);
    }

    private void clear(int s) {
        present[s] = false;
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
        int n = (int) (upTo - from + 1);
        long[] imp = new long[n];
        long[] clk = new long[n];
        double[] spd = new double[n];
        double[] sls = new double[n];
        long[] ord = new long[n];
        for (int i = 0; i < n && from + i <= end; i++) {
            int s = slot(from + i);
            imp[i] = impressions[s];
            clk[i] = clicks[s];
            spd[i] = spend[s];
            sls[i] = sales[s];
            ord[i] = orders[s];
        }
        return MetricSeries.of(entityId, g, Periods.period(g, from), imp, clk, spd, sls, ord);
    }
}
