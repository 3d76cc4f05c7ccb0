package io.ppcanomaly.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void perfectReversedAndConstantScorersGiveOneZeroAndAHalf() {
        int[] y = {0, 0, 1, 1};
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, y)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, y)).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, y)).isEqualTo(0.5);
    }

    @Test
    void tiesBetweenClassesCountHalf() {
        // pairs (pos, neg): 0.7>0.3 yes, 0.7>0.5 yes, 0.5 vs 0.3 yes, 0.5 vs 0.5 tie → (3 + 0.5) / 4
        assertThat(RocAuc.of(new double[] {0.3, 0.5, 0.5, 0.7}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.875, within(1e-15));
    }

    @Test
    void labelsMustBeBinaryAndHoldBothClasses() {
        assertThatThrownBy(() -> RocAuc.of(new double[] {1, 2}, new int[] {1, 1}))
                .hasMessageContaining("both classes");
        assertThatThrownBy(() -> RocAuc.of(new double[] {1, 2}, new int[] {0, 2}))
                .hasMessageContaining("0 or 1");
    }
}
