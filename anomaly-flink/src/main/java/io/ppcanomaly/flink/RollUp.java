package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roll-up of one profile's period: every ad group, campaign, portfolio and the profile itself get the sum of
 * their keywords' metrics in that period. Run by {@link ProfileDetector} once the period is complete (the watermark
 * passed its end plus the allowed lateness, so every event that is not late is in): the keywords that had a record
 * in the period are summed in the order of their ids, each from zero — the same additions, in the same order, as
 * the service's {@code AccountFrames}, so a parent's metrics are the same bits as the single-machine run's, and the
 * same whatever order the events arrived in. A parent's name and its own parent are the last such keyword's.
 */
final class RollUp {

    private RollUp() {
    }

    /** One parent's running sum in one period, with its identity. */
    static final class Sum {
        final String id;
        final EntityType type;
        String name;
        String parentId;
        long impressions;
        long clicks;
        double spend;
        double sales;
        long orders;

        Sum(String id, EntityType type) {
            this.id = id;
            this.type = type;
        }

        private void add(EntityTrail k, int slot, String name, String parentId) {
            this.name = name;
            this.parentId = parentId;
            impressions += k.impressions[slot];
            clicks += k.clicks[slot];
            spend += k.spend[slot];
            sales += k.sales[slot];
            orders += k.orders[slot];
        }
    }

    /**
     * @param profile  the profile's id (the root of its entities)
     * @param keywords the profile's keyword (and product-target) trails, any order
     * @param index    the period's number
     * @return parent id → its sum in the period, for each parent with at least one keyword that had a record
     */
    static Map<String, Sum> period(String profile, List<EntityTrail> keywords, long index) {
        List<EntityTrail> in = new ArrayList<>();
        for (EntityTrail k : keywords) {
            if (k.presentAt(index)) {
                in.add(k);
            }
        }
        in.sort(Comparator.comparing(k -> k.entityId));
        Map<String, Sum> sums = new LinkedHashMap<>();
        String profileName = "profile " + profile;
        for (EntityTrail k : in) {
            int slot = (int) Math.floorMod(index, (long) k.impressions.length);
            sums.computeIfAbsent(k.parentId, id -> new Sum(id, EntityType.AD_GROUP))
                    .add(k, slot, k.adGroupName, k.campaignId);
            String campaignParent = k.portfolioId != null ? k.portfolioId : profile;
            sums.computeIfAbsent(k.campaignId, id -> new Sum(id, EntityType.CAMPAIGN))
                    .add(k, slot, k.campaignName, campaignParent);
            if (k.portfolioId != null) {
                sums.computeIfAbsent(k.portfolioId, id -> new Sum(id, EntityType.PORTFOLIO))
                        .add(k, slot, k.portfolioName, profile);
            }
            sums.computeIfAbsent(profile, id -> new Sum(id, EntityType.PROFILE)).add(k, slot, profileName, null);
        }
        return sums;
    }

    /** @return whether the trail is a leaf's (keyword or product target), whose metrics come from events */
    static boolean isLeaf(EntityTrail t) {
        return EntityType.KEYWORD.name().equals(t.entityType) || EntityType.PRODUCT_TARGET.name().equals(t.entityType);
    }
}
