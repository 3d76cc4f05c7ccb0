package io.ppcanomaly.monitor.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.TrainingExample;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feedback filter: nearest labelled judged row within the radius decides; a true label always wins. */
class FeedbackFilterTest {

    private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 1, 0, 0);
    // ctr, cpc, acos, cvr, impressions, spend: a bid boost (CPC and traffic up) and a CPC spike (traffic down)
    private static final double[] BOOST = {0, 0.59, 0.59, 0, 0.79, 1.38};
    private static final double[] SPIKE = {0, 1.1, 1.1, 0, -0.1, 1.0};

    private static FeatureWindow window(String entity, LocalDateTime period, double... lastRow) {
        double[] v = new double[14 * 6];
        System.arraycopy(lastRow, 0, v, 13 * 6, 6);
        return FeatureWindow.of(FeatureSchema.DEFAULT, v, entity, period);
    }

    private static TrainingExample label(long id, FeatureWindow w, boolean truth, Instant at) {
        return new TrainingExample(id, ProfileId.of("p"), id, EntityType.KEYWORD, w.entityId(), w.period(), "ensemble",
                w, null, truth, 0.999, truth, "ana", at);
    }

    private static Alert alert(FeatureWindow w) {
        return new Alert(EntityType.KEYWORD, w.entityId(), w.entityId(), w.period(), w.period(), 0.999, 0.99,
                Severity.HIGH, "ensemble", Map.of(), Map.of(), Map.of(), 100, List.of(), Instant.EPOCH, w, null);
    }

    private static double[] plus(double[] row, double d) {
        double[] out = row.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d;
        }
        return out;
    }

    @Test
    void anAlertLikeOneLabelledFalseIsKeptBackAndOneLikeATrueOneIsRaised() {
        FeedbackFilter f = FeedbackFilter.of(List.of(label(1, window("kw-1", DAY, BOOST), false, Instant.EPOCH),
                label(2, window("kw-2", DAY, SPIKE), true, Instant.EPOCH)), 0.5, Map.of(), 100);
        Alert again = alert(window("kw-9", DAY.plusDays(9), plus(BOOST, 0.1)));
        Alert spike = alert(window("kw-8", DAY.plusDays(9), plus(SPIKE, 0.1)));
        Alert other = alert(window("kw-7", DAY.plusDays(9), 0, 0, 0, -3, 0, 0));
        assertThat(f.suppression(again)).isNotNull().satisfies(s -> {
            assertThat(s.resembled().alertId()).isEqualTo(1);
            assertThat(s.distance()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
        });
        assertThat(f.suppression(spike)).as("like the true one").isNull();
        assertThat(f.suppression(other)).as("like nothing labelled").isNull();

        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        counts.put(Severity.HIGH, 3);
        DetectionReport r = new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY,
                List.of(DAY.plusDays(9)), 3, 3, counts, List.of(again, spike, other), 1, 0, 3, 0, 0, 0,
                LoadSummary.NONE, new StageTimings(0, 0, 0, 0, 0, 0));
        FeedbackFilter.Filtered out = f.apply(r);
        assertThat(out.report().alerts()).containsExactly(spike, other);
        assertThat(out.report().severityCounts().get(Severity.HIGH)).isEqualTo(2);
        assertThat(out.suppressed()).singleElement().satisfies(s -> assertThat(s.alert()).isEqualTo(again));
    }

    @Test
    void aTrueLabelAsCloseAsAFalseOneWinsAndFarLabelsDecideNothing() {
        FeatureWindow w = window("kw-1", DAY, BOOST);
        FeedbackFilter f = FeedbackFilter.of(List.of(label(1, w, false, Instant.EPOCH),
                label(2, window("kw-2", DAY, BOOST), true, Instant.EPOCH)), 0.5, Map.of(), 100);
        assertThat(f.suppression(alert(window("kw-3", DAY.plusDays(3), BOOST)))).isNull();
        FeedbackFilter onlyFalse = FeedbackFilter.of(List.of(label(1, w, false, Instant.EPOCH)), 0.5, Map.of(), 100);
        assertThat(onlyFalse.suppression(alert(window("kw-3", DAY.plusDays(3), plus(BOOST, 0.6))))).as("0.6 away")
                .isNull();
    }

    @Test
    void theLatestLabelsWithAWindowAreKeptUpToTheCapAndTheFilterSurvivesJson() {
        FeedbackFilter f = FeedbackFilter.of(List.of(label(1, window("kw-1", DAY, BOOST), false, Instant.EPOCH),
                label(2, window("kw-2", DAY, SPIKE), true, Instant.EPOCH.plusSeconds(5)),
                new TrainingExample(3, ProfileId.of("p"), 3, EntityType.KEYWORD, "kw-3", DAY, "ensemble", null, null,
                        false, 0.99, false, "ana", Instant.EPOCH.plusSeconds(9))), 0.5, Map.of(), 1);
        assertThat(f.examples()).singleElement().satisfies(e -> assertThat(e.alertId()).isEqualTo(2));
        FeedbackFilter back = FeedbackFilter.fromJson(f.toJson());
        assertThat(back.radius()).isEqualTo(0.5);
        assertThat(back.examples().get(0).row()).containsExactly(SPIKE);
        assertThat(back.active()).isFalse();
        assertThatThrownBy(() -> FeedbackFilter.fromJson("{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feedback must be the JSON of a feedback filter");
    }
}
