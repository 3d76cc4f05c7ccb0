package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.model.Metrics;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyntheticAccountGeneratorTest {

    private final SampleAccount account = Accounts.standard();

    @Test
    void sameConfigGivesBitIdenticalSeriesAndIncidents() {
        SampleAccount again = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
        assertThat(again.graph().entities()).isEqualTo(account.graph().entities());
        assertThat(again.incidents()).isEqualTo(account.incidents());
        for (String id : account.keywordIds()) {
            Accounts.assertIdentical(account.keywordSeries().get(id), again.keywordSeries().get(id));
        }
    }

    @Test
    void anotherSeedGivesAnotherAccount() {
        SampleAccount other = Accounts.of(SampleConfig.DEFAULT.withSeed(7));
        assertThat(Accounts.digest(other)).isNotEqualTo(Accounts.digest(account));
        assertThat(other.incidents()).isNotEqualTo(account.incidents());
        assertThat(other.graph().entities()).isNotEqualTo(account.graph().entities());
    }

    @Test
    void outputDoesNotDependOnTheThreadCount() throws Exception {
        SampleConfig big = SampleConfig.builder().keywords(AccountLayout.PARALLEL_THRESHOLD).days(10)
                .incidentDays(5).noIncidents().cpcSpikes(1).reportingOutages(1).build();
        long parallel = Accounts.digest(SyntheticAccountGenerator.generate(big));
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            Future<SampleAccount> f = single.submit(() -> SyntheticAccountGenerator.generate(big));
            assertThat(Accounts.digest(f.get())).isEqualTo(parallel);
        } finally {
            single.shutdown();
        }
    }

    @Test
    void everyObservationIsValidWithMoneyInCents() {
        for (MetricSeries s : account.keywordSeries().values()) {
            for (int i = 0; i < s.size(); i++) {
                Metrics m = s.at(i);
                Metrics.validate(s.entityId(), m.impressions(), m.clicks(), m.spend(), m.sales(), m.orders());
                assertThat(m.orders()).isLessThanOrEqualTo(m.clicks());
                assertThat(Math.round(m.spend() * 100) / 100.0).isEqualTo(m.spend());
                assertThat(Math.round(m.sales() * 100) / 100.0).isEqualTo(m.sales());
                assertThat(m.spend() > 0).isEqualTo(m.clicks() > 0);
                assertThat(m.sales() > 0).isEqualTo(m.orders() > 0);
            }
        }
    }

    @Test
    void hierarchyIsOneProfileOverTheConfiguredPortfolios() {
        EntityGraph g = account.graph();
        assertThat(g.roots()).extracting(Entity::id, Entity::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pr-01", EntityType.PROFILE));
        assertThat(g.children("pr-01")).hasSize(3).allMatch(e -> e.type() == EntityType.PORTFOLIO);
        for (Entity pf : g.children("pr-01")) {
            assertThat(g.children(pf.id())).as(pf.id()).hasSizeBetween(5, 8)
                    .allMatch(e -> e.type() == EntityType.CAMPAIGN && e.name().startsWith("SP - "));
        }
        for (Entity c : g.entities(EntityType.CAMPAIGN)) {
            assertThat(g.children(c.id())).as(c.id()).hasSizeBetween(3, 6)
                    .allMatch(e -> e.type() == EntityType.AD_GROUP);
            assertThat(c.name()).matches("SP - .+ - (Exact|Phrase|Broad|Auto)( \\d+)?");
        }
        List<Entity> adGroups = g.entities(EntityType.AD_GROUP);
        for (Entity a : adGroups) {
            assertThat(g.children(a.id())).isNotEmpty().allMatch(e -> e.type() == EntityType.KEYWORD);
        }
        assertThat(g.entities(EntityType.KEYWORD)).hasSize(1000)
                .allMatch(k -> k.name().equals(k.name().toLowerCase()) && !k.name().isBlank());
        assertThat(1000.0 / adGroups.size()).isBetween(9.0, 14.0);
    }

    @Test
    void idsAreStableReadableAndUnique() {
        EntityGraph g = account.graph();
        assertThat(g.entities(EntityType.PORTFOLIO)).extracting(Entity::id).containsExactly("pf-01", "pf-02", "pf-03");
        assertThat(g.entities(EntityType.CAMPAIGN)).extracting(Entity::id).allMatch(id -> id.matches("cp-\\d{2}-\\d{2}"))
                .contains("cp-01-01", "cp-03-05");
        assertThat(g.entities(EntityType.AD_GROUP)).extracting(Entity::id)
                .allMatch(id -> id.matches("ag-\\d{2}-\\d{2}-\\d{2}")).contains("ag-01-01-01");
        assertThat(account.keywordIds()).hasSize(1000).startsWith("kw-000001").endsWith("kw-001000");
        Set<String> ids = new HashSet<>();
        g.entities().forEach(e -> assertThat(ids.add(e.id())).as(e.id()).isTrue());
        for (Entity a : g.entities(EntityType.AD_GROUP)) {
            assertThat(a.id()).startsWith("ag-" + a.parentId().substring(3) + "-");
        }
    }

    @Test
    void keywordSeriesFollowTheGraphOrderAndCoverEveryDay() {
        List<String> graphOrder = account.graph().entities(EntityType.KEYWORD).stream().map(Entity::id).toList();
        assertThat(new ArrayList<>(account.keywordSeries().keySet())).isEqualTo(graphOrder);
        assertThat(account.keywordIds()).isEqualTo(graphOrder);
        assertThat(account.granularity()).isEqualTo(Granularity.DAY);
        assertThat(account.start()).isEqualTo(SampleConfig.DEFAULT_START.atStartOfDay());
        assertThat(account.end()).isEqualTo(account.start().plusDays(89));
        assertThat(account.periods()).hasSize(90).startsWith(account.start()).endsWith(account.end());
        account.keywordSeries().forEach((id, s) -> {
            assertThat(s.entityId()).isEqualTo(id);
            assertThat(s.start()).isEqualTo(account.start());
            assertThat(s.size()).isEqualTo(90);
        });
        assertThatThrownBy(() -> account.keywordSeries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void layoutScalesToLargeAccountsWithTensOfKeywordsPerAdGroup() {
        AccountLayout big = AccountLayout.create(SampleConfig.DEFAULT.withKeywords(100_000));
        double perAdGroup = 100_000.0 / big.adGroups;
        assertThat(perAdGroup).isBetween(10.0, 40.0);
        assertThat(big.campaigns).isBetween(big.adGroups / 7, big.adGroups / 3);
        for (int a = 0; a < big.adGroups; a++) {
            assertThat(big.adGroupFirstKeyword[a + 1]).isGreaterThan(big.adGroupFirstKeyword[a]);
        }
        assertThat(big.keywordIds[0]).isEqualTo("kw-000001");
        assertThat(big.keywordIds[99_999]).isEqualTo("kw-100000");
        assertThat(big.graph.size()).isEqualTo(1 + 3 + big.campaigns + big.adGroups + 100_000);
        assertThat(AccountLayout.keywordId(0, 1_000_000)).as("ids widen with the account").isEqualTo("kw-0000001");
        assertThat(AccountLayout.keywordId(999_999, 1_000_000)).isEqualTo("kw-1000000");
    }

    @Test
    void volumesAreHeavyTailedWithMostKeywordsSmall() {
        double[] daily = account.keywordSeries().values().stream().mapToDouble(s -> mean(s, 0, 60)).sorted()
                .toArray();
        double total = Arrays.stream(daily).sum();
        double top = Arrays.stream(daily, 900, 1000).sum();
        assertThat(top / total).as("share of the top 10%% of keywords").isGreaterThan(0.5);
        assertThat(daily[500]).as("median daily impressions").isBetween(40.0, 160.0);
        assertThat(daily[999]).as("largest keyword").isGreaterThan(2_000.0);
        assertThat(Arrays.stream(daily).filter(d -> d < 100).count()).as("keywords under 100 a day")
                .isGreaterThan(500);
    }

    @Test
    void accountKpisAreThoseOfARealSponsoredProductsAccount() {
        MetricSeries p = account.series("pr-01");
        double imp = 0;
        double clk = 0;
        double spend = 0;
        double sales = 0;
        double orders = 0;
        for (int i = 0; i < 60; i++) {
            imp += p.impressions(i);
            clk += p.clicks(i);
            spend += p.spend(i);
            sales += p.sales(i);
            orders += p.orders(i);
        }
        assertThat(clk / imp).as("CTR").isBetween(0.004, 0.015);
        assertThat(spend / clk).as("CPC").isBetween(0.5, 2.5);
        assertThat(orders / clk).as("CVR").isBetween(0.05, 0.15);
        assertThat(sales / orders).as("order value").isBetween(15.0, 80.0);
        assertThat(spend / sales).as("ACOS").isBetween(0.15, 0.6);
    }

    @Test
    void weeklySeasonalityIsVisibleInEveryPortfolio() {
        for (Entity pf : account.graph().entities(EntityType.PORTFOLIO)) {
            MetricSeries s = account.series(pf.id());
            double[] byDay = new double[7];
            for (int i = 0; i < 56; i++) {
                byDay[s.periodAt(i).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()] += s.impressions(i) / 8.0;
            }
            double max = Arrays.stream(byDay).max().orElseThrow();
            double min = Arrays.stream(byDay).min().orElseThrow();
            assertThat(max / min).as("weekly swing of %s", pf.id()).isBetween(1.12, 1.6);
        }
    }

    @Test
    void parentSeriesAreTheSumsOfTheirKeywords() {
        EntityGraph g = account.graph();
        for (String id : List.of("pr-01", "pf-02", "cp-01-01", "ag-03-02-01")) {
            MetricSeries parent = account.series(id);
            List<Entity> leaves = g.leaves(id);
            assertThat(parent.entityId()).isEqualTo(id);
            assertThat(parent.size()).isEqualTo(90);
            for (int i = 0; i < 90; i++) {
                long imp = 0;
                double spend = 0;
                long orders = 0;
                for (Entity k : leaves) {
                    MetricSeries s = account.series(k.id());
                    imp += s.impressions(i);
                    spend += s.spend(i);
                    orders += s.orders(i);
                }
                assertThat(parent.impressions(i)).isEqualTo(imp);
                assertThat(parent.orders(i)).isEqualTo(orders);
                assertThat(parent.spend(i)).isCloseTo(spend, org.assertj.core.api.Assertions.within(1e-6));
            }
        }
    }

    @Test
    void aggregateSeriesAreCachedOnceForAllThreads() throws Exception {
        SampleAccount fresh = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(300).withoutIncidents());
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            List<Future<MetricSeries>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> fresh.series("pf-01")));
            }
            MetricSeries first = results.get(0).get();
            for (Future<MetricSeries> f : results) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(fresh.series("kw-000001")).isSameAs(fresh.keywordSeries().get("kw-000001"));
    }

    @Test
    void unknownEntitiesAreRejected() {
        assertThatThrownBy(() -> account.series("cp-99-99")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cp-99-99");
    }

    @Test
    void smallAccountsStillGetEveryIncident() {
        SampleAccount small = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(60));
        assertThat(small.incidents()).hasSize(11);
        assertThat(small.keywordIds()).hasSize(60);
        assertThat(SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(3).withoutIncidents())
                .graph().entities(EntityType.CAMPAIGN)).hasSize(3);
    }

    @Test
    void incidentsThatCannotFitFailWithAClearMessage() {
        assertThatThrownBy(() -> SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("incident counts must fit the account, got no room for KEYWORD_")
                .hasMessageContaining("keywords=3");
    }

    private static double mean(MetricSeries s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += s.impressions(i);
        }
        return sum / (to - from);
    }
}
