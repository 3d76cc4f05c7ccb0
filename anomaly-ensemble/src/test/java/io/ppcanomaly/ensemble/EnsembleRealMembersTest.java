package io.ppcanomaly.ensemble;

import static io.ppcanomaly.ensemble.support.TestData.ksUniform;
import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.contract.FitEvents;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.MemberOptions;
import io.ppcanomaly.ensemble.support.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ensemble over the four real default members (test-scope dependencies; the LSTM kept small). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsembleRealMembersTest {

    private final List<FeatureWindow> training = TestData.normal(1, 2_000);
    private final List<FeatureWindow> stream = TestData.windows(new SplittableRandom(3), 300, 14, 0.3, 20, "s"); // > ψ = 250: HST swaps its reference window once

    @BeforeAll
    void realMembersArePresent() {
        assertThat(MemberOptions.defaultMembersPresent()).as("test class path: %s", Detectors.available()).isTrue();
    }

    private EnsembleDetector fitted() {
        EnsembleDetector d = (EnsembleDetector) Detectors.create("ensemble", MemberOptions.forTest("ensemble"));
        d.fit(training);
        return d;
    }

    @Test
    void theFourDefaultMembersVoteWithTheDefaultWeights() {
        EnsembleDetector d = fitted();
        assertThat(d.memberWeights()).containsExactly(Map.entry("period-tail", 0.7),
                Map.entry("lstm-autoencoder", 0.15), Map.entry("half-space-trees", 0.1),
                Map.entry("isolation-forest", 0.05));
        List<AnomalyResult> rs = d.scoreAll(training);
        for (String m : d.memberWeights().keySet()) {
            double[] u = rs.stream().mapToDouble(r -> r.memberScores().get(m)).toArray();
            // 400 of the 2,000 windows are the calibration sample; two-sample KS at 1%: 0.089
            assertThat(ksUniform(u)).as("KS distance of %s's calibrated scores on its training data", m)
                    .isLessThan(0.089);
        }
    }

    @Test
    void aFitListenerHearsEachRealMembersOwnWorkUnderTheEnsemble() {
        EnsembleDetector d = (EnsembleDetector) Detectors.create("ensemble", MemberOptions.forTest("ensemble"));
        List<FitProgress> heard = new ArrayList<>();
        d.fit(TestData.normal(2, 600), heard::add); // smaller than the other tests' 2,000: only the events matter
        Map<List<String>, List<FitProgress>> fits = FitEvents.assertWellOrdered(heard);
        assertThat(fits.keySet()).containsExactly(List.of("ensemble"), List.of("ensemble", "period-tail"),
                List.of("ensemble", "lstm-autoencoder"),
                List.of("ensemble", "half-space-trees"), List.of("ensemble", "isolation-forest"));
        assertThat(units(fits.get(List.of("ensemble")))).containsOnly(Unit.MEMBERS);
        assertThat(units(fits.get(List.of("ensemble", "isolation-forest")))).containsOnly(Unit.TREES);
        assertThat(units(fits.get(List.of("ensemble", "half-space-trees")))).containsOnly(Unit.ROWS);
        List<FitProgress> lstm = fits.get(List.of("ensemble", "lstm-autoencoder"));
        assertThat(units(lstm)).containsOnly(Unit.EPOCHS);
        List<FitProgress> epochEnds = lstm.stream().filter(p -> p.loss().isPresent()).toList();
        assertThat(epochEnds).isNotEmpty().allSatisfy(p -> {
            assertThat(p.done()).isEqualTo(Math.rint(p.done()));
            assertThat(p.validationLoss()).isPresent();
        });
        assertThat(lstm.stream().filter(p -> p.stage() == Stage.PROGRESS && p.loss().isEmpty()).count())
                .as("minibatch events between the epochs' ends").isGreaterThan(epochEnds.size());
    }

    private static List<Unit> units(List<FitProgress> events) {
        return events.stream().filter(p -> p.stage() == Stage.PROGRESS).map(FitProgress::unit).toList();
    }

    @Test
    void halfSpaceTreesKeepsLearningInsideTheEnsemble() {
        EnsembleDetector a = fitted();
        EnsembleDetector b = fitted();
        assertThat(Detectors.create("half-space-trees", null)).isInstanceOf(StreamingDetector.class);
        double[] batch = a.scoreAndLearnAll(stream).stream().mapToDouble(AnomalyResult::score).toArray();
        double[] single = new double[stream.size()];
        for (int i = 0; i < single.length; i++) {
            single[i] = b.scoreAndLearn(stream.get(i)).score();
        }
        assertThat(batch).containsExactly(single);
        FeatureWindow probe = TestData.normal(50, 1).get(0);
        Map<String, Double> learnt = a.score(probe).memberScores();
        Map<String, Double> fresh = fitted().score(probe).memberScores();
        assertThat(learnt.get("half-space-trees")).isNotEqualTo(fresh.get("half-space-trees"));
        assertThat(learnt.get("lstm-autoencoder")).isEqualTo(fresh.get("lstm-autoencoder"));
        assertThat(learnt.get("isolation-forest")).isEqualTo(fresh.get("isolation-forest"));
    }

    @Test
    void aSavedEnsembleResumesItsMembersLearntState() throws IOException {
        EnsembleDetector d = fitted();
        d.learnAll(stream);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.save(bytes);
        EnsembleDetector loaded = (EnsembleDetector) Detectors.load(new ByteArrayInputStream(bytes.toByteArray()));
        List<FeatureWindow> next = TestData.windows(new SplittableRandom(9), 30, 14, 0.3, 20, "n");
        assertThat(loaded.scoreAndLearnAll(next)).isEqualTo(d.scoreAndLearnAll(next));
    }
}
