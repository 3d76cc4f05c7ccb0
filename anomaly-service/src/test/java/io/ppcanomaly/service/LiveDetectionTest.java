package io.ppcanomaly.service;

import static io.ppcanomaly.service.TestAccount.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.service.source.MetricSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Live detection: runs chained through their states judge exactly what one backtest judges. */
class LiveDetectionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T06:00:00Z"), ZoneOffset.UTC);
    private final AnomalyService service = new AnomalyService(CLOCK);
    private final TestAccount account = new TestAccount().cpcSpike("c3-a1-k1", 51, 54, 5.0)
            .volumeLoss("c2", 56, 58, 0.2);
    private final MetricSource source = account.source();

    private TrainedModel streamingModel() throws IOException {
        return service.train(TestAccount.request().detector("test-running-z").asOf(day(49)).build(), source);
    }

    private static List<String> describe(List<Alert> alerts) {
        List<String> out = new ArrayList<>();
        for (Alert a : alerts) {
            out.add(a.entityId() + "@" + a.period() + " score=" + a.anomalyScore() + " start=" + a.anomalyStart()
                    + " severity=" + a.severity() + " causes=" + a.rootCauses() + " kpis=" + a.kpiChanges());
        }
        out.sort(null);
        return out;
    }

    private static byte[] bytes(io.ppcanomaly.api.Detector d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.save(out);
        return out.toByteArray();
    }

    @Test
    void dailyLiveRunsChainedThroughTheirStatesEqualOneBacktestAlertForAlert() throws IOException {
        TrainedModel model = streamingModel();
        DetectionReport backtest = service.detect(model.applyTo(TestAccount.request().asOf(day(59)).periods(10)
                .build()), source);
        assertThat(backtest.alerts()).as("the incidents alert").isNotEmpty();

        LiveState state = LiveState.start(model.detector());
        List<Alert> live = new ArrayList<>();
        for (int d = 50; d <= 59; d++) {
            // each day a fresh state object, as after reloading it: the model through save/load
            LiveState reloaded = new LiveState(Detectors.load(new ByteArrayInputStream(bytes(state.model()))),
                    state.judgedThrough(), state.ongoing());
            LiveDetection r = service.detectLive(TestAccount.request().asOf(day(d)).build(), source, reloaded);
            assertThat(r.report().periods()).containsExactly(day(d));
            assertThat(r.state().judgedThrough()).isEqualTo(day(d));
            assertThat(r.windowsPerPeriod()).containsOnlyKeys(day(d));
            live.addAll(r.report().alerts());
            state = r.state();
        }
        assertThat(describe(live)).isEqualTo(describe(backtest.alerts()));
        assertThat(live.stream().anyMatch(a -> a.anomalyStart().isBefore(a.period())))
                .as("an incident running over several daily runs keeps its start").isTrue();
    }

    @Test
    void aLiveRunAfterDowntimeJudgesEveryPeriodMissedAsTheDailyRunsWould() throws IOException {
        TrainedModel model = streamingModel();
        LiveDetection first = service.detectLive(TestAccount.request().asOf(day(52)).periods(3).build(), source,
                LiveState.start(model.detector()));
        assertThat(first.report().periods()).containsExactly(day(50), day(51), day(52));
        LiveDetection catchUp = service.detectLive(TestAccount.request().asOf(day(59)).build(), source, first.state());
        assertThat(catchUp.report().periods()).hasSize(7).startsWith(day(53)).endsWith(day(59));
        assertThat(catchUp.windowsPerPeriod()).hasSize(7);

        LiveState daily = LiveState.start(model.detector());
        List<Alert> dailyAlerts = new ArrayList<>();
        for (int d = 50; d <= 59; d++) {
            LiveDetection r = service.detectLive(TestAccount.request().asOf(day(d)).build(), source, daily);
            dailyAlerts.addAll(r.report().alerts());
            daily = r.state();
        }
        List<Alert> chunked = new ArrayList<>(first.report().alerts());
        chunked.addAll(catchUp.report().alerts());
        assertThat(describe(chunked)).isEqualTo(describe(dailyAlerts));
        assertThat(bytes(catchUp.state().model())).as("the learnt model").isEqualTo(bytes(daily.model()));
        assertThat(catchUp.state().ongoing()).isEqualTo(daily.ongoing());
    }

    @Test
    void theStreamingModelKeepsLearningInLiveRunsOnACopy() throws IOException {
        TrainedModel model = streamingModel();
        byte[] before = bytes(model.detector());
        LiveDetection r = service.detectLive(TestAccount.request().asOf(day(50)).build(), source,
                LiveState.start(model.detector()));
        assertThat(bytes(model.detector())).as("the state's model is not mutated").isEqualTo(before);
        assertThat(bytes(r.state().model())).as("the next state's model learnt the period").isNotEqualTo(before);
    }

    @Test
    void aBatchModelIsCarriedAsItIs() throws IOException {
        TrainedModel model = service.train(TestAccount.request().asOf(day(49)).build(), source);
        LiveDetection r = service.detectLive(TestAccount.request().asOf(day(50)).build(), source,
                LiveState.start(model.detector()));
        assertThat(r.state().model()).isSameAs(model.detector());
    }

    @Test
    void aRequestCarryingAModelOrAnAsOfAlreadyJudgedIsRefused() throws IOException {
        TrainedModel model = streamingModel();
        LiveDetection r = service.detectLive(TestAccount.request().asOf(day(52)).build(), source,
                LiveState.start(model.detector()));
        assertThatThrownBy(() -> service.detectLive(TestAccount.request().asOf(day(52)).build(), source, r.state()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asOf must be after the period last judged 2026-02-22, got 2026-02-22");
        assertThatThrownBy(() -> service.detectLive(model.applyTo(TestAccount.request().asOf(day(53)).build()), source,
                r.state())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request model must be null in a live run");
    }

    @Test
    void aLiveStateRefusesOngoingAnomaliesThatDoNotEndAtItsLastPeriod() throws IOException {
        TrainedModel model = streamingModel();
        assertThatThrownBy(() -> new LiveState(model.detector(), day(52),
                java.util.Map.of("kw", new OngoingAnomaly(day(50), day(51), 0.99))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ongoing anomaly of 'kw' must end at judgedThrough");
    }

    @Test
    void trainingWindowsPassThroughTheAdjustmentBeforeFitting() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        TrainedModel model = service.train(TestAccount.request().asOf(day(49)).build(), source, windows -> {
            seen.set(windows.size());
            List<FeatureWindow> out = new ArrayList<>(windows.subList(0, windows.size() / 2));
            out.add(windows.get(0));
            return out;
        }, FitListener.NONE);
        assertThat(seen.get()).isPositive();
        assertThat(model.trainingWindows()).isEqualTo(seen.get() / 2 + 1);
        assertThatThrownBy(() -> service.train(TestAccount.request().asOf(day(49)).build(), source, w -> List.of(), FitListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must hold at least one training");
    }
}
