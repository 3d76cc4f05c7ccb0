package io.ppcanomaly.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocAucTest {

    @Test
    void perfectReversedAndTiedScores() {
        boolean[] y = {false, false, true, true};
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, y)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, y)).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, y)).isEqualTo(0.5);
    }

    @Test
    void matchesAHandComputedCaseWithATie() {
        // pairs (pos, neg): pos scores {0.4, 0.8}, neg {0.1, 0.4, 0.35}: 0.4 beats 0.1 and 0.35, ties 0.4 (1/2);
        // 0.8 beats all three => (2.5 + 3) / 6
        double auc = RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.4, 0.8}, new int[] {0, 0, 0, 1, 1});
        assertThat(auc).isCloseTo(5.5 / 6, within(1e-12));
    }

    @Test
    void rejectsOneClassMismatchedLengthsAndNaN() {
        assertThatThrownBy(() -> RocAuc.of(new double[] {1, 2}, new boolean[] {true, true}))
                .hasMessageContaining("both classes");
        assertThatThrownBy(() -> RocAuc.of(new double[] {1, 2}, new boolean[] {true}))
                .hasMessage("labels must have 2 entries, got 1");
        assertThatThrownBy(() -> RocAuc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}))
                .hasMessage("score 1 must be finite, got NaN");
    }

    @Test
    void readsATableAndNamesTheLineOfABadValue(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("tiny.csv");
        Files.writeString(ok, "x0,x1,label\n1,2,0\n3,4,1\n");
        LabelledTable t = LabelledTable.read(ok);
        assertThat(t.name()).isEqualTo("tiny");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.columns()).isEqualTo(2);
        assertThat(t.anomalies()).isEqualTo(1);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x0,x1,label\n1,2,0\n3,abc,1\n");
        assertThatThrownBy(() -> LabelledTable.read(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining("x1").hasMessageContaining("'abc'");
    }
}
