package io.ppcanomaly.ensemble.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodTailDetectorTest {

    private static final List<FeatureWindow> TRAINING = TestData.normal(1, 4_000);

    private static Detector fitted(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        Detector d = Detectors.create(PeriodTailDetector.NAME, p);
        d.fit(TRAINING);
        return d;
    }

    /** A copy of {@code w} with {@code delta} added to feature {@code f} of row {@code t}. */
    private static FeatureWindow shifted(FeatureWindow w, int t, int f, double delta) {
        double[] v = w.toArray();
        v[t * w.width() + f] += delta;
        return w.withValues(v);
    }

    @Test
    void onlyTheJudgedPeriodCountsNotTheEarlierRows() {
        Detector d = fitted();
        FeatureWindow w = TestData.normal(2, 1).get(0);
        double base = d.score(w).score();
        assertThat(d.score(shifted(w, 3, 0, 5.0)).score()).isEqualTo(base);
        assertThat(d.score(shifted(w, w.length() - 1, 0, 5.0)).score()).isGreaterThan(base);
    }

    @Test
    void aShiftInOneFeatureOfTheJudgedPeriodOutranksEveryNormalPeriod() {
        Detector d = fitted();
        List<FeatureWindow> normal = TestData.normal(3, 2_000);
        double max = d.scoreAll(normal).stream().mapToDouble(AnomalyResult::score).max().orElseThrow();
        // the generated features have sd ~0.17; one feature moved by 1.5 is beyond every normal value
        FeatureWindow w = shifted(normal.get(0), 13, 4, -1.5);
        AnomalyResult r = d.score(w);
        assertThat(r.score()).isGreaterThan(max);
        assertThat(r.anomalous()).isTrue();
    }

    @Test
    void aDropIsAsRareAsARiseOfTheSameSize() {
        PeriodTailDetector d = (PeriodTailDetector) fitted();
        FeatureWindow w = FeatureWindow.zeros(FeatureSchema.DEFAULT, 14, "kw", TestData.T0);
        double up = d.tails(shifted(w, 13, 2, 0.6))[2];
        double down = d.tails(shifted(w, 13, 2, -0.6))[2];
        assertThat(up).isLessThan(0.01);
        assertThat(down).isCloseTo(up, within(up));
    }

    @Test
    void normalPeriodsAreFlaggedAboutAsOftenAsTheThresholdPromises() {
        Properties p = new Properties();
        p.setProperty("threshold", "0.99");
        Detector d = Detectors.create(PeriodTailDetector.NAME, p);
        d.fit(TestData.normal(7, 10_000));
        List<FeatureWindow> fresh = TestData.normal(4, 20_000);
        long flagged = d.scoreAll(fresh).stream().filter(AnomalyResult::anomalous).count();
        // 1% of 20,000 = 200: the threshold's own error from 10,000 reference periods (sd 0.1%) and the count's
        // binomial noise (sd 14) give about ±30 at one sd; the reference statistics are left-one-out, so there is
        // no in-sample bias on top
        assertThat(flagged).isBetween(120L, 280L);
    }

    @Test
    void aValueOnAPointMassScoresAsUsual() {
        // a feature that is exactly 0 in 70% of periods (a ratio with no baseline), noise otherwise
        SplittableRandom rnd = new SplittableRandom(5);
        List<FeatureWindow> training = new ArrayList<>();
        for (FeatureWindow w : TestData.normal(6, 3_000)) {
            double[] v = w.toArray();
            if (rnd.nextDouble() < 0.7) {
                v[13 * w.width() + 2] = 0.0;
            }
            training.add(w.withValues(v));
        }
        PeriodTailDetector d = (PeriodTailDetector) Detectors.create(PeriodTailDetector.NAME, null);
        d.fit(training);
        FeatureWindow zero = FeatureWindow.zeros(FeatureSchema.DEFAULT, 14, "kw", TestData.T0);
        assertThat(d.tails(zero)[2]).isCloseTo(1.0, within(0.01));
    }

    @Test
    void fisherAddsLinkedShiftsWhereMaxCountsOnlyTheRarest() {
        Detector fisher = fitted("combine", "fisher");
        Detector max = fitted();
        FeatureWindow w = FeatureWindow.zeros(FeatureSchema.DEFAULT, 14, "kw", TestData.T0);
        FeatureWindow one = shifted(w, 13, 1, 0.5);
        FeatureWindow two = shifted(one, 13, 2, 0.5);
        assertThat(fisher.score(two).rawScore()).isGreaterThan(fisher.score(one).rawScore() + 3);
        assertThat(max.score(two).rawScore()).isCloseTo(max.score(one).rawScore(), within(1.0));
    }

    @Test
    void scoresKeepTheirOrderFarBeyondTheReference() {
        Detector d = fitted();
        FeatureWindow w = FeatureWindow.zeros(FeatureSchema.DEFAULT, 14, "kw", TestData.T0);
        double a = d.score(shifted(w, 13, 0, 1.0)).rawScore();
        double b = d.score(shifted(w, 13, 0, 2.0)).rawScore();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void unknownCombinationIsRejectedNamingTheValue() {
        Properties p = new Properties();
        p.setProperty("combine", "mean");
        assertThatThrownBy(() -> Detectors.create(PeriodTailDetector.NAME, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("combine").hasMessageContaining("mean");
        p.setProperty("combine", "fisher");
        p.setProperty("maxSamples", "3");
        assertThatThrownBy(() -> Detectors.create(PeriodTailDetector.NAME, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxSamples must be >= 10, got 3");
    }

    @Test
    void configRoundTripsThroughProperties() {
        PeriodTailConfig c = new PeriodTailConfig(PeriodTailConfig.Combine.MAX, 0.995, 500, 0.05, 7);
        assertThat(PeriodTailConfig.of(c.toProperties())).isEqualTo(c);
    }

    @Test
    void theSavedFormatOfVersion1StillLoadsAndScoresAsWhenSaved() throws IOException {
        Detector d;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/period-tail-v1.model")) {
            assertThat(in).as("fixture").isNotNull();
            d = Detectors.load(in);
        }
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/period-tail-v1.scores")) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        double[] want = expected.lines().mapToDouble(Double::parseDouble).toArray();
        double[] got = d.scoreAll(PeriodTailFixtures.probe()).stream().mapToDouble(AnomalyResult::score).toArray();
        assertThat(got).containsExactly(want);
    }

    @Test
    void aLoadedModelScoresBitIdentically() throws IOException {
        Detector d = fitted("maxSamples", "500");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.save(out);
        Detector back = Detectors.load(new ByteArrayInputStream(out.toByteArray()));
        List<FeatureWindow> probe = PeriodTailFixtures.probe();
        assertThat(back.scoreAll(probe).stream().mapToDouble(AnomalyResult::score).toArray())
                .containsExactly(d.scoreAll(probe).stream().mapToDouble(AnomalyResult::score).toArray());
        assertThat(Arrays.asList(back.toString())).allMatch(s -> s.contains("max"));
    }
}
