package io.ppcanomaly.lstm.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static List<FeatureWindow> windows(int entities, int perEntity, boolean named) {
        List<FeatureWindow> out = new ArrayList<>();
        for (int e = 0; e < entities; e++) {
            for (int i = 0; i < perEntity; i++) {
                out.add(FeatureWindow.zeros(FeatureSchema.of("x"), 3, named ? "kw-" + e : null, null));
            }
        }
        return out;
    }

    private static Set<String> entities(List<FeatureWindow> w, int[] idx) {
        Set<String> s = new HashSet<>();
        for (int i : idx) {
            s.add(w.get(i).entityId());
        }
        return s;
    }

    @Test
    void holdsOutWholeEntitiesWhenThereAreEnough() {
        List<FeatureWindow> w = windows(40, 5, true);
        TrainingData d = TrainingData.split(w, 0.1, 1);
        assertThat(d.validation()).hasSize(4 * 5);
        assertThat(d.training()).hasSize(36 * 5);
        Set<String> held = entities(w, d.validation());
        assertThat(held).hasSize(4).doesNotContainAnyElementsOf(entities(w, d.training()));
    }

    @Test
    void holdsOutWindowsWhenEntitiesAreUnnamedOrFew() {
        TrainingData d = TrainingData.split(windows(1, 100, false), 0.2, 1);
        assertThat(d.validation()).hasSize(20);
        assertThat(d.training()).hasSize(80);
        TrainingData few = TrainingData.split(windows(3, 10, true), 0.1, 1);
        assertThat(few.validation()).hasSize(3);
    }

    @Test
    void partitionsTheIndices() {
        TrainingData d = TrainingData.split(windows(50, 20, true), 0.1, 9);
        assertThat(d.training().length + d.validation().length).isEqualTo(1000);
        assertThat(d.training()).isSorted().doesNotHaveDuplicates();
        assertThat(d.validation()).isSorted().doesNotHaveDuplicates();
        assertThat(IntStream.of(d.training()).boxed().toList())
                .doesNotContainAnyElementsOf(IntStream.of(d.validation()).boxed().toList());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        List<FeatureWindow> w = windows(50, 20, true);
        TrainingData a = TrainingData.split(w, 0.1, 9);
        TrainingData b = TrainingData.split(w, 0.1, 9);
        TrainingData c = TrainingData.split(w, 0.1, 10);
        assertThat(a.training()).containsExactly(b.training());
        assertThat(a.validation()).containsExactly(b.validation());
        assertThat(Arrays.equals(a.validation(), c.validation())).isFalse();
    }

    @Test
    void noHoldOutWhenTheFractionIsZeroOrThereIsOneWindow() {
        assertThat(TrainingData.split(windows(20, 5, true), 0, 1).validation()).isEmpty();
        TrainingData one = TrainingData.split(windows(1, 1, true), 0.5, 1);
        assertThat(one.training()).containsExactly(0);
        assertThat(one.validation()).isEmpty();
    }
}
