package io.ppcanomaly.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucScikitLearnCasesTest {

    @Test
    void perfectAndReversedRankingsGiveOneAndZero() {
        boolean[] y = {false, false, true, true};
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, y)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, y)).isEqualTo(0.0);
    }

    @Test
    void tiesCountOneHalfAsScikitLearnDoes() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        assertThat(RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isCloseTo(0.75, within(1e-12));
        // all tied: 0.5
        assertThat(RocAuc.of(new double[] {1, 1, 1, 1}, new boolean[] {false, true, false, true})).isEqualTo(0.5);
        // roc_auc_score([0, 1, 0, 1, 0], [0.2, 0.5, 0.5, 0.9, 0.1]) == 0.9166...
        assertThat(RocAuc.of(new double[] {0.2, 0.5, 0.5, 0.9, 0.1},
                new boolean[] {false, true, false, true, false})).isCloseTo(11.0 / 12.0, within(1e-12));
    }

    @Test
    void oneClassLabelsAreRejected() {
        assertThatThrownBy(() -> RocAuc.of(new double[] {1, 2}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both classes");
    }
}
