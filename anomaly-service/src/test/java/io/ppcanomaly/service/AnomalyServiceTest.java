package io.ppcanomaly.service;

import static io.ppcanomaly.service.TestAccount.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.SeverityPolicy;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.source.MetricSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T06:00:00Z"), ZoneOffset.UTC);
    private final AnomalyService service = new AnomalyService(CLOCK);

    private static Alert alertOn(DetectionReport r, String id) {
        return r.alerts().stream().filter(a -> a.entityId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert on " + id + " in " + ids(r)));
    }

    private static List<String> ids(DetectionReport r) {
        return r.alerts().stream().map(a -> a.entityId() + "@" + a.period().toLocalDate()).toList();
    }

    @Test
    void flagsTheSpikedKeywordSaysWhichKpiMovedAndFoldsACampaignWideLossIntoItsParents() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c2-a1-k1", 59, 59, 4.0).volumeLoss("c3", 59, 59, 0.2);
        DetectionReport r = service.detect(TestAccount.request().build(), account.source());

        assertThat(r.periods()).containsExactly(day(59));
        assertThat(r.totalEntitiesChecked()).isEqualTo(24);
        assertThat(r.entitiesSkipped()).as("the keyword with 10 days of history").isEqualTo(1);
        assertThat(r.trainingWindows()).isEqualTo(24 * (59 - 20));
        Alert spike = alertOn(r, "c2-a1-k1");
        assertThat(spike.period()).isEqualTo(day(59));
        assertThat(spike.anomalyStart()).isEqualTo(day(59));
        assertThat(spike.detectorType()).isEqualTo("test-robust-z");
        assertThat(spike.anomalyScore()).isGreaterThanOrEqualTo(spike.threshold());
        assertThat(spike.kpiChanges().get("cpc")).as("CPC x4, shrunk a little toward the baseline")
                .isBetween(2.0, 3.05);
        assertThat(spike.kpiChanges().get("ctr")).isCloseTo(0.0, within(0.3));
        assertThat(spike.explanation()).containsOnlyKeys("ctr", "cpc", "acos", "cvr", "impressions", "spend");
        assertThat(spike.explanation().values().stream().mapToDouble(Double::doubleValue).sum())
                .as("Shapley efficiency against the all-zero baseline").isPositive();
        assertThat(spike.rootCauses()).extracting(AlertCause::entityId).containsExactly("c2-a1-k1");

        for (String kw : account.keywords()) {
            if (kw.startsWith("c3-")) {
                Alert a = alertOn(r, kw);
                assertThat(a.kpiChanges().get("impressions")).isLessThan(-0.6);
                assertThat(a.rootCauses()).hasSize(1);
                assertThat(a.rootCauses().get(0).entityType()).isEqualTo(EntityType.AD_GROUP);
                assertThat(a.rootCauses().get(0).entityId()).isEqualTo(kw.substring(0, 5));
            }
        }
        assertThat(r.anomaliesDetected()).isEqualTo(r.alerts().size());
        assertThat(r.severityCounts().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(r.anomaliesDetected());
        assertThat(r.alerts()).allSatisfy(a -> assertThat(a.detectionTimestamp()).isEqualTo(CLOCK.instant()));
    }

    @Test
    void anAnomalyThatStartedEarlierCarriesItsStartFoundByLookingBack() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c1-a2-k2", 56, 59, 5.0);
        DetectionReport r = service.detect(TestAccount.request().build(), account.source());
        assertThat(alertOn(r, "c1-a2-k2").anomalyStart()).isEqualTo(day(56));
        DetectionReport noLookback = service.detect(TestAccount.request().startLookback(0).build(),
                account.source());
        assertThat(alertOn(noLookback, "c1-a2-k2").anomalyStart()).isEqualTo(day(59));
    }

    @Test
    void aBacktestFitsBeforeItsFirstPeriodAndJudgesEachPeriodInTurn() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c1-a2-k2", 56, 58, 5.0);
        DetectionReport r = service.detect(TestAccount.request().periods(5).build(), account.source());
        assertThat(r.periods()).containsExactly(day(55), day(56), day(57), day(58), day(59));
        assertThat(r.trainingWindows()).as("windows ending before day 55").isEqualTo(24 * (55 - 20));
        List<Alert> spike = r.alerts().stream().filter(a -> a.entityId().equals("c1-a2-k2")).toList();
        assertThat(spike).extracting(Alert::period).containsExactly(day(58), day(57), day(56));
        assertThat(spike).extracting(Alert::anomalyStart).containsOnly(day(56));
        assertThat(r.windowsScored()).as("the late keyword never has 21 days").isEqualTo(24 * 5);
        assertThat(r.alerts()).isSortedAccordingTo(AlertAssembler.ORDER);
    }

    @Test
    void aBacktestIsCausal_laterDataNeverChangesAnEarlierPeriodsAlerts() throws IOException {
        TestAccount calm = new TestAccount().cpcSpike("c1-a2-k2", 50, 51, 5.0);
        TestAccount later = new TestAccount().cpcSpike("c1-a2-k2", 50, 51, 5.0).volumeLoss("c2", 57, 59, 0.1);
        DetectionRequest req = TestAccount.request().asOf(day(55)).periods(10).build();
        DetectionReport a = service.detect(req, calm.source());
        DetectionReport b = service.detect(req, later.source());
        assertThat(b.alerts()).isEqualTo(a.alerts());
    }

    @Test
    void aPeriodIsAlertedOnlyWhenItIsAnomalousItself_notWhileAnOldIncidentIsStillInTheWindow() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c1-a2-k2", 50, 51, 5.0);
        java.util.Properties window = new java.util.Properties();
        window.setProperty("scope", "window");
        DetectionRequest.Builder req = TestAccount.request().detectorOptions(window).asOf(day(57)).periods(8);
        DetectionReport echoes = service.detect(req.confirmPeriod(false).build(), account.source());
        assertThat(echoes.alerts().stream().filter(a -> a.entityId().equals("c1-a2-k2")).map(Alert::period))
                .as("the whole-window detector keeps flagging while the spike is in the window")
                .contains(day(50), day(51), day(55), day(57));
        DetectionReport confirmed = service.detect(req.confirmPeriod(true).build(), account.source());
        assertThat(confirmed.alerts().stream().filter(a -> a.entityId().equals("c1-a2-k2")).map(Alert::period))
                .containsExactlyInAnyOrder(day(50), day(51));
        assertThat(confirmed.echoesSuppressed()).isGreaterThanOrEqualTo(6);
        assertThat(confirmed.echoesSuppressed() + confirmed.anomaliesDetected())
                .isEqualTo(echoes.anomaliesDetected());
    }

    @Test
    void anAlertFloorKeepsOnlyTheStrongestFlagsAndCountsTheRest() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c2-a1-k1", 59, 59, 8.0).volumeLoss("c3", 59, 59, 0.5);
        DetectionReport all = service.detect(TestAccount.request().build(), account.source());
        double top = all.alerts().stream().mapToDouble(Alert::anomalyScore).max().orElseThrow();
        DetectionReport floored = service.detect(TestAccount.request().minScore(top).build(), account.source());
        assertThat(floored.alerts()).extracting(Alert::anomalyScore).containsOnly(top);
        assertThat(floored.belowMinScore()).isEqualTo(all.anomaliesDetected() - floored.anomaliesDetected());
        assertThatThrownBy(() -> TestAccount.request().minScore(1.5).build())
                .hasMessage("minScore must be in (0, 1], got 1.5");
    }

    @Test
    void aStreamingModelLearnsInABacktestOnACopy_theCallersModelIsNotMutated() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c3-a1-k1", 58, 59, 5.0);
        TrainedModel model = service.train(TestAccount.request().detector("test-running-z").asOf(day(54)).build(),
                account.source());
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        model.detector().save(before);
        DetectionReport r = service.detect(model.applyTo(TestAccount.request().periods(5).build()), account.source());
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        model.detector().save(after);
        assertThat(after.toByteArray()).isEqualTo(before.toByteArray());
        assertThat(r.trainingWindows()).isZero();
        assertThat(r.detector()).isEqualTo("test-running-z");
        assertThat(ids(r)).contains("c3-a1-k1@2026-02-28", "c3-a1-k1@2026-03-01");
    }

    @Test
    void aSavedModelScoresExactlyAsTheModelFittedInTheRun(@TempDir Path dir) throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c2-a2-k4", 59, 59, 4.0);
        TrainedModel trained = service.train(TestAccount.request().asOf(day(58)).build(), account.source());
        assertThat(trained.trainedThrough()).isEqualTo(day(58));
        assertThat(trained.trainingWindows()).isEqualTo(24 * (59 - 20));
        ModelStore.save(trained, dir);
        TrainedModel loaded = ModelStore.load(dir, EntityType.KEYWORD, "test-robust-z");
        assertThat(loaded.features()).isEqualTo(trained.features());
        assertThat(loaded.trainedThrough()).isEqualTo(day(58));
        DetectionReport fitted = service.detect(TestAccount.request().build(), account.source());
        DetectionReport saved = service.detect(loaded.applyTo(TestAccount.request().build()), account.source());
        assertThat(saved.alerts()).isEqualTo(fitted.alerts());
        assertThat(saved.timings().fitMs()).isZero();
    }

    @Test
    void aModelOfAnotherWindowLengthIsRefusedNamingBoth() throws IOException {
        TestAccount account = new TestAccount();
        TrainedModel model = service.train(TestAccount.request().build(), account.source());
        DetectionRequest other = TestAccount.request().model(model.detector())
                .features(FeatureConfig.DEFAULT.withWindowLength(7)).build();
        assertThatThrownBy(() -> service.detect(other, account.source()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model window length must be 7 (the request's features), got 14");
    }

    @Test
    void anUnknownProviderFailsBeforeTheSourceIsRead() {
        MetricSource never = new MetricSource() {
            @Override
            public String description() {
                return "never";
            }

            @Override
            public io.ppcanomaly.service.source.AccountData load(io.ppcanomaly.service.source.MetricQuery q) {
                throw new AssertionError("the source must not be read");
            }
        };
        assertThatThrownBy(() -> service.detect(TestAccount.request().detector("no-such").build(), never))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 'no-such'")
                .hasMessageContaining("test-robust-z");
        assertThatThrownBy(() -> service.detect(TestAccount.request().explainer("nope").build(), never))
                .hasMessageContaining("explainer name must be one of").hasMessageContaining("test-exact-shapley");
        assertThatThrownBy(() -> service.detect(TestAccount.request().rootCauseAnalyzer("nope").build(), never))
                .hasMessageContaining("root-cause analyzer name must be one of");
    }

    @Test
    void anAsOfOutsideTheDataOrHistoryTooShortToFitIsRefused() {
        TestAccount account = new TestAccount();
        assertThatThrownBy(() -> service.detect(TestAccount.request().asOf(day(70)).build(), account.source()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asOf must be a day in the data [2026-01-01, 2026-03-01], got 2026-03-12");
        assertThatThrownBy(() -> service.detect(TestAccount.request().asOf(day(20)).build(), account.source()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("history before 2026-01-21 must hold at least one training window");
    }

    @Test
    void explanationsAndRootCausesCanBeTurnedOff() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c2-a1-k1", 59, 59, 4.0);
        DetectionReport r = service.detect(TestAccount.request().explain(false).rootCause(false).build(),
                account.source());
        Alert a = alertOn(r, "c2-a1-k1");
        assertThat(a.explanation()).isEmpty();
        assertThat(a.rootCauses()).isEmpty();
        assertThat(a.kpiChanges()).isNotEmpty();
        assertThat(r.timings().explainMs()).isZero();
    }

    @Test
    void checksCampaignsFromTheSumsOfTheirKeywords() throws IOException {
        TestAccount account = new TestAccount().volumeLoss("c3", 59, 59, 0.2);
        DetectionReport r = service.detect(TestAccount.request().entityType(EntityType.CAMPAIGN).build(),
                account.source());
        assertThat(r.totalEntitiesChecked()).isEqualTo(3);
        Alert c3 = alertOn(r, "c3");
        assertThat(c3.entityType()).isEqualTo(EntityType.CAMPAIGN);
        assertThat(c3.kpiChanges().get("impressions")).isBetween(-0.85, -0.7);
    }

    @Test
    void severityGrowsWithTheMoneyAtStake() throws IOException {
        TestAccount account = new TestAccount().cpcSpike("c2-a1-k1", 59, 59, 4.0);
        SeverityPolicy strict = new SeverityPolicy(List.of(0.5), List.of(1.0, 1e9),
                List.of(List.of(Severity.LOW, Severity.LOW, Severity.LOW),
                        List.of(Severity.LOW, Severity.HIGH, Severity.CRITICAL)));
        DetectionReport r = service.detect(TestAccount.request().severity(strict).build(), account.source());
        Alert a = alertOn(r, "c2-a1-k1");
        assertThat(a.moneyAtStake()).as("max of baseline spend and sales per day").isGreaterThan(1.0);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(r.severityCounts().get(Severity.HIGH)).isEqualTo(r.anomaliesDetected());
    }

    @Test
    void concurrentRunsOnOneServiceGiveIdenticalReports() throws Exception {
        TestAccount account = new TestAccount().cpcSpike("c2-a1-k1", 58, 59, 4.0).volumeLoss("c3", 59, 59, 0.2);
        MetricSource source = account.source();
        DetectionRequest req = TestAccount.request().periods(3).build();
        DetectionReport reference = service.detect(req, source);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DetectionReport>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> service.detect(req, source)));
            }
            for (Future<DetectionReport> f : runs) {
                assertThat(f.get().alerts()).isEqualTo(reference.alerts());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
