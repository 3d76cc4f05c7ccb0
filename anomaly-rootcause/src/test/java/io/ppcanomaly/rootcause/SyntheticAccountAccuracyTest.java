package io.ppcanomaly.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-1 accuracy on the labelled incidents of the synthetic account ({@link SyntheticAccountGenerator}), with the
 * true anomalous keywords as input: for each incident its affected keywords over its days, with the features of
 * each keyword's most anomalous day from {@link FeatureExtractor}, and the keywords' metrics. Generated data, no
 * data directory; fast enough for the default run.
 */
class SyntheticAccountAccuracyTest {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticAccountAccuracyTest.class);
    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private final HierarchyRootCauseAnalyzer rca = new HierarchyRootCauseAnalyzer();

    /** One generated account and the labelled anomalies of each of its incidents. */
    private record Case(long seed, SampleAccount account, Map<Incident, List<EntityAnomaly>> anomalies) {
    }

    /** Generated once for both tests: generation, not analysis, is what takes the time here. */
    private static List<Case> cases;

    @BeforeAll
    static void generate() {
        FeatureExtractor fx = new FeatureExtractor();
        cases = new ArrayList<>();
        for (long seed : SEEDS) {
            SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withSeed(seed));
            Map<Incident, List<EntityAnomaly>> byIncident = new LinkedHashMap<>();
            for (Incident inc : account.incidents()) {
                byIncident.put(inc, labelledAnomalies(account, inc, fx));
            }
            cases.add(new Case(seed, account, byIncident));
        }
    }

    /** The anomalies of one incident: each affected keyword over the incident's days. */
    static List<EntityAnomaly> labelledAnomalies(SampleAccount account, Incident inc, FeatureExtractor fx) {
        List<EntityAnomaly> out = new ArrayList<>();
        for (String kw : inc.affectedKeywordIds()) {
            MetricSeries s = account.keywordSeries().get(kw);
            Map<String, Double> best = null;
            double bestNorm = -1;
            for (LocalDateTime t = inc.start(); !t.isAfter(inc.end()); t = t.plusDays(1)) {
                FeatureWindow w = fx.window(s, t);
                double[] row = w.lastRow();
                double norm = 0;
                for (double v : row) {
                    norm += v * v;
                }
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = new LinkedHashMap<>();
                    for (int i = 0; i < row.length; i++) {
                        best.put(w.schema().name(i), row[i]);
                    }
                }
            }
            out.add(new EntityAnomaly(kw, inc.start(), inc.end(), 1.0, best, Map.of()));
        }
        return out;
    }

    @Test
    void eachIncidentAloneIsTracedToItsTrueRootEntity() {
        int total = 0;
        int correct = 0;
        int kinds = 0;
        for (Case k : cases) {
            long seed = k.seed;
            SampleAccount account = k.account;
            for (Incident inc : account.incidents()) {
                List<RootCause> causes = rca.analyze(new RootCauseInput(account.graph(), k.anomalies.get(inc),
                        account.keywordSeries()));
                total++;
                RootCause top = causes.get(0);
                boolean ok = top.entity().id().equals(inc.rootEntityId());
                correct += ok ? 1 : 0;
                kinds += top.kind() == inc.kind().rootCauseKind() ? 1 : 0;
                if (!ok || top.kind() != inc.kind().rootCauseKind()) {
                    LOG.info("seed {} {} {} root {} ({} keywords): got {} -> {}", seed, inc.id(), inc.kind(),
                            inc.rootEntityId(), inc.affectedKeywordIds().size(), top.entity().id(), top.summary());
                }
            }
        }
        double acc = correct / (double) total;
        LOG.info("incidents alone: top-1 root entity {}/{} = {}%, kind {}/{}", correct, total,
                String.format("%.1f", 100 * acc), kinds, total);
        assertThat(acc).isGreaterThanOrEqualTo(0.9);
        assertThat(kinds / (double) total).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * {@link HierarchyRootCauseAnalyzer#historyBefore}: the metrics cut to start that many periods before the
     * earliest anomaly give the same causes as the whole series (and cut one period later, they need not).
     */
    @Test
    void theMetricsFromHistoryBeforeTheEarliestStartGiveTheSameCauses() {
        for (HierarchyRootCauseAnalyzer a : List.of(rca, new HierarchyRootCauseAnalyzer(HierarchyConfig.builder()
                .seasonPeriods(5).seasons(3).build()))) {
            int before = a.historyBefore(Granularity.DAY).orElseThrow();
            assertThat(before).isEqualTo(a.config().seasons() * a.config().seasonFor(Granularity.DAY));
            for (Case k : cases) {
                List<EntityAnomaly> all = new ArrayList<>();
                k.anomalies.values().forEach(all::addAll);
                LocalDateTime first = all.stream().map(EntityAnomaly::start).min(LocalDateTime::compareTo)
                        .orElseThrow().minusDays(before);
                Map<String, MetricSeries> cut = new LinkedHashMap<>();
                k.account.keywordSeries().forEach((id, s) -> cut.put(id, from(s, first)));
                assertThat(a.analyze(new RootCauseInput(k.account.graph(), all, cut)))
                        .as("seed %d", k.seed)
                        .isEqualTo(a.analyze(new RootCauseInput(k.account.graph(), all, k.account.keywordSeries())));
            }
        }
    }

    /** @return the series from {@code first} on (all of it when it starts later) */
    private static MetricSeries from(MetricSeries s, LocalDateTime first) {
        int skip = (int) Math.max(0, s.granularity().between(s.start(), first));
        MetricSeries.Builder b = MetricSeries.builder(s.entityId(), s.granularity());
        for (int i = skip; i < s.size(); i++) {
            b.add(s.periodAt(i), s.impressions(i), s.clicks(i), s.spend(i), s.sales(i), s.orders(i));
        }
        return b.build();
    }

    @Test
    void allIncidentsOfAnAccountFedTogetherComeOutAsSeparateCorrectCauses() {
        int total = 0;
        int correct = 0;
        int pure = 0;
        for (Case k : cases) {
            long seed = k.seed;
            SampleAccount account = k.account;
            List<EntityAnomaly> all = new ArrayList<>();
            Map<Incident, Set<EntityAnomaly>> byIncident = new LinkedHashMap<>();
            for (Map.Entry<Incident, List<EntityAnomaly>> e : k.anomalies.entrySet()) {
                all.addAll(e.getValue());
                byIncident.put(e.getKey(), new HashSet<>(e.getValue()));
            }
            List<RootCause> causes = rca.analyze(new RootCauseInput(account.graph(), all, account.keywordSeries()));
            for (Map.Entry<Incident, Set<EntityAnomaly>> e : byIncident.entrySet()) {
                Incident inc = e.getKey();
                RootCause best = null;
                int bestCount = 0;
                for (RootCause c : causes) {
                    int n = 0;
                    for (EntityAnomaly a : c.explained()) {
                        n += e.getValue().contains(a) ? 1 : 0;
                    }
                    if (n > bestCount) {
                        best = c;
                        bestCount = n;
                    }
                }
                total++;
                boolean ok = best != null && best.entity().id().equals(inc.rootEntityId());
                boolean clean = best != null && e.getValue().containsAll(best.explained());
                correct += ok ? 1 : 0;
                pure += clean ? 1 : 0;
                if (!ok || !clean) {
                    LOG.info("together, seed {} {} {} root {}: got {} explaining {} ({} of its own)", seed, inc.id(),
                            inc.kind(), inc.rootEntityId(), best == null ? "-" : best.entity().id(),
                            best == null ? 0 : best.explained().size(), bestCount);
                }
            }
        }
        double acc = correct / (double) total;
        LOG.info("incidents together: top-1 root entity {}/{} = {}%, causes holding only their incident's alerts "
                + "{}/{}", correct, total, String.format("%.1f", 100 * acc), pure, total);
        assertThat(acc).isGreaterThanOrEqualTo(0.9);
        assertThat(pure / (double) total).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Labels degraded the way a detector degrades them: each incident keeps 70% of its keywords (at least one),
     * a fifth of those start a day late, and false positives — keywords outside every incident, 10% as many as
     * kept (at least two), with their real (mostly normal) features on a day near the incident — join in.
     */
    static List<EntityAnomaly> noisy(SampleAccount account, Incident inc, List<EntityAnomaly> labelled,
                                     Set<String> inIncidents, java.util.SplittableRandom rnd, FeatureExtractor fx) {
        List<EntityAnomaly> out = new ArrayList<>();
        for (EntityAnomaly a : labelled) {
            if (rnd.nextDouble() < 0.7 || (out.isEmpty() && a == labelled.get(labelled.size() - 1))) {
                boolean late = rnd.nextDouble() < 0.2 && a.end().isAfter(a.start());
                out.add(late ? new EntityAnomaly(a.entityId(), a.start().plusDays(1), a.end(), a.score(),
                        a.features(), a.contributions()) : a);
            }
        }
        int fps = Math.max(2, out.size() / 10);
        List<String> ids = account.keywordIds();
        while (fps > 0) {
            String kw = ids.get(rnd.nextInt(ids.size()));
            if (inIncidents.contains(kw)) {
                continue;
            }
            LocalDateTime day = inc.start().plusDays(rnd.nextInt(-3, 4));
            if (day.isAfter(account.end())) {
                continue;
            }
            FeatureWindow w = fx.window(account.keywordSeries().get(kw), day);
            Map<String, Double> f = new LinkedHashMap<>();
            for (int i = 0; i < w.width(); i++) {
                f.put(w.schema().name(i), w.lastRow()[i]);
            }
            out.add(new EntityAnomaly(kw, day, day, 0.6, f, Map.of()));
            fps--;
        }
        return out;
    }

    @Test
    void noisyLabelsStillPointAtTheTrueRootMostOfTheTime() {
        FeatureExtractor fx = new FeatureExtractor();
        int total = 0;
        int top1 = 0;
        int best = 0;
        for (Case k : cases) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(1000 + k.seed);
            Set<String> inIncidents = new HashSet<>();
            for (Incident inc : k.account.incidents()) {
                if (inc.kind() != io.ppcanomaly.api.sample.IncidentKind.REPORTING_OUTAGE) {
                    inIncidents.addAll(inc.affectedKeywordIds());
                }
            }
            for (Incident inc : k.account.incidents()) {
                List<EntityAnomaly> in = noisy(k.account, inc, k.anomalies.get(inc), inIncidents, rnd, fx);
                Set<EntityAnomaly> truth = new HashSet<>(in);
                truth.removeIf(a -> !inc.affectedKeywordIds().contains(a.entityId()));
                List<RootCause> causes = rca.analyze(new RootCauseInput(k.account.graph(), in,
                        k.account.keywordSeries()));
                total++;
                boolean first = causes.get(0).entity().id().equals(inc.rootEntityId());
                top1 += first ? 1 : 0;
                RootCause most = null;
                int mostCount = 0;
                for (RootCause c : causes) {
                    int n = 0;
                    for (EntityAnomaly a : c.explained()) {
                        n += truth.contains(a) ? 1 : 0;
                    }
                    if (n > mostCount) {
                        most = c;
                        mostCount = n;
                    }
                }
                best += most != null && most.entity().id().equals(inc.rootEntityId()) ? 1 : 0;
                if (!first) {
                    LOG.info("noisy, seed {} {} {} root {} ({} of {} keywords kept, {} inputs): got {}", k.seed,
                            inc.id(), inc.kind(), inc.rootEntityId(), truth.size(), inc.affectedKeywordIds().size(),
                            in.size(), causes.get(0).summary());
                }
            }
        }
        LOG.info("noisy labels: first cause is the true root {}/{} = {}%, cause explaining most true alerts {}/{}",
                top1, total, String.format("%.1f", 100.0 * top1 / total), best, total);
        assertThat(top1 / (double) total).isGreaterThanOrEqualTo(0.8);
    }
}
