package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IsolationForestConfigTest {

    @Test
    void defaultsAreThoseOfThePaperAndScikitLearn() {
        IsolationForestConfig c = IsolationForestConfig.defaults();
        assertThat(c.trees()).isEqualTo(100);
        assertThat(c.sampleSize()).isEqualTo(256);
        assertThat(c.effectiveDepth(c.effectiveSampleSize(1_000_000))).isEqualTo(8);
        assertThat(c.extensionLevel()).isZero();
        assertThat(c.splitRule()).isEqualTo(SplitRule.NON_CONSTANT);
        assertThat(c.contamination()).isEqualTo(0.01);
        assertThat(c.windowRows()).isEqualTo(1);
        assertThat(c.seed()).isEqualTo(IsolationForestConfig.DEFAULT_SEED);
        assertThat(IsolationForestConfig.of(null)).isEqualTo(c);
        assertThat(IsolationForestConfig.of(new Properties())).isEqualTo(c);
    }

    @Test
    void depthLimitIsCeilLog2OfTheRowsPerTreeUnlessSet() {
        IsolationForestConfig c = IsolationForestConfig.defaults();
        assertThat(c.effectiveSampleSize(100)).isEqualTo(100);
        assertThat(c.effectiveDepth(2)).isEqualTo(1);
        assertThat(c.effectiveDepth(100)).isEqualTo(7);
        assertThat(c.effectiveDepth(128)).isEqualTo(7);
        assertThat(c.effectiveDepth(129)).isEqualTo(8);
        assertThat(c.toBuilder().maxDepth(12).build().effectiveDepth(256)).isEqualTo(12);
    }

    @Test
    void propertiesRoundTripEveryKey() {
        IsolationForestConfig c = IsolationForestConfig.builder().trees(7).sampleSize(64).maxDepth(5)
                .extensionLevel(1).splitRule(SplitRule.SMILE).contamination(0.05).windowRows(3)
                .thresholdSampleSize(999).parallel(false).seed(-3).build();
        Properties p = c.toProperties();
        assertThat(p.stringPropertyNames()).isEqualTo(IsolationForestConfig.KEYS);
        assertThat(IsolationForestConfig.of(p)).isEqualTo(c);
        IsolationForestConfig nc = c.toBuilder().extensionLevel(0).splitRule(SplitRule.NON_CONSTANT).build();
        assertThat(nc.toProperties().getProperty("split.rule")).isEqualTo("non-constant");
        assertThat(IsolationForestConfig.of(nc.toProperties())).isEqualTo(nc);
        assertThat(nc.toBuilder().build()).isEqualTo(nc);
    }

    @Test
    void theSplitRuleIsReadFromItsKey() {
        Properties p = new Properties();
        p.setProperty("split.rule", " Non-Constant ");
        assertThat(IsolationForestConfig.of(p).splitRule()).isEqualTo(SplitRule.NON_CONSTANT);
        p.setProperty("split.rule", "smile");
        assertThat(IsolationForestConfig.of(p).splitRule()).isEqualTo(SplitRule.SMILE);
        p.setProperty("split.rule", "");
        assertThat(IsolationForestConfig.of(p).splitRule()).as("blank = default")
                .isEqualTo(SplitRule.NON_CONSTANT);
        assertThat(SplitRule.NON_CONSTANT.value()).isEqualTo("non-constant");
        assertThat(SplitRule.SMILE).hasToString("smile");
    }

    @Test
    void theExtendedForestExistsOnlyWithSmilesRule() {
        Properties p = new Properties();
        p.setProperty("split.rule", "non-constant");
        p.setProperty("extension.level", "2");
        assertThatThrownBy(() -> IsolationForestConfig.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extension.level must be 0 with split.rule=non-constant (the default; Extended Isolation "
                        + "Forest exists only with split.rule=smile), got 2");
        p.setProperty("split.rule", "smile");
        assertThat(IsolationForestConfig.of(p).extensionLevel()).isEqualTo(2);
        p.remove("split.rule");
        assertThatThrownBy(() -> IsolationForestConfig.of(p)).as("the default rule is non-constant")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extension.level must be 0 with split.rule=non-constant (the default; Extended Isolation "
                        + "Forest exists only with split.rule=smile), got 2");
        assertThatThrownBy(() -> IsolationForestConfig.builder().extensionLevel(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split.rule=smile");
        assertThat(IsolationForestConfig.builder().extensionLevel(1).splitRule(SplitRule.SMILE).build()
                .extensionLevel()).isEqualTo(1);
        assertThatThrownBy(() -> IsolationForestConfig.builder().splitRule(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split.rule must be one of [smile, non-constant], got null");
    }

    @Test
    void valuesAreReadFromTheirDocumentedKeys() {
        Properties p = new Properties();
        p.setProperty("trees", " 50 ");
        p.setProperty("sample.size", "128");
        p.setProperty("contamination", "0.02");
        p.setProperty("window.rows", "2");
        p.setProperty("seed", "9");
        IsolationForestConfig c = IsolationForestConfig.of(p);
        assertThat(c.trees()).isEqualTo(50);
        assertThat(c.sampleSize()).isEqualTo(128);
        assertThat(c.contamination()).isEqualTo(0.02);
        assertThat(c.windowRows()).isEqualTo(2);
        assertThat(c.seed()).isEqualTo(9);
    }

    @Test
    void unknownKeysAreRejectedNamingThem() {
        Properties p = new Properties();
        p.setProperty("n_estimators", "100");
        assertThatThrownBy(() -> IsolationForestConfig.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n_estimators").hasMessageContaining("sample.size");
    }

    @Test
    void invalidValuesAreRejectedNamingKeyAndValue() {
        assertRejected("trees", "0", "trees must be >= 1, got 0");
        assertRejected("trees", "many", "trees must be an integer, got 'many'");
        assertRejected("sample.size", "1", "sample.size must be >= 2, got 1");
        assertRejected("max.depth", "65", "max.depth must be in [0, 64]");
        assertRejected("extension.level", "-1", "extension.level must be >= 0, got -1");
        assertRejected("contamination", "0", "contamination must be in (0, 0.5], got 0.0");
        assertRejected("contamination", "0.6", "contamination must be in (0, 0.5], got 0.6");
        assertRejected("contamination", "NaN", "contamination must be finite");
        assertRejected("window.rows", "0", "window.rows must be >= 1, got 0");
        assertRejected("threshold.sample.size", "0", "threshold.sample.size must be >= 1, got 0");
        assertRejected("parallel", "yes", "parallel must be true or false, got 'yes'");
        assertRejected("seed", "1.5", "seed must be an integer, got '1.5'");
        assertRejected("split.rule", "sklearn", "split.rule must be one of [smile, non-constant], got 'sklearn'");
        assertRejected("split.rule", "non_constant",
                "split.rule must be one of [smile, non-constant], got 'non_constant'");
    }

    @Test
    void theProviderAppliesTheOptions() {
        Properties p = new Properties();
        p.setProperty("trees", "10");
        p.setProperty("seed", "5");
        IsolationForestDetector d = (IsolationForestDetector) Detectors.create("isolation-forest", p);
        assertThat(d.config().trees()).isEqualTo(10);
        assertThat(d.config().seed()).isEqualTo(5);
        assertThat(new IsolationForestProvider().create(null).config()).isEqualTo(IsolationForestConfig.defaults());
    }

    private static void assertRejected(String key, String value, String message) {
        Properties p = new Properties();
        p.setProperty(key, value);
        assertThatThrownBy(() -> IsolationForestConfig.of(p)).as("%s=%s", key, value)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
