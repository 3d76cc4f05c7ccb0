package io.ppcanomaly.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real detection run (the service on a generated account, with the service's fast test-only detector) saved in
 * the store: every alert of a 30-day backtest lands, as continued runs where periods are consecutive, and
 * feedback carries exactly the window the detector judged.
 */
class ServiceReportStoreTest extends StoreSuite {

    private DetectionReport report;

    @BeforeAll
    void detect() throws IOException {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(150).build());
        report = new AnomalyService().detect(DetectionRequest.builder().detector("test-robust-z")
                .detectorOptions(options())
                .explainer("test-exact-shapley").rootCauseAnalyzer("test-sibling-rollup").periods(30).build(),
                InMemoryMetricSource.of(account.graph(), account.granularity(), account.keywordSeries()));
    }

    private static java.util.Properties options() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("multiplier", "1.2");
        return p;
    }

    @OnBothDatabases
    void aBacktestsAlertsAreAllStoredOnceAndFeedbackKeepsTheJudgedWindow(Db db) {
        assertThat(report.alerts()).as("the sample's incidents alert").hasSizeGreaterThan(5);
        ProfileId p = profile();
        SaveResult saved = store(db).save(p, report);

        int occurrences = saved.opened().stream().mapToInt(StoredAlert::occurrences).sum();
        assertThat(occurrences).as("every report alert is one occurrence of one stored alert")
                .isEqualTo(report.alerts().size());
        assertThat(saved.alreadyStored()).isZero();
        assertThat(saved.opened()).as("consecutive periods continue one alert")
                .hasSizeLessThan(report.alerts().size());
        assertThat(store(db).save(p, report).alreadyStored()).isEqualTo(report.alerts().size());

        Map<String, Alert> latest = new HashMap<>();
        report.alerts().stream().sorted(Comparator.comparing(Alert::period))
                .forEach(a -> latest.put(a.entityId() + "@" + a.period(), a));
        StoredAlert s = saved.opened().stream().max(Comparator.comparingInt(StoredAlert::occurrences)).orElseThrow();
        Alert judged = latest.get(s.entityId() + "@" + s.period());
        assertThat(judged.window()).isNotNull();
        TrainingExample t = store(db).feedback(p, s.id(), true, "ana");
        assertThat(t.window()).isEqualTo(judged.window());
        assertThat(t.metrics()).isEqualTo(judged.metrics());
        assertThat(t.predictedScore()).isEqualTo(judged.anomalyScore());
        assertThat(s.rootCauses()).isEqualTo(judged.rootCauses());
        assertThat(s.explanation()).isEqualTo(judged.explanation());
    }
}
