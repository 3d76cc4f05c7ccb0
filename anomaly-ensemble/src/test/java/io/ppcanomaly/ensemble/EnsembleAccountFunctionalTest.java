package io.ppcanomaly.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.eval.RocAuc;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.IncidentKind;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.ensemble.support.MemberOptions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ensemble with its real default members on the synthetic account (1,000 keywords, 90 days, incidents in
 * the last 30): fitted on every keyword's windows ending before the incident span, scored on every keyword-day
 * of the span. A window is positive when its judged day lies inside an incident that changed that keyword.
 * Member AUCs are computed from the same fitted members (the ensemble's {@code memberScores}), so the comparison
 * is like for like. Generated data: no {@code data.dir}; tagged functional because LSTM training takes minutes.
 *
 * <p>Run: {@code mvn -B -o -q -pl anomaly-ensemble verify -Pdata -Dtest=EnsembleAccountFunctionalTest}.
 */
@Tag("functional")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsembleAccountFunctionalTest {

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleAccountFunctionalTest.class);

    private SampleAccount account;
    private List<FeatureWindow> evaluation;
    private List<AnomalyResult> results;
    private boolean[] positive;
    private IncidentKind[] kind;
    private boolean[] afterIncident;
    private EnsembleDetector ensemble;

    @BeforeAll
    void fitAndScore() {
        assertThat(MemberOptions.defaultMembersPresent())
                .as("the default members must be on the test class path: %s", Detectors.available()).isTrue();
        account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
        SampleConfig c = account.config();
        int firstIncidentDay = c.days() - c.incidentDays();
        FeatureExtractor fx = new FeatureExtractor();
        List<FeatureWindow> training = new ArrayList<>();
        evaluation = new ArrayList<>();
        for (MetricSeries s : account.keywordSeries().values()) {
            training.addAll(fx.windows(s, 0, firstIncidentDay - 1, 1));
            evaluation.addAll(fx.windows(s, firstIncidentDay, s.size() - 1, 1));
        }
        ensemble = (EnsembleDetector) Detectors.create("ensemble", new Properties());
        long t0 = System.nanoTime();
        ensemble.fit(training);
        LOG.info("fitted on {} windows in {} s; members {}", training.size(), (System.nanoTime() - t0) / 1e9,
                ensemble.memberWeights());
        t0 = System.nanoTime();
        results = ensemble.scoreAll(evaluation);
        LOG.info("scored {} windows in {} s", evaluation.size(), (System.nanoTime() - t0) / 1e9);
        int n = evaluation.size();
        positive = new boolean[n];
        kind = new IncidentKind[n];
        afterIncident = new boolean[n];
        for (int i = 0; i < n; i++) {
            FeatureWindow w = evaluation.get(i);
            Optional<Incident> inc = account.incidentAt(w.entityId(), w.period());
            positive[i] = inc.isPresent();
            kind[i] = inc.map(Incident::kind).orElse(null);
            afterIncident[i] = !positive[i] && overlapsEarlierRows(w);
        }
    }

    /** Whether an earlier row of the window (not the judged one) lies inside an incident on its keyword. */
    private boolean overlapsEarlierRows(FeatureWindow w) {
        for (int t = 1; t < w.length(); t++) {
            LocalDateTime day = w.period().minusDays(t);
            if (account.incidentAt(w.entityId(), day).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private double auc(String member, IntPredicate keep) {
        List<Double> s = new ArrayList<>();
        List<Boolean> l = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (keep.test(i)) {
                AnomalyResult r = results.get(i);
                s.add(member == null ? r.score() : r.memberScores().get(member));
                l.add(positive[i]);
            }
        }
        double[] sa = s.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] la = new boolean[l.size()];
        for (int i = 0; i < la.length; i++) {
            la[i] = l.get(i);
        }
        return RocAuc.of(sa, la);
    }

    /** @return detector (ensemble first, then members) → AUC over the windows kept */
    private Map<String, Double> aucs(IntPredicate keep) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("ensemble", auc(null, keep));
        for (String m : ensemble.memberWeights().keySet()) {
            out.put(m, auc(m, keep));
        }
        return out;
    }

    @Test
    void everyMemberVotesOnEveryWindow() {
        assertThat(ensemble.memberWeights()).containsOnlyKeys(MemberOptions.DEFAULT_MEMBERS);
        assertThat(results).allSatisfy(r -> assertThat(r.memberScores()).hasSize(MemberOptions.DEFAULT_MEMBERS.size()));
    }

    @Test
    void ensembleAucOnInjectedIncidentsBeatsTheMeanOfItsMembers() {
        Map<String, Double> all = aucs(i -> true);
        Map<String, Double> noOutage = aucs(i -> kind[i] != IncidentKind.REPORTING_OUTAGE);
        Map<String, Double> clean = aucs(i -> !afterIncident[i]);
        Map<IncidentKind, Map<String, Double>> perKind = new EnumMap<>(IncidentKind.class);
        for (IncidentKind k : IncidentKind.values()) {
            boolean any = false;
            for (IncidentKind x : kind) {
                any |= x == k;
            }
            if (any) {
                perKind.put(k, aucs(i -> kind[i] == k || !positive[i]));
            }
        }
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        LOG.info("{} windows, {} positive; ROC-AUC all incidents {}", results.size(), positives, all);
        LOG.info("ROC-AUC without the reporting outage {}", noOutage);
        LOG.info("ROC-AUC without post-incident windows among the negatives {}", clean);
        perKind.forEach((k, v) -> LOG.info("ROC-AUC {} vs normal {}", k, v));
        long flaggedNormal = 0;
        long normal = 0;
        for (int i = 0; i < results.size(); i++) {
            if (!positive[i] && !afterIncident[i]) {
                normal++;
                flaggedNormal += results.get(i).score() >= 0.99 ? 1 : 0;
            }
        }
        double falseAlarms = (double) flaggedNormal / normal;
        LOG.info("false-alarm rate on clean normal windows at score 0.99: {}", falseAlarms);
        LOG.info("ROC-AUC of the arithmetic-mean combination (combine=mean) {}", meanCombinationAuc());

        double memberMean = all.entrySet().stream().filter(e -> !e.getKey().equals("ensemble"))
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
        double best = all.entrySet().stream().filter(e -> !e.getKey().equals("ensemble"))
                .mapToDouble(Map.Entry::getValue).max().orElseThrow();
        LOG.info("ensemble {} vs member mean {} and best member {}", all.get("ensemble"), memberMean, best);
        assertThat(all.get("ensemble")).isGreaterThan(memberMean);
        assertThat(all.get("ensemble")).isGreaterThan(0.8);
        // calibration on data the members never saw: 0.99 must still mean about 1 in 100 normal keyword-days
        assertThat(falseAlarms).isBetween(0.002, 0.02);
    }

    /** ROC-AUC of the weighted arithmetic mean of the calibrated member scores, from the same fitted members. */
    private double meanCombinationAuc() {
        Map<String, Double> w = ensemble.memberWeights();
        double[] s = new double[results.size()];
        for (int i = 0; i < s.length; i++) {
            for (Map.Entry<String, Double> e : results.get(i).memberScores().entrySet()) {
                s[i] += w.get(e.getKey()) * e.getValue();
            }
        }
        return RocAuc.of(s, positive);
    }
}
