package io.ppcanomaly.rootcause;

import static io.ppcanomaly.rootcause.TestAccount.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HierarchyRootCauseAnalyzerTest {

    private final HierarchyRootCauseAnalyzer rca = new HierarchyRootCauseAnalyzer();

    private static List<String> first(List<String> ids, int n) {
        return ids.subList(0, n);
    }

    @Test
    void emptyInputGivesEmptyResult() {
        TestAccount acc = new TestAccount(1, 1, 1, 3, 1);
        assertThat(rca.analyze(new RootCauseInput(acc.graph, List.of(), acc.metrics()))).isEmpty();
        assertThat(rca.analyze(new RootCauseInput(acc.graph, null, null))).isEmpty();
    }

    @Test
    void rejectsAnAnomalyOnAnEntityAbsentFromTheGraph() {
        TestAccount acc = new TestAccount(1, 1, 1, 3, 1);
        EntityAnomaly ghost = new EntityAnomaly("ghost-keyword", day(50), day(50), 0.9, Map.of(), Map.of());
        assertThatThrownBy(() -> rca.analyze(new RootCauseInput(acc.graph, List.of(ghost), acc.metrics())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ghost-keyword'");
    }

    @Test
    void rejectsAPeriodOutsideTheEntitysMetrics() {
        TestAccount acc = new TestAccount(1, 1, 1, 3, 1);
        String kw = acc.keywords.get(0);
        EntityAnomaly late = new EntityAnomaly(kw, day(59), day(70), 0.9, Map.of(), Map.of());
        assertThatThrownBy(() -> rca.analyze(new RootCauseInput(acc.graph, List.of(late), acc.metrics())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(kw).hasMessageContaining("2026-03-12").hasMessageContaining("end");
        EntityAnomaly early = new EntityAnomaly("pf1/c1", day(-3), day(2), 0.9, Map.of(), Map.of());
        assertThatThrownBy(() -> rca.analyze(new RootCauseInput(acc.graph, List.of(early), acc.metrics())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pf1/c1").hasMessageContaining("2025-12-29");
    }

    @Test
    void rejectsAPeriodThatIsNotAWholeDayOfTheMetrics() {
        TestAccount acc = new TestAccount(1, 1, 1, 3, 1);
        String kw = acc.keywords.get(0);
        EntityAnomaly odd = new EntityAnomaly(kw, day(50).plusHours(3), day(50).plusHours(3), 0.9, Map.of(),
                Map.of());
        assertThatThrownBy(() -> rca.analyze(new RootCauseInput(acc.graph, List.of(odd), acc.metrics())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(kw).hasMessageContaining("day");
    }

    @Test
    void rejectsANonFiniteFeatureNamingItAndTheEntity() {
        TestAccount acc = new TestAccount(1, 1, 1, 3, 1);
        String kw = acc.keywords.get(1);
        // EntityAnomaly itself rejects it, so a NaN never reaches the analyzer
        assertThatThrownBy(() -> new EntityAnomaly(kw, day(50), day(50), 0.9, Map.of("cpc", Double.NaN), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 'cpc'")
                .hasMessageContaining(kw).hasMessageContaining("NaN");
    }

    @Test
    void oneKeywordsCpcSpikeWithQuietSiblingsIsItsOwnCause() {
        TestAccount acc = new TestAccount(1, 2, 2, 8, 3);
        String kw = acc.keywords.get(5);
        acc.inject(List.of(kw), 50, 55, 1, 1, 3, 1);
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, acc.anomalies(List.of(kw), 50, 55, 0.95),
                acc.metrics()));
        assertThat(causes).hasSize(1);
        RootCause c = causes.get(0);
        assertThat(c.entity().id()).isEqualTo(kw);
        assertThat(c.kind()).isEqualTo(RootCauseKind.CPC_SPIKE);
        assertThat(c.siblingRatio()).isZero();
        assertThat(c.summary()).startsWith("keyword '").contains("CPC rose").contains("2026-02-20")
                .doesNotContain("\n");
        assertThat(c.contributions()).containsKey("feature:cpc").containsKeys("metric:spend", "metric:clicks");
        assertThat(c.contributions().get("metric:spend")).isGreaterThan(0.5);
    }

    @Test
    void widespreadConversionDropAmongSiblingsBelongsToTheAdGroup() {
        TestAccount acc = new TestAccount(1, 2, 2, 10, 4);
        List<String> kws = acc.keywordsUnder("pf1/c2/ag1");
        acc.inject(kws, 48, 55, 1, 1, 1, 0.15);
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, acc.anomalies(first(kws, 6), 48, 55, 0.9),
                acc.metrics()));
        RootCause top = causes.get(0);
        assertThat(top.entity().id()).isEqualTo("pf1/c2/ag1");
        assertThat(top.kind()).isEqualTo(RootCauseKind.CONVERSION_DROP);
        // kw6's one-day features show only a noisy CTR rise, but its metrics over the span show no CTR move of
        // its own: it is part of the ad group's problem, not a second one.
        assertThat(top.explained()).extracting(EntityAnomaly::entityId).containsExactlyInAnyOrderElementsOf(
                first(kws, 6));
        assertThat(top.siblingRatio()).isCloseTo(4 / 9.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(top.summary()).startsWith("ad group 'Ad group 1.2.1' conversion rate fell")
                .endsWith("explaining 6 keyword alerts");
        assertThat(causes).hasSize(1);
    }

    @Test
    void aKeywordsOwnCpcSpikeInsideABudgetStarvedAdGroupStaysItsOwnCause() {
        TestAccount acc = new TestAccount(1, 2, 2, 10, 21);
        List<String> kws = acc.keywordsUnder("pf1/c1/ag2");
        List<String> starved = new ArrayList<>(kws);
        starved.remove(7);
        acc.inject(starved, 50, 54, 0.3, 1, 1, 1);
        acc.inject(List.of(kws.get(7)), 50, 54, 1, 1, 3, 1);
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, acc.anomalies(kws, 50, 54, 0.9),
                acc.metrics()));
        assertThat(causes).extracting(c -> c.entity().id()).contains("pf1/c1/ag2", kws.get(7));
        RootCause spike = causes.stream().filter(c -> c.entity().id().equals(kws.get(7))).findFirst().orElseThrow();
        assertThat(spike.kind()).isEqualTo(RootCauseKind.CPC_SPIKE);
    }

    @Test
    void siblingRatioMustBeExceededNotMet() {
        // 11 keywords; with 4 anomalous each has 3 of 10 siblings anomalous: 30%, not more than 30%.
        TestAccount acc = new TestAccount(1, 1, 1, 11, 5);
        List<String> kws = acc.keywordsUnder("pf1/c1/ag1");
        acc.inject(kws, 50, 52, 1, 0.2, 1, 1);
        List<RootCause> four = analyzeNoMetrics(acc, first(kws, 4), 50, 52);
        assertThat(four).hasSize(4).allSatisfy(c -> assertThat(c.entity().type()).isEqualTo(EntityType.KEYWORD));
        assertThat(four).allSatisfy(c -> assertThat(c.kind()).isEqualTo(RootCauseKind.CTR_COLLAPSE));
        List<RootCause> five = analyzeNoMetrics(acc, first(kws, 5), 50, 52);
        assertThat(five).hasSize(1);
        assertThat(five.get(0).entity().id()).isEqualTo("pf1/c1/ag1");
        assertThat(five.get(0).siblingRatio()).isEqualTo(0.4);
    }

    private List<RootCause> analyzeNoMetrics(TestAccount acc, List<String> kws, int from, int to) {
        return rca.analyze(new RootCauseInput(acc.graph, acc.anomalies(kws, from, to, 0.9), Map.of()));
    }

    @Test
    void siblingsMovingInDifferentDirectionsAreNotOneProblem() {
        TestAccount acc = new TestAccount(1, 1, 1, 6, 6);
        List<String> kws = acc.keywordsUnder("pf1/c1/ag1");
        acc.inject(first(kws, 2), 50, 52, 1, 1, 3, 1);
        acc.inject(kws.subList(2, 4), 50, 52, 1, 0.2, 1, 1);
        List<RootCause> causes = analyzeNoMetrics(acc, first(kws, 4), 50, 52);
        // Two of six per direction: each keyword sees one of five siblings (20%) moving its way.
        assertThat(causes).hasSize(4).allSatisfy(c -> assertThat(c.entity().type()).isEqualTo(EntityType.KEYWORD));
    }

    @Test
    void aParentWhoseAnomalyStartsAfterItsChildrensCannotBeTheirCause() {
        TestAccount acc = new TestAccount(1, 1, 1, 6, 7);
        List<String> kws = acc.keywordsUnder("pf1/c1/ag1");
        Map<String, Double> f = Map.of("cpc", 0.8);
        List<EntityAnomaly> in = new ArrayList<>();
        for (String k : first(kws, 2)) {
            in.add(new EntityAnomaly(k, day(50), day(53), 0.9, f, Map.of()));
        }
        EntityAnomaly campaign = new EntityAnomaly("pf1/c1", day(52), day(53), 0.9, f, Map.of());
        in.add(campaign);
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, in, Map.of()));
        // The keywords led: they are the causes, and the later campaign anomaly is their effect.
        assertThat(causes).extracting(c -> c.entity().id()).containsExactlyInAnyOrder(kws.get(0), kws.get(1));
        assertThat(causes).filteredOn(c -> c.explained().contains(campaign)).hasSize(1);

        // Widespread this time: the ad group's problem, which still started before the campaign's anomaly.
        List<EntityAnomaly> wide = new ArrayList<>();
        for (String k : first(kws, 5)) {
            wide.add(new EntityAnomaly(k, day(50), day(53), 0.9, f, Map.of()));
        }
        wide.add(campaign);
        List<RootCause> widespread = rca.analyze(new RootCauseInput(acc.graph, wide, Map.of()));
        assertThat(widespread.get(0).entity().id()).isEqualTo("pf1/c1/ag1");
        assertThat(widespread).noneMatch(c -> c.entity().id().equals("pf1/c1") && c.explained().size() > 1);
        assertThat(widespread).flatExtracting(RootCause::explained).hasSize(6);
    }

    @Test
    void aParentThatLeadsItsChildExplainsIt() {
        TestAccount acc = new TestAccount(1, 1, 2, 6, 8);
        String kw = acc.keywordsUnder("pf1/c1/ag2").get(3);
        Map<String, Double> f = Map.of("cpc", 0.8);
        List<EntityAnomaly> in = List.of(new EntityAnomaly(kw, day(52), day(53), 0.9, f, Map.of()),
                new EntityAnomaly("pf1/c1/ag2", day(50), day(53), 0.8, f, Map.of()));
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, in, Map.of()));
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).entity().id()).isEqualTo("pf1/c1/ag2");
        assertThat(causes.get(0).leadPeriods()).isEqualTo(2.0);
        assertThat(causes.get(0).summary()).contains("2 days ahead");
        assertThat(causes.get(0).explained()).hasSize(2);
    }

    @Test
    void aParentMovingWithOnlyOneOfItsChildrenIsThatChildsEffect() {
        TestAccount acc = new TestAccount(1, 1, 2, 6, 9);
        String kw = acc.keywordsUnder("pf1/c1/ag2").get(3);
        Map<String, Double> f = Map.of("cpc", 0.8);
        List<EntityAnomaly> in = List.of(new EntityAnomaly(kw, day(52), day(53), 0.9, f, Map.of()),
                new EntityAnomaly("pf1/c1/ag2", day(52), day(53), 0.8, Map.of("cpc", 0.3), Map.of()));
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, in, Map.of()));
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).entity().id()).isEqualTo(kw);
        assertThat(causes.get(0).explained()).extracting(EntityAnomaly::entityId)
                .containsExactlyInAnyOrder(kw, "pf1/c1/ag2");
    }

    @Test
    void aCampaignWideBudgetCutIsTheCampaignsBudgetExhaustion() {
        TestAccount acc = new TestAccount(2, 3, 3, 6, 10);
        List<String> kws = acc.keywordsUnder("pf2/c3");
        acc.inject(kws, 50, 54, 0.35, 1, 1, 1);
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, acc.anomalies(kws, 50, 54, 0.9),
                acc.metrics()));
        RootCause top = causes.get(0);
        assertThat(top.entity().id()).isEqualTo("pf2/c3");
        assertThat(top.kind()).isEqualTo(RootCauseKind.BUDGET_EXHAUSTION);
        assertThat(top.explained()).hasSize(kws.size());
        assertThat(top.summary()).matches("campaign 'Campaign 2\\.3' lost 6\\d% of impressions from 2026-02-20 "
                + "\\(budget exhaustion\\?\\), explaining 18 keyword alerts");
        assertThat(top.contributions()).hasSize(3).containsKeys("pf2/c3/ag1", "pf2/c3/ag2", "pf2/c3/ag3");
        assertThat(top.confidence()).isGreaterThan(0.7);
    }

    @Test
    void aReportingOutageClimbsToTheProfile() {
        TestAccount acc = new TestAccount(2, 2, 2, 4, 11);
        acc.inject(acc.keywords, 55, 56, 0, 1, 1, 1);
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, acc.anomalies(acc.keywords, 55, 56, 0.9),
                acc.metrics()));
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).entity().id()).isEqualTo("p");
        assertThat(causes.get(0).kind()).isEqualTo(RootCauseKind.REPORTING_OUTAGE);
        assertThat(causes.get(0).explained()).hasSize(acc.keywords.size());
        // Without metrics the features still show it: every ratio exactly at baseline, volumes down.
        List<RootCause> blind = analyzeNoMetrics(acc, acc.keywords, 55, 56);
        assertThat(blind.get(0).entity().id()).isEqualTo("p");
        assertThat(blind.get(0).kind()).isEqualTo(RootCauseKind.REPORTING_OUTAGE);
    }

    @Test
    void oneKeywordsExplodedCpcStaysWithTheKeywordButEveryKeywordsSmallRiseIsTheAdGroups() {
        TestAccount one = new TestAccount(1, 1, 2, 10, 12);
        List<String> kws = one.keywordsUnder("pf1/c1/ag1");
        one.inject(List.of(kws.get(0)), 50, 53, 1, 1, 3, 1);
        List<RootCause> exploded = rca.analyze(new RootCauseInput(one.graph,
                one.anomalies(List.of(kws.get(0)), 50, 53, 0.9), one.metrics()));
        assertThat(exploded.get(0).entity().id()).isEqualTo(kws.get(0));

        TestAccount all = new TestAccount(1, 1, 2, 10, 12);
        all.inject(kws, 50, 53, 1, 1, 1.5, 1);
        // The detector flagged only one keyword; the ad group's other keywords rose as well.
        List<EntityAnomaly> flagged = all.anomalies(List.of(kws.get(0)), 50, 53, 0.9);
        List<RootCause> spread = rca.analyze(new RootCauseInput(all.graph, flagged, all.metrics()));
        assertThat(spread.get(0).entity().id()).isEqualTo("pf1/c1/ag1");
        assertThat(spread.get(0).kind()).isEqualTo(RootCauseKind.CPC_SPIKE);
        // Without metrics there is nothing to tell them apart: one flagged keyword is its own cause.
        List<RootCause> blind = rca.analyze(new RootCauseInput(all.graph, flagged, Map.of()));
        assertThat(blind.get(0).entity().id()).isEqualTo(kws.get(0));
    }

    @Test
    void aCampaignAnomalyExplainsAKeywordTwoLevelsDownWithinTheHops() {
        TestAccount acc = new TestAccount(1, 1, 3, 5, 13);
        String kw = acc.keywordsUnder("pf1/c1/ag3").get(1);
        Map<String, Double> f = Map.of("ctr", -1.0);
        List<EntityAnomaly> in = List.of(new EntityAnomaly(kw, day(51), day(52), 0.9, f, Map.of()),
                new EntityAnomaly("pf1/c1", day(50), day(52), 0.9, f, Map.of()));
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, in, Map.of()));
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).entity().id()).isEqualTo("pf1/c1");
        HierarchyRootCauseAnalyzer oneHop = new HierarchyRootCauseAnalyzer(HierarchyConfig.builder().hops(1).build());
        assertThat(oneHop.analyze(new RootCauseInput(acc.graph, in, Map.of()))).hasSize(2);
    }

    @Test
    void parentsMetricsSummedFromKeywordsMatchTheirOwnSeries() {
        TestAccount acc = new TestAccount(1, 2, 2, 6, 14);
        List<String> kws = acc.keywordsUnder("pf1/c2");
        acc.inject(kws, 50, 53, 0.4, 1, 1, 1);
        List<EntityAnomaly> in = acc.anomalies(kws.subList(0, 8), 50, 53, 0.9);
        List<RootCause> summed = rca.analyze(new RootCauseInput(acc.graph, in, acc.metrics()));
        Map<String, MetricSeries> withParents = new HashMap<>(acc.metrics());
        for (String parent : List.of("pf1/c2", "pf1/c2/ag1", "pf1/c2/ag2", "pf1", "p")) {
            List<MetricSeries> parts = new ArrayList<>();
            for (String k : acc.keywordsUnder(parent)) {
                parts.add(acc.metrics().get(k));
            }
            withParents.put(parent, MetricSeries.sum(parent, Granularity.DAY, parts));
        }
        List<RootCause> given = rca.analyze(new RootCauseInput(acc.graph, in, withParents));
        assertThat(given).hasSameSizeAs(summed);
        for (int i = 0; i < given.size(); i++) {
            assertThat(given.get(i).entity()).isEqualTo(summed.get(i).entity());
            assertThat(given.get(i).kind()).isEqualTo(summed.get(i).kind());
            assertThat(given.get(i).summary()).isEqualTo(summed.get(i).summary());
            assertThat(given.get(i).confidence()).isCloseTo(summed.get(i).confidence(),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(summed.get(0).entity().id()).isEqualTo("pf1/c2");
    }

    @Test
    void incidentsFedTogetherComeOutSeparately() {
        TestAccount acc = new TestAccount(2, 2, 3, 6, 15);
        String spike = acc.keywordsUnder("pf1/c1/ag1").get(2);
        List<String> drop = acc.keywordsUnder("pf1/c2/ag3");
        List<String> budget = acc.keywordsUnder("pf2/c1");
        acc.inject(List.of(spike), 50, 52, 1, 1, 3, 1);
        acc.inject(drop, 45, 50, 1, 1, 1, 0.1);
        acc.inject(budget, 52, 56, 0.3, 1, 1, 1);
        List<EntityAnomaly> in = new ArrayList<>();
        in.addAll(acc.anomalies(List.of(spike), 50, 52, 0.9));
        in.addAll(acc.anomalies(drop, 45, 50, 0.9));
        in.addAll(acc.anomalies(budget, 52, 56, 0.9));
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, in, acc.metrics()));
        assertThat(causes).extracting(c -> c.entity().id())
                .containsExactlyInAnyOrder(spike, "pf1/c2/ag3", "pf2/c1");
        assertThat(causes.get(0).entity().id()).isEqualTo("pf2/c1");
        assertThat(causes).extracting(RootCause::kind).containsExactlyInAnyOrder(RootCauseKind.CPC_SPIKE,
                RootCauseKind.CONVERSION_DROP, RootCauseKind.BUDGET_EXHAUSTION);
    }

    @Test
    void theSameAnomaliesInAnyOrderGiveTheSameCauses() {
        TestAccount acc = new TestAccount(2, 2, 3, 6, 16);
        List<String> kws = new ArrayList<>(acc.keywordsUnder("pf1/c2"));
        acc.inject(kws, 50, 53, 0.4, 1, 1, 1);
        List<EntityAnomaly> in = new ArrayList<>(acc.anomalies(kws, 50, 53, 0.9));
        in.addAll(acc.anomalies(List.of(acc.keywords.get(0), acc.keywords.get(40)), 51, 51, 0.7));
        List<RootCause> a = rca.analyze(new RootCauseInput(acc.graph, in, acc.metrics()));
        Collections.shuffle(in, new Random(3));
        List<RootCause> b = rca.analyze(new RootCauseInput(acc.graph, in, acc.metrics()));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void concurrentCallsOnOneAnalyzerAgree() throws Exception {
        TestAccount acc = new TestAccount(2, 2, 3, 6, 17);
        List<String> kws = acc.keywordsUnder("pf2/c2");
        acc.inject(kws, 50, 53, 0.4, 1, 1, 1);
        RootCauseInput in = new RootCauseInput(acc.graph, acc.anomalies(kws, 50, 53, 0.9), acc.metrics());
        List<RootCause> expected = rca.analyze(in);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RootCause>>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(pool.submit(() -> rca.analyze(in)));
            }
            for (Future<List<RootCause>> f : fs) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCampaignAnomalyWithNoFlaggedChildrenIsTracedDownToTheKeywordThatMovedIt() {
        TestAccount acc = new TestAccount(1, 1, 3, 6, 18);
        String kw = acc.keywordsUnder("pf1/c1/ag2").get(4);
        acc.inject(List.of(kw), 50, 52, 1, 1, 12, 1);
        EntityAnomaly campaign = new EntityAnomaly("pf1/c1", day(50), day(52), 0.8, Map.of("cpc", 0.6), Map.of());
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, List.of(campaign), acc.metrics()));
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).entity().id()).isEqualTo(kw);
        assertThat(causes.get(0).kind()).isEqualTo(RootCauseKind.CPC_SPIKE);
        assertThat(causes.get(0).summary()).contains("traced down from campaign 'Campaign 1.1'");
        assertThat(causes.get(0).explained()).containsExactly(campaign);
        HierarchyRootCauseAnalyzer noDrill = new HierarchyRootCauseAnalyzer(
                HierarchyConfig.builder().drillDown(false).build());
        assertThat(noDrill.analyze(new RootCauseInput(acc.graph, List.of(campaign), acc.metrics())).get(0)
                .entity().id()).isEqualTo("pf1/c1");
    }

    @Test
    void aPartlyFlaggedNoisyBudgetCutStillPointsAtTheCampaign() {
        TestAccount acc = new TestAccount(2, 3, 4, 10, 19);
        List<String> kws = acc.keywordsUnder("pf1/c2");
        acc.inject(kws, 50, 54, 0.3, 1, 1, 1);
        // A detector catches a fifth of the keywords, plus unrelated false positives elsewhere.
        List<String> caught = new ArrayList<>();
        for (int i = 0; i < kws.size(); i += 5) {
            caught.add(kws.get(i));
        }
        List<EntityAnomaly> in = new ArrayList<>(acc.anomalies(caught, 50, 54, 0.8));
        in.addAll(acc.anomalies(List.of(acc.keywords.get(3), acc.keywords.get(150), acc.keywords.get(200)), 50, 50,
                0.6));
        List<RootCause> causes = rca.analyze(new RootCauseInput(acc.graph, in, acc.metrics()));
        assertThat(causes.get(0).entity().id()).isEqualTo("pf1/c2");
        assertThat(causes.get(0).kind()).isEqualTo(RootCauseKind.BUDGET_EXHAUSTION);
        assertThat(causes.get(0).explained()).hasSize(caught.size());
    }

    @Test
    void minimumConfidenceAndMaximumCausesFilterTheList() {
        TestAccount acc = new TestAccount(1, 2, 2, 8, 20);
        List<String> some = List.of(acc.keywords.get(0), acc.keywords.get(9), acc.keywords.get(20));
        for (String k : some) {
            acc.inject(List.of(k), 50, 52, 1, 1, 3, 1);
        }
        RootCauseInput in = new RootCauseInput(acc.graph, acc.anomalies(some, 50, 52, 0.9), acc.metrics());
        assertThat(rca.analyze(in)).hasSize(3).allSatisfy(c -> assertThat(c.confidence()).isBetween(0.0, 1.0));
        HierarchyRootCauseAnalyzer capped = new HierarchyRootCauseAnalyzer(HierarchyConfig.builder().maxCauses(2)
                .build());
        assertThat(capped.analyze(in)).hasSize(2);
        HierarchyRootCauseAnalyzer strict = new HierarchyRootCauseAnalyzer(HierarchyConfig.builder()
                .minConfidence(0.99).build());
        assertThat(strict.analyze(in)).isEmpty();
    }

    private static EntityAnomaly withFeatures(EntityAnomaly a, Map<String, Double> f) {
        return new EntityAnomaly(a.entityId(), a.start(), a.end(), a.score(), f, a.contributions());
    }
}
