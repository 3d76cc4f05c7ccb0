package io.ppcanomaly.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.streaming.tree.SplitRule;
import java.util.OptionalDouble;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HalfSpaceTreesConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void theDefaultsAreThePapers() {
        HalfSpaceTreesConfig c = HalfSpaceTreesConfig.of(null);
        assertThat(c).isEqualTo(HalfSpaceTreesConfig.DEFAULT);
        assertThat(c.numberOfTrees()).isEqualTo(25);
        assertThat(c.maxDepth()).isEqualTo(15);
        assertThat(c.windowSize()).isEqualTo(250);
        assertThat(c.sizeLimitFraction()).isEqualTo(0.1);
        assertThat(c.windowRows()).isEqualTo(1);
        assertThat(c.splitRule()).isEqualTo(SplitRule.MIDPOINT);
        assertThat(c.threshold()).isEmpty();
    }

    @Test
    void everyKeyIsReadAndWrittenBack() {
        Properties p = props("numberOfTrees", "7", "maxDepth", "9", "windowSize", "100", "sizeLimitFraction", "0.2",
                "windowRows", "3", "splitRule", "UNIFORM", "contamination", "0.05", "threshold", "0.8", "seed", "-5");
        HalfSpaceTreesConfig c = HalfSpaceTreesConfig.of(p);
        assertThat(c).isEqualTo(new HalfSpaceTreesConfig(7, 9, 100, 0.2, 3, SplitRule.UNIFORM, 0.05,
                OptionalDouble.of(0.8), -5));
        assertThat(HalfSpaceTreesConfig.of(c.toProperties())).isEqualTo(c);
        assertThat(c.toProperties().stringPropertyNames()).isEqualTo(HalfSpaceTreesConfig.KEYS);
    }

    @Test
    void unknownKeysAndBadValuesAreRejectedNamingThem() {
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("trees", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'trees'");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("numberOfTrees", "five")))
                .hasMessage("numberOfTrees must be an integer, got 'five'");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("numberOfTrees", "0")))
                .hasMessage("numberOfTrees must be > 0, got 0");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("maxDepth", "30")))
                .hasMessage("maxDepth must be in [1, 20], got 30");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("windowSize", "-1")))
                .hasMessage("windowSize must be in [1, 16777215], got -1");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("sizeLimitFraction", "1.5")))
                .hasMessage("sizeLimitFraction must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("windowRows", "0")))
                .hasMessage("windowRows must be > 0, got 0");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("splitRule", "median")))
                .hasMessage("splitRule must be midpoint or uniform, got 'median'");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("contamination", "0.7")))
                .hasMessage("contamination must be in (0, 0.5], got 0.7");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("threshold", "NaN")))
                .hasMessageContaining("threshold must be");
        assertThatThrownBy(() -> HalfSpaceTreesConfig.of(props("threshold", "1.01")))
                .hasMessage("threshold must be in [0, 1], got 1.01");
    }

    @Test
    void theModelSizeIsKnownBeforeFitting() {
        assertThat(HalfSpaceTreesConfig.DEFAULT.modelSizeInBytes(6)).isEqualTo(19_742_784L);
        assertThat(HalfSpaceTreesConfig.builder().maxDepth(10).build().modelSizeInBytes(6)).isLessThan(1_000_000L);
    }
}
