package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labelled incidents: where they are, that they keep apart, and that each is unmistakable both in the raw
 * metrics and in the default features, while normal days stay within normal noise.
 */
class IncidentInjectionTest {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentInjectionTest.class);
    private static final FeatureExtractor FX = new FeatureExtractor();

    static Stream<SampleAccount> accounts() {
        return Stream.of(Accounts.standard(), Accounts.of(SampleConfig.DEFAULT.withSeed(7)),
                Accounts.of(SampleConfig.DEFAULT.withSeed(2026)));
    }

    @ParameterizedTest
    @MethodSource("accounts")
    void injectsTheConfiguredIncidentsInTheLastIncidentDays(SampleAccount a) {
        for (IncidentKind kind : IncidentKind.values()) {
            assertThat(a.incidents(kind)).as(kind.name()).hasSize(a.config().incidents(kind));
        }
        LocalDateTime earliest = a.end().minusDays(a.config().incidentDays() - 1L);
        for (Incident i : a.incidents()) {
            assertThat(i.start()).as(i.id()).isAfterOrEqualTo(earliest);
            assertThat(i.end()).as(i.id()).isBeforeOrEqualTo(a.end());
        }
        assertThat(a.incidents()).extracting(Incident::id).doesNotHaveDuplicates();
        assertThat(a.incidents()).isSortedAccordingTo((x, y) -> x.start().compareTo(y.start()));
    }

    @ParameterizedTest
    @MethodSource("accounts")
    void rootsHaveTheKindsLevelAndAffectTheirKeywords(SampleAccount a) {
        EntityGraph g = a.graph();
        for (Incident i : a.incidents()) {
            Entity root = g.get(i.rootEntityId());
            assertThat(root.type()).as(i.id()).isEqualTo(i.kind().rootType());
            Set<String> leaves = Set.copyOf(g.leaves(root.id()).stream().map(Entity::id).toList());
            assertThat(i.affectedKeywordIds()).as(i.id()).isEqualTo(leaves);
        }
    }

    @ParameterizedTest
    @MethodSource("accounts")
    void magnitudesAndDurationsAreRealistic(SampleAccount a) {
        for (Incident i : a.incidents()) {
            switch (i.kind()) {
                case KEYWORD_CPC_SPIKE -> check(i, 2.2, 3.5, 3, 7);
                case KEYWORD_CTR_COLLAPSE -> check(i, 0.08, 0.2, 3, 7);
                case AD_GROUP_CONVERSION_DROP -> check(i, 0.03, 0.08, 4, 7);
                case CAMPAIGN_BUDGET_EXHAUSTION -> check(i, 0.25, 0.4, 3, 6);
                case REPORTING_OUTAGE -> check(i, 0, 0, 1, 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("accounts")
    void incidentsNeverShareEntitiesAtTheSameTime(SampleAccount a) {
        EntityGraph g = a.graph();
        List<Incident> all = a.incidents();
        for (Incident x : all) {
            for (Incident y : all) {
                if (x == y) {
                    continue;
                }
                assertThat(x.rootEntityId()).isNotEqualTo(y.rootEntityId());
                boolean nearInTime = !x.start().minusDays(1).isAfter(y.end()) && !y.start().isAfter(x.end().plusDays(1));
                if (x.kind() == IncidentKind.REPORTING_OUTAGE || y.kind() == IncidentKind.REPORTING_OUTAGE) {
                    assertThat(x.overlapsInTime(y)).as("%s and %s", x.id(), y.id()).isFalse();
                } else if (nearInTime) {
                    assertThat(campaignOf(g, x.rootEntityId())).as("campaigns of %s and %s", x.id(), y.id())
                            .isNotEqualTo(campaignOf(g, y.rootEntityId()));
                    assertThat(Collections.disjoint(x.affectedKeywordIds(), y.affectedKeywordIds())).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4})
    void smallAccountsPlaceEveryIncidentWithoutGivingAKeywordTwoAtOnce(long seed) {
        SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(50).withSeed(seed));
        assertThat(a.incidents()).hasSize(a.config().totalIncidents());
        for (Incident x : a.incidents()) {
            for (Incident y : a.incidents()) {
                if (x != y && x.overlapsInTime(y)) {
                    assertThat(Collections.disjoint(x.affectedKeywordIds(), y.affectedKeywordIds()))
                            .as("%s and %s", x, y).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("accounts")
    void everyIncidentIsUnmistakableInTheRawMetrics(SampleAccount a) {
        for (Incident i : a.incidents()) {
            MetricSeries s = a.series(i.rootEntityId());
            int from = s.indexOf(i.start());
            int to = s.indexOf(i.end());
            int[] before = normalDaysBefore(a, i, 14);
            switch (i.kind()) {
                case KEYWORD_CPC_SPIKE -> assertThat(ratio(s, from, to, before, "spend", "clicks"))
                        .as("CPC during / before, %s", i).isGreaterThanOrEqualTo(2.0);
                case KEYWORD_CTR_COLLAPSE -> assertThat(ratio(s, from, to, before, "clicks", "impressions"))
                        .as("CTR during / before, %s", i).isLessThanOrEqualTo(0.35);
                case AD_GROUP_CONVERSION_DROP -> {
                    assertThat(ratio(s, from, to, before, "orders", "clicks"))
                            .as("CVR during / before, %s", i).isLessThanOrEqualTo(0.25);
                    assertThat(ratio(s, from + 1, to, before, "impressions", null))
                            .as("impressions from day 2 / before, %s", i).isLessThanOrEqualTo(0.7);
                }
                case CAMPAIGN_BUDGET_EXHAUSTION -> {
                    assertThat(ratio(s, from, to, before, "impressions", null))
                            .as("impressions during / before, %s", i).isLessThanOrEqualTo(0.5);
                    assertThat(ratio(s, from, to, before, "spend", "clicks")).as("CPC unchanged, %s", i)
                            .isBetween(0.85, 1.15);
                    assertThat(ratio(s, from, to, before, "clicks", "impressions")).as("CTR unchanged, %s", i)
                            .isBetween(0.8, 1.25);
                }
                case REPORTING_OUTAGE -> {
                    for (String kw : a.keywordIds()) {
                        assertThat(a.series(kw).at(from).impressions() + a.series(kw).at(from).clicks()
                                + a.series(kw).at(from).spend() + a.series(kw).at(from).sales()
                                + a.series(kw).at(from).orders()).as(kw).isZero();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("accounts")
    void theRelevantFeatureMovesClearlyOnIncidentDays(SampleAccount a) {
        FeatureSchema f = FX.schema();
        for (Incident i : a.incidents()) {
            MetricSeries root = a.series(i.rootEntityId());
            switch (i.kind()) {
                case KEYWORD_CPC_SPIKE -> assertThat(meanFeature(root, i, f.indexOf(FeatureSchema.CPC)))
                        .as("cpc, %s", i).isGreaterThanOrEqualTo(0.6);
                // Bars sit at about 1.5x the 99th percentile of |feature| on normal keyword-days (ctr 0.63, cvr
                // 0.39 with the expected-event shrinkage), so an incident stands out of the noise.
                case KEYWORD_CTR_COLLAPSE -> assertThat(meanFeature(root, i, f.indexOf(FeatureSchema.CTR)))
                        .as("ctr, %s", i).isLessThanOrEqualTo(-0.9);
                case AD_GROUP_CONVERSION_DROP -> assertThat(meanFeature(root, i, f.indexOf(FeatureSchema.CVR)))
                        .as("cvr of the ad group, %s", i).isLessThanOrEqualTo(-0.6);
                case CAMPAIGN_BUDGET_EXHAUSTION -> {
                    int imp = f.indexOf(FeatureSchema.IMPRESSIONS);
                    assertThat(meanFeature(root, i, imp)).as("impressions of the campaign, %s", i)
                            .isLessThanOrEqualTo(-0.8);
                    double kw = i.affectedKeywordIds().stream().mapToDouble(k -> meanFeature(a.series(k), i, imp))
                            .average().orElseThrow();
                    assertThat(kw).as("impressions of its keywords on average, %s", i).isLessThanOrEqualTo(-0.8);
                }
                case REPORTING_OUTAGE -> assertThat(meanFeature(root, i, f.indexOf(FeatureSchema.IMPRESSIONS)))
                        .as("impressions of the profile, %s", i).isLessThanOrEqualTo(-7.0);
            }
        }
    }

    @Test
    void normalDaysStayWithinNormalNoise() {
        SampleAccount a = Accounts.standard();
        int features = FX.schema().size();
        List<List<Double>> all = new ArrayList<>();
        List<List<Double>> large = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            all.add(new ArrayList<>());
            large.add(new ArrayList<>());
        }
        int first = a.config().days() - a.config().incidentDays();
        for (String kw : a.keywordIds()) {
            MetricSeries s = a.series(kw);
            double clicks = 0;
            for (int t = 0; t < first; t++) {
                clicks += s.clicks(t);
            }
            boolean isLarge = clicks / first >= IncidentPlanner.CTR_COLLAPSE_MIN_CLICKS;
            for (int t = first; t < s.size(); t++) {
                if (touched(a, kw, s.periodAt(t))) {
                    continue;
                }
                double[] row = FX.window(s, t).lastRow();
                for (int f = 0; f < features; f++) {
                    all.get(f).add(row[f]);
                    if (isLarge) {
                        large.get(f).add(row[f]);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("normal keyword-days of the default account, |feature|:");
        for (int f = 0; f < features; f++) {
            String name = FX.schema().name(f);
            List<Double> abs = all.get(f).stream().map(Math::abs).sorted().toList();
            double p50 = abs.get(abs.size() / 2);
            double p99 = abs.get(abs.size() * 99 / 100);
            table.append(String.format(Locale.ROOT, "%n  %-11s p50 %.3f  p90 %.3f  p99 %.3f  (n=%d)", name, p50,
                    abs.get(abs.size() * 9 / 10), p99, abs.size()));
            assertThat(p50).as("median |%s|", name).isLessThan(0.35);
            assertThat(p99).as("p99 |%s|", name).isLessThan(P99_BOUNDS[f]);
        }
        LOG.info("{}", table);
        // On keywords as large as the ones keyword incidents hit, normal days stay far from the incident bars.
        List<Double> cpc = large.get(FX.schema().indexOf(FeatureSchema.CPC)).stream().sorted().toList();
        List<Double> ctr = large.get(FX.schema().indexOf(FeatureSchema.CTR)).stream().sorted().toList();
        assertThat(cpc).hasSizeGreaterThan(300);
        assertThat(cpc.get(cpc.size() * 99 / 100)).as("p99 of cpc on large keywords").isLessThan(0.3);
        assertThat(ctr.get(ctr.size() / 100)).as("p1 of ctr on large keywords").isGreaterThan(-0.8);
    }

    @Test
    void injectionChangesNothingBeforeAnIncidentNorOutsideItsKeywords() {
        SampleAccount a = Accounts.standard();
        SampleAccount quiet = Accounts.of(SampleConfig.DEFAULT.withoutIncidents());
        assertThat(quiet.incidents()).isEmpty();
        assertThat(quiet.graph().entities()).isEqualTo(a.graph().entities());
        Incident outage = a.incidents(IncidentKind.REPORTING_OUTAGE).get(0);
        for (String kw : a.keywordIds()) {
            MetricSeries s = a.series(kw);
            MetricSeries q = quiet.series(kw);
            LocalDateTime firstChange = a.incidents().stream()
                    .filter(i -> i.kind() != IncidentKind.REPORTING_OUTAGE && i.affectedKeywordIds().contains(kw))
                    .map(Incident::start).min(LocalDateTime::compareTo).orElse(a.end().plusDays(1));
            for (int t = 0; t < s.size(); t++) {
                LocalDateTime p = s.periodAt(t);
                if (p.equals(outage.start()) || !p.isBefore(firstChange)) {
                    continue;
                }
                assertThat(s.at(t)).as("%s at %s", kw, p).isEqualTo(q.at(t));
            }
        }
        String kw = a.incidents(IncidentKind.KEYWORD_CPC_SPIKE).get(0).rootEntityId();
        assertThat(a.incidentAt(kw, a.incidents(IncidentKind.KEYWORD_CPC_SPIKE).get(0).start())).isPresent();
        assertThat(a.incidentAt(kw, a.start())).isEmpty();
    }

    /** Bounds on the 99th percentile of |feature| on normal days, in schema order (ctr, cpc, acos, cvr, ...). */
    private static final double[] P99_BOUNDS = {1.7, 0.2, 0.7, 1.3, 0.6, 0.9};

    /** Durations are never truncated here: incidentDays (30) exceeds every duration, so each fits whole. */
    private static void check(Incident i, double minMagnitude, double maxMagnitude, int minDays, int maxDays) {
        assertThat(i.magnitude()).as(i.id()).isBetween(minMagnitude, maxMagnitude);
        assertThat(i.days()).as(i.id()).isBetween(minDays, maxDays);
    }

    private static String campaignOf(EntityGraph g, String id) {
        Entity e = g.get(id);
        return e.type() == EntityType.CAMPAIGN ? id : g.ancestorOfType(id, EntityType.CAMPAIGN).id();
    }

    /** @return whether an incident changed this keyword within the feature window or baseline ending at p */
    private static boolean touched(SampleAccount a, String kw, LocalDateTime p) {
        int reach = FX.config().windowLength() + FX.config().baselineLength() - 1;
        for (Incident i : a.incidents()) {
            if (i.affectedKeywordIds().contains(kw) && !i.start().isAfter(p) && !i.end().isBefore(p.minusDays(reach))) {
                return true;
            }
        }
        return false;
    }

    /** @return up to n day indices before the incident on which no incident touched any of its keywords */
    private static int[] normalDaysBefore(SampleAccount a, Incident inc, int n) {
        MetricSeries s = a.series(inc.rootEntityId());
        List<Integer> out = new ArrayList<>();
        for (int t = s.indexOf(inc.start()) - 1; t >= 0 && out.size() < n; t--) {
            LocalDateTime p = s.periodAt(t);
            boolean clean = a.incidents().stream().noneMatch(i -> i.activeAt(p)
                    && !Collections.disjoint(i.affectedKeywordIds(), inc.affectedKeywordIds()));
            if (clean) {
                out.add(t);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return (Σ num / Σ den over [from, to]) / (Σ num / Σ den over the normal days); den null means 1 a day */
    private static double ratio(MetricSeries s, int from, int to, int[] before, String num, String den) {
        double n1 = 0;
        double d1 = 0;
        for (int t = from; t <= to; t++) {
            n1 += value(s, num, t);
            d1 += den == null ? 1 : value(s, den, t);
        }
        double n0 = 0;
        double d0 = 0;
        for (int t : before) {
            n0 += value(s, num, t);
            d0 += den == null ? 1 : value(s, den, t);
        }
        return (n1 / d1) / (n0 / d0);
    }

    private static double value(MetricSeries s, String field, int t) {
        return switch (field) {
            case "impressions" -> s.impressions(t);
            case "clicks" -> s.clicks(t);
            case "spend" -> s.spend(t);
            case "orders" -> s.orders(t);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static double meanFeature(MetricSeries s, Incident i, int feature) {
        int from = s.indexOf(i.start());
        int to = s.indexOf(i.end());
        double sum = 0;
        for (int t = from; t <= to; t++) {
            sum += FX.window(s, t).get(FX.config().windowLength() - 1, feature);
        }
        return sum / (to - from + 1);
    }
}
