package io.ppcanomaly.ensemble;

import static io.ppcanomaly.ensemble.support.TestData.ksUniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.calibration.EmpiricalCalibrator;
import io.ppcanomaly.ensemble.support.TestData;
import io.ppcanomaly.ensemble.support.TestDetectorProvider;
import io.ppcanomaly.ensemble.tail.PeriodTailProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ensemble over test-only members standing in for the defaults (a registry the test controls). */
class EnsembleDetectorTest {

    private static final List<FeatureWindow> TRAINING = TestData.normal(1, 2_000);

    private static EnsembleDetector create(EnsembleDetectorProvider provider, String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return provider.createEnsemble(p);
    }

    private static EnsembleDetector defaults(String... keyValues) {
        return create(new EnsembleDetectorProvider(TestData.defaultsStandIn()), keyValues);
    }

    private static double[] scores(List<AnomalyResult> rs) {
        return rs.stream().mapToDouble(AnomalyResult::score).toArray();
    }

    @Test
    void defaultMembersVoteWithTheDocumentedWeights() {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        assertThat(d.memberWeights()).containsExactly(Map.entry("period-tail", 0.7),
                Map.entry("lstm-autoencoder", 0.15), Map.entry("half-space-trees", 0.1),
                Map.entry("isolation-forest", 0.05));
        AnomalyResult r = d.score(TRAINING.get(0));
        assertThat(r.memberScores()).containsOnlyKeys("period-tail", "lstm-autoencoder", "half-space-trees",
                "isolation-forest");
        assertThat(r.detector()).isEqualTo("ensemble");
        assertThat(r.threshold()).isEqualTo(EnsembleConfig.DEFAULT_THRESHOLD);
    }

    @Test
    void rawScoreIsTheWeightedMeanOfTheMembersSurprisals() {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        assertThat(d.config().combination()).isEqualTo(Combination.SURPRISAL);
        for (AnomalyResult r : d.scoreAll(TestData.normal(9, 50))) {
            Map<String, Double> m = r.memberScores();
            double mean = 0.7 * -Math.log(1 - m.get("period-tail")) + 0.15 * -Math.log(1 - m.get("lstm-autoencoder"))
                    + 0.1 * -Math.log(1 - m.get("half-space-trees")) + 0.05 * -Math.log(1 - m.get("isolation-forest"));
            assertThat(r.rawScore()).isCloseTo(mean, within(1e-9));
            // with the screen on, an ordinary window scores (1 - screen) times its combined calibrated level
            assertThat(r.score()).isCloseTo((1 - d.config().screen())
                    * d.combinedCalibrator().calibrate(r.rawScore()), within(1e-12));
        }
    }

    @Test
    void withCombineMeanRawScoreIsTheWeightedMeanOfTheCalibratedScores() {
        EnsembleDetector d = defaults("combine", "mean");
        d.fit(TRAINING);
        for (AnomalyResult r : d.scoreAll(TestData.normal(9, 50))) {
            Map<String, Double> m = r.memberScores();
            double mean = 0.7 * m.get("period-tail") + 0.15 * m.get("lstm-autoencoder")
                    + 0.1 * m.get("half-space-trees") + 0.05 * m.get("isolation-forest");
            assertThat(r.rawScore()).isCloseTo(mean, within(1e-12));
            assertThat(r.score()).isCloseTo((1 - d.config().screen())
                    * d.combinedCalibrator().calibrate(r.rawScore()), within(1e-12));
        }
    }

