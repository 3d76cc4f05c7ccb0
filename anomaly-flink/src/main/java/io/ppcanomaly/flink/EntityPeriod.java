package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;

/**
 * One entity's metrics in one period: what the pipeline's late output ({@link PpcAnomalyPipeline#LATE}) carries for
 * each keyword event that came after its period was rolled up and judged. A Flink POJO.
 */
public class EntityPeriod {

    /** The profile the entity belongs to. */
    public String profileId;
    /** The entity's id. */
    public String entityId;
    /** The entity's level ({@link EntityType#name()}). */
    public String entityType;
    /** Display name. */
    public String name;
    /** The parent's id, or {@code null} for the profile. */
    public String parentId;
    /** The keyword this record's metrics come from (for a roll-up: the last one summed). */
    public String leafId;
    /** The period's start, epoch milliseconds read as UTC. */
    public long period;
    /** Impressions. */
    public long impressions;
    /** Clicks. */
    public long clicks;
    /** Spend. */
    public double spend;
    /** Sales. */
    public double sales;
    /** Orders. */
    public long orders;

    /** For Flink. */
    public EntityPeriod() {
    }

    /** @return the keyword event as its keyword's record */
    static EntityPeriod of(KeywordEvent e) {
        return of(e.profileId, e.keywordId, KeywordCsv.leafType(e), e.keywordName, e.adGroupId, e.period, e);
    }

    static EntityPeriod of(String profileId, String id, EntityType type, String name, String parentId, long period,
                           KeywordEvent e) {
        EntityPeriod p = new EntityPeriod();
        p.profileId = profileId;
        p.entityId = id;
        p.entityType = type.name();
        p.name = name;
        p.parentId = parentId;
        p.leafId = e.keywordId;
        p.period = period;
        p.impressions = e.impressions;
        p.clicks = e.clicks;
        p.spend = e.spend;
        p.sales = e.sales;
        p.orders = e.orders;
        return p;
    }

    /** @return the entity */
    public Entity entity() {
        return new Entity(entityId, EntityType.valueOf(entityType), name, parentId);
    }

    /** @return the metrics */
    public Metrics metrics() {
        return new Metrics(impressions, clicks, spend, sales, orders);
    }

    /** @return whether this is a leaf (keyword or product target) */
    public boolean isLeaf() {
        return EntityType.KEYWORD.name().equals(entityType) || EntityType.PRODUCT_TARGET.name().equals(entityType);
    }

    @Override
    public String toString() {
        return "EntityPeriod{" + entityType + " " + entityId + " @ " + Periods.fromMillis(period) + "}";
    }
}
