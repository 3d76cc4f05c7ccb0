package io.ppcanomaly.monitor.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.monitor.registry.ShadowEvaluation;
import io.ppcanomaly.monitor.state.LedgerTotals;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.LiveDetection;
import io.ppcanomaly.service.LiveState;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.TrainingExample;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The promotion rule on hand-made figures: every branch of the decision, and the figures it records. */
class ShadowComparisonTest {

    private static final LocalDateTime D1 = LocalDateTime.of(2026, 3, 1, 0, 0);
    private static final LocalDateTime D2 = D1.plusDays(1);
    private static final LocalDateTime D3 = D1.plusDays(2);
    private static final RetrainPolicy POLICY = RetrainPolicy.DEFAULT;

    private static Alert alert(String entity, LocalDateTime period) {
        return new Alert(EntityType.KEYWORD, entity, entity, period, period, 0.999, 0.99, Severity.LOW, "ensemble",
                Map.of(), Map.of(), Map.of(), 1, List.of(), Instant.EPOCH);
    }

    private static LiveDetection shadow(List<Alert> alerts, long windowsPerPeriod) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        counts.put(Severity.LOW, alerts.size());
        DetectionReport r = new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(D1, D2, D3),
                100, alerts.size(), counts, alerts, 1, 0, 3 * windowsPerPeriod, 0, 0, 0, LoadSummary.NONE,
                new StageTimings(0, 0, 0, 0, 0, 0));
        Map<LocalDateTime, Long> w = new TreeMap<>();
        for (LocalDateTime d : List.of(D1, D2, D3)) {
            w.put(d, windowsPerPeriod);
        }
        return new LiveDetection(r, new LiveState(new io.ppcanomaly.monitor.testing.FixedDetector(), D3, Map.of()), w);
    }

    private static TrainingExample label(String entity, LocalDateTime period, boolean truth) {
        return new TrainingExample(1, ProfileId.of("p"), 1, EntityType.KEYWORD, entity, period, "ensemble", null, null,
                truth, 0.999, truth, "ana", Instant.EPOCH);
    }

    @Test
    void aChallengerAsGoodOnTheLabelsWithFewerUnconfirmedAlertsIsPromoted() {
        List<TrainingExample> labels = List.of(label("kw-1", D1, true), label("kw-2", D2, false));
        ShadowEvaluation e = ShadowComparison.evaluate(D1, D3, 7, new LedgerTotals(Set.of(D1, D2, D3), 300, 5),
                shadow(List.of(alert("kw-1", D1), alert("kw-3", D3)), 100), labels, POLICY);
        assertThat(e.promoted()).isTrue();
        assertThat(e.champion()).isEqualTo(new ShadowEvaluation.Figures(5, 300, 1, 1));
        assertThat(e.challenger()).isEqualTo(new ShadowEvaluation.Figures(2, 300, 1, 0));
        assertThat(e.champion().falseAlertRate()).isEqualTo(1000.0 * 4 / 300);
        assertThat(e.challenger().falseAlertRate()).isEqualTo(1000.0 / 300);
        assertThat(e.reason()).startsWith("not worse on 2 labelled alerts (1 true caught of 1, 0 false alerted of 1)");
        assertThat(ShadowEvaluation.fromJson(e.toJson())).isEqualTo(e);
    }

    @Test
    void missingAnAlertLabelledTrueKeepsTheChampion() {
        ShadowEvaluation e = ShadowComparison.evaluate(D1, D3, 7, new LedgerTotals(Set.of(D1, D2, D3), 300, 5),
                shadow(List.of(), 100), List.of(label("kw-1", D1, true)), POLICY);
        assertThat(e.promoted()).isFalse();
        assertThat(e.reason()).isEqualTo("kept the champion: it misses 1 of the 1 alerts labelled true");
    }

    @Test
    void alertingMoreLabelledFalseOrRaisingTheFalseAlertRateKeepsTheChampion() {
        List<Alert> many = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.add(alert("kw-" + i, D2));
        }
        ShadowEvaluation e = ShadowComparison.evaluate(D1, D3, 7, new LedgerTotals(Set.of(D1, D2, D3), 300, 5),
                shadow(many, 100), List.of(), POLICY);
        assertThat(e.promoted()).isFalse();
        assertThat(e.reason()).contains("its false-alert rate 20.000 per 1,000 windows is above the champion's "
                + "16.667");
        RetrainPolicy tolerant = new RetrainPolicy(14, true, 0.5, 100, 0.25);
        assertThat(ShadowComparison.evaluate(D1, D3, 7, new LedgerTotals(Set.of(D1, D2, D3), 300, 5),
                shadow(many, 100), List.of(), tolerant).promoted()).as("within a 25% tolerance").isTrue();
    }

    @Test
    void onlyThePeriodsTheChampionJudgedAreCompared() {
        ShadowEvaluation e = ShadowComparison.evaluate(D1, D3, 7, new LedgerTotals(Set.of(D3), 100, 0),
                shadow(List.of(alert("kw-1", D1), alert("kw-2", D2)), 100), List.of(), POLICY);
        assertThat(e.periodsCompared()).isEqualTo(1);
        assertThat(e.challenger()).isEqualTo(new ShadowEvaluation.Figures(0, 100, 0, 0));
        assertThat(e.promoted()).isTrue();
        ShadowEvaluation none = ShadowComparison.evaluate(D1, D3, 7, new LedgerTotals(Set.of(), 0, 0),
                shadow(List.of(), 100), List.of(), POLICY);
        assertThat(none.promoted()).isFalse();
        assertThat(none.reason()).contains("the champion judged none of the shadow periods");
    }
}
