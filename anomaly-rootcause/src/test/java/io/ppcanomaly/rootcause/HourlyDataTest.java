package io.ppcanomaly.rootcause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HourlyDataTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 0, 0);
    private static final int HOURS = 96;

    private final List<Entity> entities = new ArrayList<>();
    private final Map<String, MetricSeries> metrics = new HashMap<>();

    /** Campaign c with ad groups g1, g2 of 8 keywords each; every keyword of c loses 70% of impressions from hour 80. */
    private EntityGraph account(boolean cut) {
        entities.add(Entity.root("p", EntityType.PROFILE, "Profile"));
        entities.add(new Entity("c", EntityType.CAMPAIGN, "Campaign", "p"));
        entities.add(new Entity("other", EntityType.CAMPAIGN, "Other", "p"));
        SplittableRandom rnd = new SplittableRandom(5);
        for (String camp : List.of("c", "other")) {
            for (int g = 1; g <= 2; g++) {
                String ag = camp + "/g" + g;
                entities.add(new Entity(ag, EntityType.AD_GROUP, ag, camp));
                for (int k = 1; k <= 8; k++) {
                    String id = ag + "/k" + k;
                    entities.add(new Entity(id, EntityType.KEYWORD, id, ag));
                    MetricSeries.Builder b = MetricSeries.builder(id, Granularity.HOUR);
                    for (int h = 0; h < HOURS; h++) {
                        double daily = 0.6 + 0.4 * Math.sin(2 * Math.PI * (h % 24) / 24.0);
                        double m = cut && camp.equals("c") && h >= 80 && h <= 85 ? 0.3 : 1.0;
                        long imps = Math.round(2000 * daily * m * (0.95 + 0.1 * rnd.nextDouble()));
                        long clicks = Math.round(imps * 0.03);
                        long orders = Math.round(clicks * 0.1);
                        b.add(T0.plusHours(h), imps, clicks, clicks * 0.8, orders * 25.0, orders);
                    }
                    metrics.put(id, b.build());
                }
            }
        }
        return EntityGraph.of(entities);
    }

    @Test
    void anHourlyBudgetCutIsTracedToItsCampaignWithADailySeason() {
        EntityGraph graph = account(true);
        FeatureExtractor fx = new FeatureExtractor();
        List<EntityAnomaly> in = new ArrayList<>();
        for (Entity e : graph.leaves("c")) {
            Map<String, Double> f = TestAccount.featuresAt(fx, metrics.get(e.id()), T0.plusHours(80));
            in.add(new EntityAnomaly(e.id(), T0.plusHours(80), T0.plusHours(85), 0.9, f, Map.of()));
        }
        List<RootCause> causes = new HierarchyRootCauseAnalyzer().analyze(new RootCauseInput(graph, in, metrics));
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).entity().id()).isEqualTo("c");
        assertThat(causes.get(0).kind()).isEqualTo(RootCauseKind.BUDGET_EXHAUSTION);
        assertThat(causes.get(0).summary()).contains("from 2026-03-04T08:00").contains("explaining 16 keyword alerts");
    }

    @Test
    void anAnomalyBetweenHoursOfHourlyMetricsIsRejected() {
        EntityGraph graph = account(false);
        EntityAnomaly odd = new EntityAnomaly("c/g1/k1", T0.plusHours(5).plusMinutes(30), T0.plusHours(6), 0.9,
                Map.of(), Map.of());
        assertThatThrownBy(() -> new HierarchyRootCauseAnalyzer().analyze(new RootCauseInput(graph, List.of(odd),
                metrics))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c/g1/k1")
                .hasMessageContaining("hour");
    }

    @Test
    void seriesOfMixedGranularityAreRejectedNamingTheSeries() {
        EntityGraph graph = account(false);
        Map<String, MetricSeries> mixed = new HashMap<>(metrics);
        mixed.put("c/g1/k1", MetricSeries.builder("c/g1/k1", Granularity.DAY).add(T0, 1, 0, 0, 0, 0)
                .add(T0.plusDays(1), 1, 0, 0, 0, 0).build());
        mixed.put("c/g1/k2", MetricSeries.builder("c/g1/k2", Granularity.HOUR).add(T0, 1, 0, 0, 0, 0).build());
        // Which series sets the granularity depends on the map; either way one of the two is named.
        EntityAnomaly a = new EntityAnomaly("c/g1/k1", T0, T0, 0.9, Map.of(), Map.of());
        EntityAnomaly b = new EntityAnomaly("c/g1/k2", T0, T0, 0.9, Map.of(), Map.of());
        assertThatThrownBy(() -> new HierarchyRootCauseAnalyzer().analyze(new RootCauseInput(graph, List.of(a, b),
                mixed))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("granularity of series");
    }
}
