package io.ppcanomaly.bench;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A generated account of any size for the root-cause benchmark: 1 profile → 10 portfolios → one campaign per
 * 1,000 keywords → 50 ad groups per campaign → 20 keywords per ad group, with daily metrics and a fixed mix of
 * anomalies:
 * <ul>
 *   <li>half the anomalous keywords are whole campaigns losing impressions (budget exhaustion: the cause is
 *       the campaign);</li>
 *   <li>a fifth are whole ad groups whose CPC rose (the cause is the ad group);</li>
 *   <li>the rest are single keywords with a CPC spike, scattered (each its own cause).</li>
 * </ul>
 * Metrics are given for every keyword of every ad group or campaign an anomaly touches (what decomposition
 * reads), not for the whole account, since the analysis must cost what the anomalies touch, not the graph.
 */
public final class LargeAccount {

    /** Days of metrics per series. */
    public static final int DAYS = 35;
    /** Day the incidents start (0-based). */
    public static final int INCIDENT_DAY = 30;
    /** First day of the series. */
    public static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);

    private static final int KEYWORDS_PER_AD_GROUP = 20;
    private static final int AD_GROUPS_PER_CAMPAIGN = 50;
    private static final int KEYWORDS_PER_CAMPAIGN = KEYWORDS_PER_AD_GROUP * AD_GROUPS_PER_CAMPAIGN;
    private static final int PORTFOLIOS = 10;

    private final EntityGraph graph;
    private final List<EntityAnomaly> anomalies;
    private final Map<String, MetricSeries> metrics;

    private LargeAccount(EntityGraph graph, List<EntityAnomaly> anomalies, Map<String, MetricSeries> metrics) {
        this.graph = graph;
        this.anomalies = anomalies;
        this.metrics = metrics;
    }

    /** @return the hierarchy */
    public EntityGraph graph() {
        return graph;
    }

    /** @return the anomalous keywords */
    public List<EntityAnomaly> anomalies() {
        return anomalies;
    }

    /** @return daily metrics of the keywords the anomalies touch */
    public Map<String, MetricSeries> metrics() {
        return metrics;
    }

    /**
     * @param keywords          keywords in the account, a multiple of 1,000 and at least 10,000
     * @param anomalousKeywords anomalous keywords, a multiple of 1,000, at most a tenth of the keywords, and few
     *                          enough that the scattered ones (30%) and the touched ad groups fill at most half the
     *                          ad groups
     * @param seed              seed of the metrics
     */
    public static LargeAccount generate(int keywords, int anomalousKeywords, long seed) {
        if (keywords < 10_000 || keywords % KEYWORDS_PER_CAMPAIGN != 0) {
            throw new IllegalArgumentException("keywords must be a multiple of 1000 and >= 10000, got " + keywords);
        }
        if (anomalousKeywords % 1000 != 0 || anomalousKeywords > keywords / 10) {
            throw new IllegalArgumentException("anomalousKeywords must be a multiple of 1000 and <= keywords / 10, got "
                    + anomalousKeywords);
        }
        int campaigns = keywords / KEYWORDS_PER_CAMPAIGN;
        List<Entity> entities = new ArrayList<>(keywords + keywords / KEYWORDS_PER_AD_GROUP + campaigns + 11);
        entities.add(Entity.root("p", EntityType.PROFILE, "profile"));
        for (int p = 0; p < PORTFOLIOS; p++) {
            entities.add(new Entity("pf" + p, EntityType.PORTFOLIO, null, "p"));
        }
        for (int c = 0; c < campaigns; c++) {
            entities.add(new Entity(campaign(c), EntityType.CAMPAIGN, null, "pf" + (c % PORTFOLIOS)));
            for (int a = 0; a < AD_GROUPS_PER_CAMPAIGN; a++) {
                int ag = c * AD_GROUPS_PER_CAMPAIGN + a;
                entities.add(new Entity(adGroup(ag), EntityType.AD_GROUP, null, campaign(c)));
                for (int k = 0; k < KEYWORDS_PER_AD_GROUP; k++) {
                    entities.add(new Entity(keyword(ag * KEYWORDS_PER_AD_GROUP + k), EntityType.KEYWORD, null,
                            adGroup(ag)));
                }
            }
        }
        EntityGraph graph = EntityGraph.of(entities);

        SplittableRandom rnd = new SplittableRandom(seed);
        int budgetCampaigns = anomalousKeywords / 2 / KEYWORDS_PER_CAMPAIGN;
        int cpcAdGroups = anomalousKeywords / 5 / KEYWORDS_PER_AD_GROUP;
        int scattered = anomalousKeywords - budgetCampaigns * KEYWORDS_PER_CAMPAIGN - cpcAdGroups * KEYWORDS_PER_AD_GROUP;
        int adGroups = keywords / KEYWORDS_PER_AD_GROUP;
        if (budgetCampaigns * AD_GROUPS_PER_CAMPAIGN + cpcAdGroups + scattered > adGroups / 2) {
            throw new IllegalArgumentException("anomalousKeywords must leave each scattered keyword its own ad group"
                    + " with room to spare (" + adGroups + " ad groups), got " + anomalousKeywords);
        }
        Map<Integer, Kind> kinds = new HashMap<>();
        Set<Integer> touchedAdGroups = new LinkedHashSet<>();
        // Budget campaigns: the first ones, spread over portfolios.
        for (int c = 0; c < budgetCampaigns; c++) {
            for (int a = 0; a < AD_GROUPS_PER_CAMPAIGN; a++) {
                int ag = c * AD_GROUPS_PER_CAMPAIGN + a;
                touchedAdGroups.add(ag);
                for (int k = 0; k < KEYWORDS_PER_AD_GROUP; k++) {
                    kinds.put(ag * KEYWORDS_PER_AD_GROUP + k, Kind.BUDGET);
                }
            }
        }
        // CPC ad groups: one per campaign after the budget ones.
        for (int i = 0; i < cpcAdGroups; i++) {
            int c = budgetCampaigns + (i % (campaigns - budgetCampaigns));
            int ag = c * AD_GROUPS_PER_CAMPAIGN + (i / (campaigns - budgetCampaigns)) % AD_GROUPS_PER_CAMPAIGN;
            touchedAdGroups.add(ag);
            for (int k = 0; k < KEYWORDS_PER_AD_GROUP; k++) {
                kinds.put(ag * KEYWORDS_PER_AD_GROUP + k, Kind.AD_GROUP_CPC);
            }
        }
        // Scattered keywords: one at a time, in ad groups nobody else touched.
        int placed = 0;
        while (placed < scattered) {
            int kw = budgetCampaigns * KEYWORDS_PER_CAMPAIGN
                    + rnd.nextInt(keywords - budgetCampaigns * KEYWORDS_PER_CAMPAIGN);
            int ag = kw / KEYWORDS_PER_AD_GROUP;
            if (kinds.containsKey(kw) || touchedAdGroups.contains(ag)) {
                continue;
            }
            kinds.put(kw, Kind.KEYWORD_CPC);
            touchedAdGroups.add(ag);
            placed++;
        }
        List<EntityAnomaly> anomalies = new ArrayList<>(kinds.size());
        Map<String, MetricSeries> metrics = new HashMap<>(touchedAdGroups.size() * KEYWORDS_PER_AD_GROUP * 2);
        LocalDateTime incident = START.plusDays(INCIDENT_DAY);
        LocalDateTime end = START.plusDays(DAYS - 1);
        for (int ag : touchedAdGroups) {
            for (int k = 0; k < KEYWORDS_PER_AD_GROUP; k++) {
                int kw = ag * KEYWORDS_PER_AD_GROUP + k;
                Kind kind = kinds.get(kw);
                metrics.put(keyword(kw), series(keyword(kw), kind, rnd));
                if (kind != null) {
                    anomalies.add(new EntityAnomaly(keyword(kw), incident, end, 0.95 + 0.05 * rnd.nextDouble(),
                            kind.features(), Map.of()));
                }
            }
        }
        return new LargeAccount(graph, List.copyOf(anomalies), metrics);
    }

    private static MetricSeries series(String id, Kind kind, SplittableRandom rnd) {
        MetricSeries.Builder b = MetricSeries.builder(id, Granularity.DAY);
        double base = 50 + rnd.nextInt(500);
        double ctr = 0.01 + 0.02 * rnd.nextDouble();
        double cpc = 0.5 + rnd.nextDouble();
        for (int d = 0; d < DAYS; d++) {
            double impressions = Math.rint(base * (0.9 + 0.2 * rnd.nextDouble()));
            double cpcToday = cpc * (0.95 + 0.1 * rnd.nextDouble());
            if (d >= INCIDENT_DAY && kind == Kind.BUDGET) {
                impressions = Math.rint(impressions * 0.2);
            }
            if (d >= INCIDENT_DAY && (kind == Kind.AD_GROUP_CPC || kind == Kind.KEYWORD_CPC)) {
                cpcToday *= 3;
            }
            double clicks = Math.rint(impressions * ctr);
            double spend = clicks * cpcToday;
            double orders = Math.rint(clicks * 0.1);
            b.add(START.plusDays(d), impressions, clicks, spend, orders * 25, orders);
        }
        return b.build();
    }

    static String campaign(int c) {
        return "c" + c;
    }

    static String adGroup(int a) {
        return "a" + a;
    }

    static String keyword(int k) {
        return "k" + k;
    }

    private enum Kind {
        BUDGET(Map.of(FeatureSchema.IMPRESSIONS, -1.6, FeatureSchema.SPEND, -1.6)),
        AD_GROUP_CPC(Map.of(FeatureSchema.CPC, 1.1, FeatureSchema.SPEND, 1.1)),
        KEYWORD_CPC(Map.of(FeatureSchema.CPC, 1.1, FeatureSchema.SPEND, 1.1));

        private final Map<String, Double> features;

        Kind(Map<String, Double> features) {
            this.features = features;
        }

        Map<String, Double> features() {
            return features;
        }
    }
}