    @Test
    void aLoneExtremeVoteCountsMoreUnderSurprisalThanUnderTheMean() {
        // shock one feature only on the last day: the streaming stand-in (last row) sees it, the window-wide
        // z-score and MAD stand-ins see it diluted over 14 periods
        FeatureWindow base = TestData.normal(40, 1).get(0);
        double[] v = base.toArray();
        v[13 * 6 + 1] += 1.2;
        FeatureWindow lone = base.withValues(v);
        // the window members only: with period-tail the shocked period is beyond the screen and scores on its own
        String windowMembers = "lstm-autoencoder:0.5,half-space-trees:0.3,isolation-forest:0.2";
        EnsembleDetector surprisal = defaults("members", windowMembers);
        EnsembleDetector mean = defaults("members", windowMembers, "combine", "mean");
        surprisal.fit(TRAINING);
        mean.fit(TRAINING);
        assertThat(surprisal.score(lone).memberScores().get("half-space-trees")).isGreaterThan(0.999);
        assertThat(surprisal.score(lone).score()).isGreaterThan(mean.score(lone).score());
    }

    @Test
    void eachMembersCalibratedScoresOnItsTrainingDataAreNearUniform() {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        List<AnomalyResult> rs = d.scoreAll(TRAINING);
        for (String member : d.memberWeights().keySet()) {
            double[] u = rs.stream().mapToDouble(r -> r.memberScores().get(member)).toArray();
            // 2,000 windows, 400 of them the calibration sample: KS at 1% is 1.63 * sqrt(1/400 + 1/2000) = 0.089
            assertThat(ksUniform(u)).as("KS distance of %s", member).isLessThan(0.089);
        }
    }

    @Test
    void combinedScoreFlagsAboutOnePercentOfFreshNormalWindows() {
        EnsembleDetector d = defaults("threshold", "0.99");
        d.fit(TRAINING);
        List<AnomalyResult> rs = d.scoreAll(TestData.normal(77, 20_000));
        double flagged = rs.stream().filter(AnomalyResult::anomalous).count() / 20_000.0;
        // the threshold sits at the 0.99 quantile of 400 calibration values: allow for that sampling error
        assertThat(flagged).isBetween(0.003, 0.025);
        assertThat(ksUniform(scores(rs))).isLessThan(0.09);
    }

    @Test
    void obviousAnomaliesAreFlaggedAndEveryMemberVotesHard() {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        List<FeatureWindow> shocked = TestData.windows(new SplittableRandom(5), 20, 14, 2.0, 20, "out");
        for (AnomalyResult r : d.scoreAll(shocked)) {
            assertThat(r.anomalous()).isTrue();
            assertThat(r.memberScores().values()).allSatisfy(v -> assertThat(v).isGreaterThan(0.99));
        }
    }

