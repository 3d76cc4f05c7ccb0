package io.ppcanomaly.bench;

import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.model.EntityType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LargeAccountTest {

    @Test
    void generatesTheAnnouncedMixAndTheAnalyzerFoldsItIntoCampaignAdGroupAndKeywordCauses() {
        LargeAccount a = LargeAccount.generate(50_000, 2_000, 7);
        assertThat(a.graph().entities(EntityType.KEYWORD)).hasSize(50_000);
        assertThat(a.anomalies()).hasSize(2_000);
        // 1 budget campaign (1,000 keywords), 20 CPC ad groups (400 keywords), 600 scattered keywords:
        // metrics for 50 + 20 + 600 ad groups of 20 keywords.
        assertThat(a.metrics()).hasSize((50 + 20 + 600) * 20);
        List<RootCause> causes = RootCauseAnalyzers.create("hierarchy", null)
                .analyze(new RootCauseInput(a.graph(), a.anomalies(), a.metrics()));
        Map<EntityType, Long> byLevel = causes.stream()
                .collect(Collectors.groupingBy(c -> c.entity().type(), Collectors.counting()));
        assertThat(byLevel.getOrDefault(EntityType.CAMPAIGN, 0L)).isGreaterThanOrEqualTo(1);
        assertThat(byLevel.getOrDefault(EntityType.AD_GROUP, 0L)).isGreaterThanOrEqualTo(1);
        assertThat(byLevel.getOrDefault(EntityType.KEYWORD, 0L)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesMoreScatteredAnomaliesThanAdGroupsCanHold() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LargeAccount.generate(10_000, 1_000, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(500 ad groups), got 1000");
    }

    @Test
    void sameSeedSameAccount() {
        LargeAccount a = LargeAccount.generate(50_000, 1_000, 3);
        LargeAccount b = LargeAccount.generate(50_000, 1_000, 3);
        assertThat(a.anomalies()).isEqualTo(b.anomalies());
        Function<LargeAccount, Double> spend = x -> x.metrics().values().stream()
                .mapToDouble(s -> s.spend(0)).sum();
        assertThat(spend.apply(a)).isEqualTo(spend.apply(b));
    }
}
