package io.ppcanomaly.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.testing.Fixtures;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.LabelEvaluation;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar on the built-in sample (1,000 keywords, 90 days, seed 42, 11 labelled incidents in the last 30
 * days), with the default providers and settings: the monitor run day by day over the last 30 days — each day a
 * fresh {@code runOnce} on a store and a monitor opened anew, as after a restart, the model trained by the first run
 * on the 60 days before — reaches incident recall &ge; 0.9, alert precision &ge; 0.8 and root-cause top-1 &ge; 0.8,
 * within 0.03 of the backtest's own figures ({@code detect --backtest-days 30}); and its alerts equal, alert for
 * alert, the backtest of the model it trained. Slow (two trainings of the ensemble), so functional:
 * {@code mvn -B verify -Pdata -pl anomaly-monitor -am -Dtest=MonitorSampleFunctionalTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("functional")
class MonitorSampleFunctionalTest {

    private static DetectionReport merged(List<Alert> alerts, List<LocalDateTime> periods) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        alerts.forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, periods, 0, alerts.size(), counts,
                alerts, 0, 0, 0, 0, 0, 0, LoadSummary.NONE, new StageTimings(0, 0, 0, 0, 0, 0));
    }

    @Test
    void theMonitorDayByDayOnTheSampleMeetsTheBarsWithinThreeHundredthsOfTheBacktest(@TempDir Path dir)
            throws Exception {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
        MetricSource source = InMemoryMetricSource.of("sample", new AccountData(account.graph(), account.granularity(),
                account.keywordSeries(), LoadSummary.NONE));
        LocalDateTime end = account.end();

        long t0 = System.nanoTime();
        DetectionReport backtest = new AnomalyService().detect(DetectionRequest.builder().asOf(end).periods(30).build(),
                source);
        LabelEvaluation bt = LabelEvaluation.evaluate(backtest, account);
        long backtestMs = (System.nanoTime() - t0) / 1_000_000;

        MonitorConfig config = MonitorConfig.builder().profile(ProfileSettings.of(Fixtures.SOURCE_PROFILE))
                .instanceId("functional").build();
        ProfileId profile = ProfileId.of(Fixtures.SOURCE_PROFILE);
        List<Alert> live = new ArrayList<>();
        List<LocalDateTime> periods = new ArrayList<>();
        List<Long> runMs = new ArrayList<>();
        for (int d = 29; d >= 0; d--) {
            LocalDateTime day = end.minusDays(d);
            try (AlertStore store = AlertStore.embedded(dir.resolve("store"));
                 AnomalyMonitor m = AnomalyMonitor.builder().config(config).store(store).source(source)
                         .discoverExtensions(false).build()) {
                RunResult r = m.runOnce(profile, day);
                assertThat(r.outcome()).as(r.summary()).isEqualTo(RunResult.Outcome.COMPLETED);
                LevelRun l = r.levels().get(0);
                assertThat(l.periods()).containsExactly(day);
                live.addAll(l.report().orElseThrow().alerts());
                periods.add(day);
                if (d < 29) {
                    runMs.add(r.millis());
                }
            }
        }
        LabelEvaluation mon = LabelEvaluation.evaluate(merged(live, periods), account);

        TrainedModel model;
        try (AlertStore store = AlertStore.embedded(dir.resolve("store"))) {
            io.ppcanomaly.monitor.registry.ModelRegistry registry = new io.ppcanomaly.monitor.registry.ModelRegistry(
                    store);
            model = registry.load(profile, registry.champion(profile, EntityType.KEYWORD).orElseThrow().id());
        }
        DetectionReport sameModel = new AnomalyService().detect(model.applyTo(DetectionRequest.builder()
                .profileId(Fixtures.SOURCE_PROFILE).asOf(end).periods(30).build()), source);
        runMs.sort(null);
        System.out.printf(Locale.ROOT, "backtest (its own fit, %d ms):%n%s%nmonitor, 30 fresh daily runs (median run "
                        + "%d ms, max %d ms, first run with training excluded):%n%s%n", backtestMs, bt.describe(),
                runMs.get(runMs.size() / 2), runMs.get(runMs.size() - 1), mon.describe());

        assertThat(Fixtures.describe(live)).as("alert for alert the backtest of the monitor's own model")
                .isEqualTo(Fixtures.describe(sameModel.alerts()));
        assertThat(mon.judgedIncidents()).isEqualTo(SampleConfig.DEFAULT.totalIncidents());
        assertThat(mon.recall()).as("incident recall").isGreaterThanOrEqualTo(0.9);
        assertThat(mon.precision()).as("alert precision").isGreaterThanOrEqualTo(0.8);
        assertThat(mon.rootCauseTop1()).as("root-cause top-1").isGreaterThanOrEqualTo(0.8);
        assertThat(mon.recall()).as("recall within 0.03 of the backtest's").isCloseTo(bt.recall(), within(0.03));
        assertThat(mon.precision()).as("precision within 0.03 of the backtest's").isCloseTo(bt.precision(),
                within(0.03));
        assertThat(mon.rootCauseTop1()).as("top-1 within 0.03 of the backtest's").isCloseTo(bt.rootCauseTop1(),
                within(0.03));
    }
}
