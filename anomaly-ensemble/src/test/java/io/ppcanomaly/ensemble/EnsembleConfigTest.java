package io.ppcanomaly.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnsembleConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void noOptionsGiveTheDocumentedDefaults() {
        EnsembleConfig c = EnsembleConfig.of(null);
        assertThat(c).isEqualTo(EnsembleConfig.DEFAULT);
        assertThat(c.members()).extracting(MemberSpec::name)
                .containsExactly("period-tail", "lstm-autoencoder", "half-space-trees", "isolation-forest");
        assertThat(c.members()).extracting(MemberSpec::weight).containsExactly(0.7, 0.15, 0.1, 0.05);
        assertThat(c.explicitMembers()).isFalse();
        assertThat(c.threshold()).isEqualTo(0.999);
        assertThat(c.screen()).isEqualTo(1e-4);
    }

    @Test
    void membersListSetsNamesWeightsAndMakesThemExplicit() {
        EnsembleConfig c = EnsembleConfig.of(props("members", " isolation-forest:2 , half-space-trees ,x:0.25"));
        assertThat(c.explicitMembers()).isTrue();
        assertThat(c.members()).containsExactly(MemberSpec.of("isolation-forest", 2),
                MemberSpec.of("half-space-trees", 1), MemberSpec.of("x", 0.25));
    }

    @Test
    void memberOptionsArePassedUnderTheirOwnKeys() {
        EnsembleConfig c = EnsembleConfig.of(props("member.isolation-forest.trees", "50",
                "member.isolation-forest.seed", "7", "member.lstm-autoencoder.max.training.windows", "100"));
        MemberSpec forest = c.members().get(3);
        assertThat(forest.options()).containsExactly(Map.entry("seed", "7"), Map.entry("trees", "50"));
        assertThat(forest.toProperties()).containsEntry("trees", "50");
        assertThat(c.members().get(1).options()).containsEntry("max.training.windows", "100");
        assertThat(c.explicitMembers()).isFalse();
    }

    @Test
    void optionsRoundTripThroughProperties() {
        EnsembleConfig c = EnsembleConfig.of(props("members", "a:1,b:3", "member.b.k", "v", "threshold", "0.995", "combine", "MEAN",
                "calibration.holdout", "0.3", "calibration.minHoldout", "20", "calibration.maxSamples", "500",
                "calibration.tail", "0.05", "calibration.screen", "0.001", "seed", "9", "strict", "true"));
        assertThat(c.combination()).isEqualTo(Combination.MEAN);
        assertThat(EnsembleConfig.of(c.toProperties())).isEqualTo(c);
        assertThat(EnsembleConfig.of(EnsembleConfig.DEFAULT.toProperties())).isEqualTo(EnsembleConfig.DEFAULT);
    }

    @Test
    void badValuesAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> EnsembleConfig.of(props("thresold", "0.9")))
                .hasMessageContaining("thresold");
        assertThatThrownBy(() -> EnsembleConfig.of(props("threshold", "1.5")))
                .hasMessageContaining("threshold must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> EnsembleConfig.of(props("calibration.holdout", "0.95")))
                .hasMessageContaining("calibration.holdout must be in [0, 0.9]");
        assertThatThrownBy(() -> EnsembleConfig.of(props("members", "a:0")))
                .hasMessageContaining("weight of member 'a' must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> EnsembleConfig.of(props("members", "a:x")))
                .hasMessageContaining("members weight of 'a' must be a number, got 'x'");
        assertThatThrownBy(() -> EnsembleConfig.of(props("members", "a,a")))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> EnsembleConfig.of(props("members", " , ")))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> EnsembleConfig.of(props("member.unknown.k", "1")))
                .hasMessageContaining("member.unknown.*");
        assertThatThrownBy(() -> EnsembleConfig.of(props("member.isolation-forest", "1")))
                .hasMessageContaining("member.<name>.<key>");
        assertThatThrownBy(() -> EnsembleConfig.of(props("combine", "max")))
                .hasMessageContaining("combine must be surprisal or mean, got 'max'");
        assertThatThrownBy(() -> EnsembleConfig.of(props("calibration.screen", "0.05")))
                .hasMessageContaining("calibration.screen must be in [0, 0.01], got 0.05");
        assertThatThrownBy(() -> new EnsembleConfig(List.of(), false, Combination.MEAN, 0.99, 0.2, 50, 100, 0.1, 0.0,
                1, false))
                .hasMessageContaining("members must not be empty");
    }
}
