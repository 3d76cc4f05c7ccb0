package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.IncidentKind;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bars on the built-in sample account (1,000 keywords, 90 days, seed 42), with the real providers found by
 * name — ensemble (period-tail, LSTM autoencoder, Half-Space Trees, isolation forest), monte-carlo-shapley,
 * hierarchy — exactly as {@code java -jar anomaly.jar detect --backtest-days 30} runs them: incident recall
 * &ge; 0.95, alert precision &ge; 0.90, root-cause top-1 &ge; 0.9 over the last 30 days, and the alerts grouped
 * into incidents (incident precision, one reported incident per labelled one); and a daily run right after
 * training on weeks full of incidents still alerts on the next one. Generated data, so no data folder; slow (the
 * LSTM trains), so functional:
 * {@code mvn -B verify -Pdata -pl anomaly-service -Dtest=SampleBacktestFunctionalTest}.
 */
@Tag("functional")
class SampleBacktestFunctionalTest {

    private static SampleAccount account;
    private static MetricSource source;

    @BeforeAll
    static void generate() {
        account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
        source = InMemoryMetricSource.of("sample", new AccountData(account.graph(), account.granularity(),
                account.keywordSeries(), LoadSummary.NONE));
    }

    private static LabelEvaluation backtest(DetectionRequest.Builder request, String label) throws IOException {
        DetectionReport report = new AnomalyService().detect(request.periods(30).build(), source);
        LabelEvaluation eval = LabelEvaluation.evaluate(report, account);
        System.out.printf(Locale.ROOT, "%s: %d alerts in %d incidents, %d echoes suppressed, %d below the floor, "
                        + "%d training windows, %d ms %s%n%s%n", label, report.anomaliesDetected(),
                report.incidents().size(), report.echoesSuppressed(), report.belowMinScore(), report.trainingWindows(),
                report.executionTimeMs(), report.timings(), eval.describe());
        assertThat(eval.judgedIncidents()).isEqualTo(SampleConfig.DEFAULT.totalIncidents());
        assertGrouping(eval);
        return eval;
    }

    /**
     * Incident precision alone would reward splitting a real incident into many (each piece matches), so it is
     * asserted with the grouping: each detected labelled incident is reported about once (measured on 2026-12-05:
     * 1.00 with flat baselines, 1.09 with seasonal ones, where an ad group's conversion drop first alerts on one
     * keyword rooted at itself), the reporting outage exactly once. The floor of 0.12 sits under the measured
     * 12/71 = 0.17 with defaults (11/71 with flat baselines; 12/53 = 0.23 with the 0.999 floor): the false alerts
     * are scattered single keywords, each its own incident, and 0.12 (12/100) allows about thirty more of them
     * over the 30 days before failing.
     */
    private static void assertGrouping(LabelEvaluation eval) {
        assertThat(eval.incidentPrecision()).as("incident precision").isGreaterThanOrEqualTo(0.12);
        assertThat(eval.fragmentsPerIncident()).as("reported incidents per detected labelled incident")
                .isLessThanOrEqualTo(1.2);
        assertThat(eval.outcomes()).filteredOn(o -> o.incident().kind() == IncidentKind.REPORTING_OUTAGE)
                .as("the outage's ~250 keyword alerts: one incident").isNotEmpty()
                .allSatisfy(o -> assertThat(o.fragments()).isEqualTo(1));
    }

    /**
     * With the defaults the ensemble flags windows rarer than 99.9% of normal ones (a budget of about one false
     * alert a day on 1,000 keywords), its period-tail member judging each day on its own: 1182/1212 = 0.98
     * precision when written (0.83 with the window members alone at 0.998).
     */
    @Test
    void withTheDefaultsTheLast30DaysMeetAllThreeBars() throws IOException {
        LabelEvaluation eval = backtest(DetectionRequest.builder(), "backtest, defaults");
        assertThat(eval.recall()).as("incident recall").isGreaterThanOrEqualTo(0.95);
        assertThat(eval.rootCauseTop1()).as("root-cause top-1").isGreaterThanOrEqualTo(0.9);
        assertThat(eval.precision()).as("alert precision").isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Live as in the backtest: a model trained through 2026-03-13 — its latest 20% of periods, the calibration
     * sample, hold a budget cut-off across 63 keywords, two conversion drops, two CTR collapses and a CPC spike —
     * still alerts the next day on the budget cut-off that starts then (41 keywords). Before the calibration
     * screen this run alerted on nothing.
     */
    @Test
    void aDailyRunRightAfterTrainingOnWeeksOfIncidentsAlertsOnTheNextDaysIncident() throws IOException {
        LocalDateTime day = LocalDateTime.of(2026, 3, 14, 0, 0);
        Incident next = account.incidents().stream()
                .filter(i -> i.start().equals(day) && i.kind() == IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION)
                .findFirst().orElseThrow();
        AnomalyService service = new AnomalyService();
        DetectionRequest request = DetectionRequest.builder().build();
        TrainedModel model = service.train(request.toBuilder().asOf(day.minusDays(1)).build(), source);
        DetectionReport live = service.detect(model.applyTo(request.toBuilder().asOf(day).build()), source);
        long hits = live.alerts().stream().filter(a -> next.covers(a.entityId(), a.period())).count();
        long wrong = live.alerts().stream().filter(a -> account.incidentAt(a.entityId(), a.period()).isEmpty())
                .count();
        System.out.printf(Locale.ROOT, "live run on %s after training through the day before: %d alerts, %d on the "
                + "new budget cut-off (%d keywords), %d false%n", day.toLocalDate(), live.anomaliesDetected(), hits,
                next.affectedKeywordIds().size(), wrong);
        assertThat(hits).as("alerts on the new incident").isGreaterThanOrEqualTo(next.affectedKeywordIds().size() / 4);
        assertThat(wrong).as("false alerts").isLessThanOrEqualTo(3);
    }

    @Test
    void onePeriodWithAFittedModelIsTimed() throws IOException {
        DetectionRequest request = DetectionRequest.builder().build();
        TrainedModel model = new AnomalyService().train(request.toBuilder()
                .asOf(LocalDateTime.of(2026, 3, 14, 0, 0)).build(), source);
        System.out.printf(Locale.ROOT, "training (keyword ensemble): %d windows in %d ms%n", model.trainingWindows(),
                model.fitMillis());
        AnomalyService service = new AnomalyService();
        for (int day : new int[] {15, 16, 30}) {
            DetectionRequest r = model.applyTo(request.toBuilder().asOf(LocalDateTime.of(2026, 3, day, 0, 0))
                    .build());
            long[] ms = new long[5];
            DetectionReport last = null;
            for (int i = 0; i < ms.length; i++) {
                last = service.detect(r, source);
                ms[i] = last.executionTimeMs();
            }
            System.out.printf(Locale.ROOT, "one period (2026-03-%d), explanations and root causes: %s ms (runs 1..5),"
                    + " %d alerts, last run %s%n", day, java.util.Arrays.toString(ms), last.anomaliesDetected(),
                    last.timings());
            assertThat(last.totalEntitiesChecked()).isEqualTo(1000);
        }
    }
}
