package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The roll-up's two halves: each keyword event becomes one record per level it counts in (the keyword, its ad
 * group, campaign, portfolio and profile), and a keyed window per entity and period sums them in keyword-id order.
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

    /**
     * Sums one entity's records of one period in the order of their keyword ids (a keyword's own duplicates in
     * arrival order), starting from zero: the same additions, in the same order, as the service's
     * {@code AccountFrames}, so a parent's metrics are the same bits as the single-machine run's — and the same
     * whatever order the events arrived in.
     */
    static final class SumInLeafOrder extends ProcessWindowFunction<EntityPeriod, EntityPeriod, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String key, Context ctx, Iterable<EntityPeriod> records, Collector<EntityPeriod> out) {
            List<EntityPeriod> all = new ArrayList<>();
            for (EntityPeriod r : records) {
                all.add(r);
            }
            // stable: a keyword's own duplicates keep their arrival order
            all.sort(Comparator.comparing((EntityPeriod r) -> r.leafId));
            EntityPeriod sum = all.get(0).plus(ZERO);
            sum.impressions = 0;
            sum.clicks = 0;
            sum.spend = 0;
            sum.sales = 0;
            sum.orders = 0;
            for (EntityPeriod r : all) {
                sum = sum.plus(r);
            }
            EntityPeriod last = all.get(all.size() - 1);
            sum.name = last.name;
            sum.parentId = last.parentId;
            out.collect(sum);
        }
    }

    private static final EntityPeriod ZERO = new EntityPeriod();
}
