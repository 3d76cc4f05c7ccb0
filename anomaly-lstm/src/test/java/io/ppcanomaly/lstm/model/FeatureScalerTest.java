package io.ppcanomaly.lstm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalerTest {

    private static final FeatureSchema AB = FeatureSchema.of("a", "b");

    @Test
    void fitsMeanAndStandardDeviationPerFeatureOverAllPeriods() {
        FeatureWindow w1 = FeatureWindow.of(AB, new double[] {1, 10, 3, 10}, null, null);
        FeatureWindow w2 = FeatureWindow.of(AB, new double[] {5, 10, 7, 10}, null, null);
        FeatureScaler s = FeatureScaler.fit(List.of(w1, w2));
        assertThat(s.mean()).containsExactly(4, 10);
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(s.scale()[1]).as("a constant feature gets scale 1").isEqualTo(1.0);
    }

    @Test
    void standardiseAndRestoreAreInverse() {
        FeatureScaler s = new FeatureScaler(new double[] {1, -2}, new double[] {2, 0.5});
        float[] out = new float[4];
        s.standardise(new double[] {3, 3, -1, -2}, 0, out, 0, 4);
        assertThat(out).containsExactly(1f, 10f, -1f, 0f);
        assertThat(s.restore(1, 10)).isEqualTo(3);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> new FeatureScaler(new double[] {0}, new double[] {0}))
                .hasMessage("scale[0] must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new FeatureScaler(new double[] {0, 1}, new double[] {1}))
                .hasMessageContaining("same positive length");
    }
}
