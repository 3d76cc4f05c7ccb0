package io.ppcanomaly.ensemble.shapley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.support.MemberOptions;
import io.ppcanomaly.ensemble.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MonteCarloShapleyExplainerTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.DEFAULT;
    private static final List<FeatureWindow> TRAINING = TestData.normal(1, 600);

    private static ShapleyConfig config(int samples, int exactMax, long seed, boolean antithetic) {
        return new ShapleyConfig(samples, exactMax, seed, antithetic, ShapleyConfig.DEFAULT_BATCH_SIZE);
    }

    private static FeatureWindow shocked(long seed) {
        return TestData.windows(new SplittableRandom(seed), 1, 14, 1.5, 20, "kw").get(0);
    }

    /** Score 0.3 + Σ a_k · mean(feature k): additive, so φ_k = a_k (mean x_k − mean b_k) exactly. */
    private static FunctionDetector additive() {
        double[] a = {0.05, -0.04, 0.03, 0.02, -0.01, 0.06};
        return new FunctionDetector(SCHEMA, 14, w -> {
            double s = 0.3;
            for (int k = 0; k < a.length; k++) {
                s += a[k] * FunctionDetector.mean(w, k);
            }
            return Math.max(0, Math.min(1, s));
        });
    }

    /** A score with interactions: 1 − exp(−(max |mean| of ctr, cpc) · (1 + |mean acos|) − …). */
    private static FunctionDetector interacting() {
        return new FunctionDetector(SCHEMA, 14, w -> {
            double m0 = Math.abs(FunctionDetector.mean(w, 0));
            double m1 = Math.abs(FunctionDetector.mean(w, 1));
            double m2 = Math.abs(FunctionDetector.mean(w, 2));
            double r = Math.max(m0, m1) * (1 + m2) + 0.5 * FunctionDetector.mean(w, 3) * FunctionDetector.mean(w, 4)
                    + 0.2 * Math.abs(FunctionDetector.mean(w, 5));
            return 1 - Math.exp(-Math.abs(r));
        });
    }

    @Test
    void exactValuesOfAnAdditiveScoreAreEachFeaturesOwnTerm() {
        double[] a = {0.05, -0.04, 0.03, 0.02, -0.01, 0.06};
        FeatureWindow x = shocked(3);
        FeatureWindow b = FeatureWindow.zeros(SCHEMA, 14, "kw", null);
        Explanation e = new MonteCarloShapleyExplainer().explain(additive(), x, b);
        for (int k = 0; k < a.length; k++) {
            assertThat(e.contributions().get(SCHEMA.name(k))).isCloseTo(a[k] * FunctionDetector.mean(x, k),
                    within(1e-12));
            assertThat(e.standardErrors().get(SCHEMA.name(k))).isZero();
        }
    }

    @Test
    void sampledValuesOfAnAdditiveScoreAreExactToo() {
        FeatureWindow x = shocked(3);
        FeatureWindow b = FeatureWindow.zeros(SCHEMA, 14, "kw", null);
        Explanation exact = new MonteCarloShapleyExplainer().explain(additive(), x, b);
        Explanation sampled = new MonteCarloShapleyExplainer(config(16, 0, 1, false)).explain(additive(), x, b);
        for (String f : SCHEMA.names()) {
            assertThat(sampled.contributions().get(f)).isCloseTo(exact.contributions().get(f), within(1e-12));
            assertThat(sampled.standardErrors().get(f)).isLessThan(1e-12);
        }
    }

    @Test
    void sampledValuesConvergeToTheExactOnesWithinTheirStandardErrors() {
        FeatureWindow x = shocked(4);
        FeatureWindow b = FeatureWindow.zeros(SCHEMA, 14, "kw", null);
        Explanation exact = new MonteCarloShapleyExplainer().explain(interacting(), x, b);
        for (boolean antithetic : new boolean[] {false, true}) {
            Explanation s = new MonteCarloShapleyExplainer(config(2_000, 0, 5, antithetic))
                    .explain(interacting(), x, b);
            double maxSe = 0;
            for (String f : SCHEMA.names()) {
                double se = s.standardErrors().get(f);
                maxSe = Math.max(maxSe, se);
                assertThat(s.contributions().get(f)).as("%s, antithetic %s", f, antithetic)
                        .isCloseTo(exact.contributions().get(f), within(4 * se + 1e-12));
            }
            assertThat(maxSe).as("the game has interactions, so sampling has error").isGreaterThan(0);
        }
    }

    @Test
    void sameSeedGivesTheSameExplanationAndAnotherSeedAnotherEstimate() {
        FeatureWindow x = shocked(6);
        FeatureWindow b = FeatureWindow.zeros(SCHEMA, 14, "kw", null);
        Explanation a = new MonteCarloShapleyExplainer(config(64, 0, 11, true)).explain(interacting(), x, b);
        Explanation again = new MonteCarloShapleyExplainer(config(64, 0, 11, true)).explain(interacting(), x, b);
        Explanation other = new MonteCarloShapleyExplainer(config(64, 0, 12, true)).explain(interacting(), x, b);
        assertThat(again).isEqualTo(a);
        assertThat(other.contributions()).isNotEqualTo(a.contributions());
    }

    @Test
    void featuresEqualToTheBaselineContributeNothingAndCostNothing() {
        double[] v = new double[14 * 6];
        for (int t = 0; t < 14; t++) {
            v[t * 6 + 1] = 0.8; // only cpc moves
            v[t * 6 + 5] = 0.4; // and spend
        }
        FeatureWindow x = FeatureWindow.of(SCHEMA, v, "kw", null);
        FunctionDetector d = interacting();
        Explanation e = new MonteCarloShapleyExplainer().explain(d, x, FeatureWindow.zeros(SCHEMA, 14, "kw", null));
        assertThat(e.contributions().get("ctr")).isZero();
        assertThat(e.contributions().get("acos")).isZero();
        assertThat(e.contributions().get("cpc")).isPositive();
        assertThat(e.ranked().get(0)).isEqualTo("cpc");
        assertThat(d.windowsScored).as("2^2 coalitions of the two moving features").isEqualTo(4);
        assertThat(d.calls).isEqualTo(1);
    }

    @Test
    void allCoalitionsAreScoredInOneBatchCall() {
        FunctionDetector d = additive();
        new MonteCarloShapleyExplainer().explain(d, shocked(8), FeatureWindow.zeros(SCHEMA, 14, "kw", null));
        assertThat(d.calls).isEqualTo(1);
        assertThat(d.windowsScored).isEqualTo(64);
        FunctionDetector chunked = additive();
        new MonteCarloShapleyExplainer(new ShapleyConfig(128, 10, 1, true, 10))
                .explain(chunked, shocked(8), FeatureWindow.zeros(SCHEMA, 14, "kw", null));
        assertThat(chunked.calls).isEqualTo(7);
    }

    @Test
    void manyFeaturesAreSampledAndStillAddUpExactly() {
        FeatureSchema wide = FeatureSchema.generic(14);
        SplittableRandom rnd = new SplittableRandom(2);
        List<FeatureWindow> train = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double[] v = new double[7 * 14];
            for (int j = 0; j < v.length; j++) {
                v[j] = TestData.gaussian(rnd);
            }
            train.add(FeatureWindow.of(wide, v, "r" + i, null));
        }
        Detector d = Detectors.create("test-zscore", null);
        d.fit(train);
        double[] v = train.get(0).toArray();
        for (int j = 0; j < v.length; j += 3) {
            v[j] += 3;
        }
        FeatureWindow x = FeatureWindow.of(wide, v, "x", null);
        Explanation e = Explainers.create("monte-carlo-shapley", null)
                .explain(d, x, FeatureWindow.zeros(wide, 7, "x", null));
        assertThat(e.total()).isCloseTo(e.score() - e.baselineScore(), within(1e-9));
        assertThat(e.standardErrors().values()).anySatisfy(se -> assertThat(se).isPositive());
    }

    static Stream<String> detectors() {
        return Detectors.available().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void contributionsSumToScoreMinusBaselineScoreForEveryDetector(String name) {
        Detector d = Detectors.create(name, MemberOptions.forTest(name));
        d.fit(TRAINING);
        List<FeatureWindow> probes = List.of(shocked(21), TestData.normal(22, 1).get(0), shocked(23));
        FeatureWindow zeros = FeatureWindow.zeros(SCHEMA, 14, "kw", null);
        FeatureWindow other = TestData.normal(24, 1).get(0);
        for (Explainer ex : List.of(new MonteCarloShapleyExplainer(),
                new MonteCarloShapleyExplainer(config(32, 0, 3, true)))) {
            for (FeatureWindow x : probes) {
                for (FeatureWindow b : List.of(zeros, other)) {
                    Explanation e = ex.explain(d, x, b);
                    assertThat(e.total()).as("%s with %s", name, ex)
                            .isCloseTo(e.score() - e.baselineScore(), within(1e-9));
                    assertThat(e.score()).isCloseTo(d.score(x).score(), within(1e-9));
                    assertThat(e.baselineScore()).isCloseTo(d.score(b).score(), within(1e-9));
                }
            }
        }
    }

    @Test
    void explanationCarriesTheWindowIdentityAndTheMethod() {
        FeatureWindow x = shocked(9).withIdentity("kw-9", TestData.T0);
        Explanation e = new MonteCarloShapleyExplainer().explain(additive(), x,
                FeatureWindow.zeros(SCHEMA, 14, null, null));
        assertThat(e.entityId()).isEqualTo("kw-9");
        assertThat(e.period()).isEqualTo(TestData.T0);
        assertThat(e.method()).isEqualTo("monte-carlo-shapley");
        assertThat(e.contributions().keySet()).containsExactlyElementsOf(SCHEMA.names());
    }

    @Test
    void badInputIsRejected() {
        Explainer ex = new MonteCarloShapleyExplainer();
        Detector unfitted = Detectors.create("test-zscore", null);
        FeatureWindow x = shocked(1);
        FeatureWindow zeros = FeatureWindow.zeros(SCHEMA, 14, null, null);
        assertThatThrownBy(() -> ex.explain(unfitted, x, zeros)).isInstanceOf(IllegalStateException.class);
        FunctionDetector d = additive();
        assertThatThrownBy(() -> ex.explain(d, x, FeatureWindow.zeros(SCHEMA, 7, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline")
                .hasMessageContaining("length");
        assertThatThrownBy(() -> ex.explain(d, FeatureWindow.zeros(FeatureSchema.generic(6), 14, null, null), zeros))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x0");
        assertThatThrownBy(() -> ex.explain(d, null, zeros)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void providerIsFoundByNameAndValidatesItsOptions() {
        assertThat(Explainers.available()).contains("monte-carlo-shapley");
        Properties p = new Properties();
        p.setProperty("samples", "256");
        p.setProperty("seed", "3");
        p.setProperty("antithetic", "false");
        Explainer e = Explainers.create("monte-carlo-shapley", p);
        assertThat(((MonteCarloShapleyExplainer) e).config()).isEqualTo(new ShapleyConfig(256, 10, 3, false, 4096));
        assertThat(ShapleyConfig.of(ShapleyConfig.DEFAULT.toProperties())).isEqualTo(ShapleyConfig.DEFAULT);
        Properties bad = new Properties();
        bad.setProperty("sample", "5");
        assertThatThrownBy(() -> Explainers.create("monte-carlo-shapley", bad)).hasMessageContaining("sample");
        Properties few = new Properties();
        few.setProperty("samples", "2");
        assertThatThrownBy(() -> Explainers.create("monte-carlo-shapley", few))
                .hasMessageContaining("samples must be >= 4, got 2");
        assertThat(new ShapleyConfig(5, 0, 1, true, 1).permutations()).isEqualTo(6);
        assertThat(Map.of()).isEmpty();
    }
}
