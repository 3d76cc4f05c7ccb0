package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.util.Collector;

/**
 * The roll-up's two halves: each keyword event becomes one record per level it counts in (the keyword, its ad
 * group, campaign, portfolio and profile), and a keyed window per entity and period sums them.
 */
final class RollUp {

    private RollUp() {
    }

    /** Keyword event → its own record and one for each ancestor. */
    static final class Explode implements FlatMapFunction<KeywordEvent, EntityPeriod> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(KeywordEvent e, Collector<EntityPeriod> out) {
            String profile = e.profileId;
            out.collect(EntityPeriod.of(profile, e.keywordId, KeywordCsv.leafType(e), e.keywordName, e.adGroupId,
                    e.period, e));
            out.collect(EntityPeriod.of(profile, e.adGroupId, EntityType.AD_GROUP, e.adGroupName, e.campaignId,
                    e.period, e));
            String campaignParent = e.portfolioId != null ? e.portfolioId : profile;
            out.collect(EntityPeriod.of(profile, e.campaignId, EntityType.CAMPAIGN, e.campaignName, campaignParent,
                    e.period, e));
            if (e.portfolioId != null) {
                out.collect(EntityPeriod.of(profile, e.portfolioId, EntityType.PORTFOLIO, e.portfolioName, profile,
                        e.period, e));
            }
            out.collect(EntityPeriod.of(profile, profile, EntityType.PROFILE, "profile " + profile, null, e.period, e));
        }
    }

    /** Sums two records of one entity and period. */
    static final class Sum implements ReduceFunction<EntityPeriod> {
        private static final long serialVersionUID = 1L;

        @Override
        public EntityPeriod reduce(EntityPeriod a, EntityPeriod b) {
            return a.plus(b);
        }
    }
}
