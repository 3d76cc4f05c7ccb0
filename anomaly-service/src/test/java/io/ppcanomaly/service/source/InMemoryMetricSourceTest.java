package io.ppcanomaly.service.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryMetricSourceTest {

    private static final LocalDateTime D = LocalDateTime.of(2026, 3, 1, 0, 0);

    private static MetricSeries series(String id, int days) {
        MetricSeries.Builder b = MetricSeries.builder(id, Granularity.DAY);
        for (int d = 0; d < days; d++) {
            b.add(D.plusDays(d), 100, 5, 2, 10, 1);
        }
        return b.build();
    }

    private static EntityGraph graph() {
        return EntityGraph.of(List.of(Entity.root("us", EntityType.PROFILE, "US"),
                Entity.root("uk", EntityType.PROFILE, "UK"),
                new Entity("c1", EntityType.CAMPAIGN, "C1", "us"), new Entity("g1", EntityType.AD_GROUP, "G1", "c1"),
                new Entity("k1", EntityType.KEYWORD, "k1", "g1"),
                new Entity("c2", EntityType.CAMPAIGN, "C2", "uk"), new Entity("g2", EntityType.AD_GROUP, "G2", "c2"),
                new Entity("k2", EntityType.KEYWORD, "k2", "g2")));
    }

    @Test
    void aProfileSelectsItsSubtreeAndUntilCutsEverySeries() {
        InMemoryMetricSource src = InMemoryMetricSource.of(graph(), Granularity.DAY,
                Map.of("k1", series("k1", 10), "k2", series("k2", 10)));
        AccountData us = src.load(new MetricQuery("us", D.plusDays(3)));
        assertThat(us.graph().entities()).extracting(Entity::id).containsExactlyInAnyOrder("us", "c1", "g1", "k1");
        assertThat(us.leafMetrics()).containsOnlyKeys("k1");
        assertThat(us.leafMetrics().get("k1").size()).isEqualTo(4);
        assertThat(src.load(MetricQuery.ALL).leafMetrics().get("k2").size()).isEqualTo(10);
        assertThat(src.load(new MetricQuery(null, D.minusDays(1))).leafMetrics()).isEmpty();
    }

    @Test
    void rejectsAnUnknownProfileAndMetricsOnAParent() {
        InMemoryMetricSource src = InMemoryMetricSource.of(graph(), Granularity.DAY, Map.of("k1", series("k1", 3)));
        assertThatThrownBy(() -> src.load(new MetricQuery("de", null)))
                .hasMessage("profile must be one of [us, uk] in in-memory account, got 'de'");
        assertThatThrownBy(() -> InMemoryMetricSource.of(graph(), Granularity.DAY, Map.of("c1", series("c1", 3))))
                .hasMessageContaining("metrics must be given for leaves only").hasMessageContaining("campaign 'c1'");
        assertThatThrownBy(() -> InMemoryMetricSource.of(graph(), Granularity.HOUR, Map.of("k1", series("k1", 3))))
                .hasMessage("granularity of series 'k1' must be HOUR, got DAY");
    }
}
