package io.ppcanomaly.service;

import static io.ppcanomaly.service.TestAccount.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts carry the window the detector judged and the period's raw metrics, for feedback and retraining. */
class AlertWindowTest {

    @Test
    void everyAlertCarriesTheJudgedWindowWithFeatureNamesAndThePeriodsRawMetrics() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c2-a1-k1", 59, 59, 4.0);
        DetectionReport r = new AnomalyService().detect(TestAccount.request().build(), account.source());
        Alert spike = r.alerts().stream().filter(a -> a.entityId().equals("c2-a1-k1")).findFirst().orElseThrow();

        FeatureWindow w = spike.window();
        assertThat(w).isNotNull();
        assertThat(w.schema()).isEqualTo(FeatureSchema.DEFAULT);
        assertThat(w.length()).isEqualTo(14);
        assertThat(w.period()).isEqualTo(day(59));
        assertThat(w.entityId()).isEqualTo("c2-a1-k1");
        assertThat(Math.expm1(w.get(13, FeatureSchema.DEFAULT.indexOf("cpc"))))
                .as("the last row is what kpi_changes reports").isEqualTo(spike.kpiChanges().get("cpc"));

        Metrics m = spike.metrics();
        assertThat(m).isEqualTo(account.source().load(io.ppcanomaly.service.source.MetricQuery.ALL)
                .leafMetrics().get("c2-a1-k1").at(59));
        assertThat(m.spend() / m.clicks()).as("CPC x4 in the raw metrics").isGreaterThan(3.0);
    }

    @Test
    void aWindowEndingAtAnotherPeriodIsRejected() {
        FeatureWindow w = FeatureWindow.zeros(FeatureSchema.DEFAULT, 2, "k", day(3));
        assertThatThrownBy(() -> new Alert(EntityType.KEYWORD, "k", "k", day(4), day(4), 0.9, 0.5, Severity.LOW,
                "d", Map.of(), Map.of(), Map.of(), 1, List.of(), Instant.EPOCH, w, Metrics.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must end at period");
    }
}