    @Test
    void aDefaultMemberMissingFromTheClassPathIsLeftOutAndTheWeightsRenormalised() {
        EnsembleDetectorProvider provider = new EnsembleDetectorProvider(TestData.registry(
                TestDetectorProvider.ewma("half-space-trees"), TestDetectorProvider.mad("isolation-forest")));
        EnsembleDetector d = create(provider);
        assertThat(d.availableMembers()).containsOnlyKeys("half-space-trees", "isolation-forest");
        d.fit(TRAINING);
        assertThat(d.memberWeights().get("half-space-trees")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(d.memberWeights().get("isolation-forest")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(d.score(TRAINING.get(3)).memberScores()).containsOnlyKeys("half-space-trees",
                "isolation-forest");
    }

    @Test
    void anExplicitMemberThatCannotBeFoundIsAnErrorListingTheAvailableNames() {
        EnsembleDetectorProvider provider = new EnsembleDetectorProvider(TestData.defaultsStandIn());
        assertThatThrownBy(() -> create(provider, "members", "isolation-forest:0.5,no-such-detector:0.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-detector")
                .hasMessageContaining("[half-space-trees, isolation-forest, lstm-autoencoder, period-tail]");
    }

    @Test
    void aMemberOptionNamesTheMemberExplicitly() {
        EnsembleDetectorProvider provider = new EnsembleDetectorProvider(TestData.registry(
                TestDetectorProvider.mad("isolation-forest")));
        assertThatThrownBy(() -> create(provider, "member.lstm-autoencoder.fail", "none"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lstm-autoencoder");
        assertThatThrownBy(() -> create(provider, "member.isolation-forest.bogus", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("isolation-forest").hasMessageContaining("bogus");
    }

    @Test
    void noMemberAtAllIsAnErrorThatSaysWhatToAdd() {
        EnsembleDetectorProvider provider = new EnsembleDetectorProvider(TestData.registry(
                TestDetectorProvider.zscore("something-else")));
        assertThatThrownBy(() -> create(provider)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[something-else]").hasMessageContaining("members");
    }

    @Test
    void aMemberThatFailsToFitIsLeftOutUnlessStrict() {
        EnsembleDetector d = defaults("member.lstm-autoencoder.fail", "fit");
        d.fit(TRAINING);
        assertThat(d.memberWeights()).containsOnlyKeys("period-tail", "half-space-trees", "isolation-forest");
        assertThat(d.memberWeights().get("half-space-trees")).isCloseTo(0.1 / 0.85, within(1e-12));

        EnsembleDetector strict = defaults("member.lstm-autoencoder.fail", "fit", "strict", "true");
        assertThatThrownBy(() -> strict.fit(TRAINING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lstm-autoencoder").hasMessageContaining("strict");
        assertThat(strict.isFitted()).isFalse();
    }

    @Test
    void aMemberThatFailsToScoreIsLeftOutOfThatVote() {
        EnsembleDetector d = defaults("member.isolation-forest.fail", "score");
        d.fit(TRAINING);
        assertThat(d.memberWeights()).hasSize(4);
        List<FeatureWindow> batch = new ArrayList<>(TestData.normal(21, 30));
        FeatureWindow normal = batch.get(0);
        batch.add(normal.withIdentity(TestDetectorProvider.POISON, normal.period()));
        List<AnomalyResult> rs = d.scoreAll(batch);
        assertThat(rs).allSatisfy(r -> assertThat(r.memberScores())
                .containsOnlyKeys("period-tail", "lstm-autoencoder", "half-space-trees"));
        AnomalyResult r = rs.get(0);
        double mean = (0.7 * -Math.log(1 - r.memberScores().get("period-tail"))
                + 0.15 * -Math.log(1 - r.memberScores().get("lstm-autoencoder"))
                + 0.1 * -Math.log(1 - r.memberScores().get("half-space-trees"))) / 0.95;
        assertThat(r.rawScore()).isCloseTo(mean, within(1e-9));
        // without the poisoned window all four vote again
        assertThat(d.score(normal).memberScores()).hasSize(4);

        EnsembleDetector strict = defaults("member.isolation-forest.fail", "score", "strict", "true");
        strict.fit(TRAINING);
        assertThatThrownBy(() -> strict.scoreAll(batch)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("isolation-forest");
    }

    @Test
    void whenEveryMemberFailsTheErrorCarriesEachCause() {
        EnsembleDetectorProvider provider = new EnsembleDetectorProvider(TestData.defaultsStandIn());
        EnsembleDetector d = create(provider, "members", "lstm-autoencoder,isolation-forest",
                "member.lstm-autoencoder.fail", "fit", "member.isolation-forest.fail", "fit");
        assertThatThrownBy(() -> d.fit(TRAINING)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no ensemble member could be fitted")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    }

    @Test
    void scoreAndLearnAllStepsStreamingMembersLikeOneWindowAtATime() {
        EnsembleDetector a = defaults();
        EnsembleDetector b = defaults();
        a.fit(TRAINING);
        b.fit(TRAINING);
        List<FeatureWindow> stream = TestData.windows(new SplittableRandom(3), 60, 14, 0.4, 20, "s");
        double[] batch = scores(a.scoreAndLearnAll(stream));
        double[] single = new double[stream.size()];
        for (int i = 0; i < single.length; i++) {
            single[i] = b.scoreAndLearn(stream.get(i)).score();
        }
        assertThat(batch).containsExactly(single);
    }

    @Test
    void learningMovesOnlyTheStreamingMembers() {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        FeatureWindow probe = TestData.windows(new SplittableRandom(4), 1, 14, 1.0, 20, "p").get(0);
        Map<String, Double> before = d.score(probe).memberScores();
        d.learnAll(TestData.windows(new SplittableRandom(8), 200, 14, 0.8, 20, "drift"));
        Map<String, Double> after = d.score(probe).memberScores();
        assertThat(after.get("half-space-trees")).isNotEqualTo(before.get("half-space-trees"));
        assertThat(after.get("lstm-autoencoder")).isEqualTo(before.get("lstm-autoencoder"));
        assertThat(after.get("isolation-forest")).isEqualTo(before.get("isolation-forest"));
        assertThat(after.get("period-tail")).isEqualTo(before.get("period-tail"));
        assertThat(d).isInstanceOf(StreamingDetector.class);
    }

    @Test
    void saveAndLoadRoundTripTheMembersTheirLearntStateAndTheCalibration() throws IOException {
        EnsembleDetectorProvider provider = new EnsembleDetectorProvider(TestData.defaultsStandIn());
        EnsembleDetector d = create(provider, "threshold", "0.995", "member.isolation-forest.fail", "none");
        d.fit(TRAINING);
        d.learnAll(TestData.windows(new SplittableRandom(8), 100, 14, 0.5, 20, "drift"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.save(bytes);
        EnsembleDetector loaded = (EnsembleDetector) provider.load(new ByteArrayInputStream(bytes.toByteArray()));
        List<FeatureWindow> probe = TestData.normal(11, 300);
        assertThat(loaded.scoreAll(probe)).isEqualTo(d.scoreAll(probe));
        assertThat(loaded.config()).isEqualTo(d.config());
        assertThat(loaded.threshold()).isEqualTo(0.995);
        assertThat(loaded.memberWeights()).isEqualTo(d.memberWeights());
        EmpiricalCalibrator c = loaded.calibrator("half-space-trees");
        assertThat(c.knotScores()).containsExactly(d.calibrator("half-space-trees").knotScores());
    }

    @Test
    void loadingNeedsTheSavedMembersOnTheClassPath() throws IOException {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.save(bytes);
        EnsembleDetectorProvider fewer = new EnsembleDetectorProvider(TestData.registry(new PeriodTailProvider(),
                TestDetectorProvider.zscore("lstm-autoencoder"), TestDetectorProvider.mad("isolation-forest")));
        assertThatThrownBy(() -> fewer.load(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half-space-trees");
    }

    @Test
    void aRefitReplacesTheMembersAndTheCalibration() {
        EnsembleDetector d = defaults();
        d.fit(TRAINING);
        double before = d.calibrator("lstm-autoencoder").knotScores()[0];
        d.fit(TestData.windows(new SplittableRandom(12), 1_000, 14, 0.0, 20, "other"));
        assertThat(d.calibrator("lstm-autoencoder").knotScores()[0]).isNotEqualTo(before);
    }

    @Test
    void theEnsembleIsFoundThroughTheRegistryAndCannotBeItsOwnMember() {
        assertThat(Detectors.available()).contains("ensemble");
        Properties p = new Properties();
        p.setProperty("members", "ensemble:1");
        assertThatThrownBy(() -> Detectors.create("ensemble", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ensemble itself");
    }

    @Test
    void fittingOnTooFewWindowsForAHoldoutCalibratesInSample() {
        EnsembleDetector d = defaults();
        List<FeatureWindow> few = TestData.normal(2, 60);
        d.fit(few);
        List<Double> u = new ArrayList<>();
        d.scoreAll(few).forEach(r -> u.add(r.memberScores().get("isolation-forest")));
        // in-sample calibration: the calibration windows are the training windows, so their levels are the grid
        assertThat(ksUniform(u.stream().mapToDouble(Double::doubleValue).toArray())).isLessThan(0.5 / 60 + 1e-9);
    }

    @Test
    void unfittedEnsembleSaysSo() {
        Detector d = defaults();
        assertThatThrownBy(((EnsembleDetector) d)::memberWeights).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ensemble must be fitted");
    }
}
