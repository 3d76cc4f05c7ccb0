package io.ppcanomaly.api.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureWindowTest {

    private static final FeatureSchema S = FeatureSchema.of("a", "b", "c");

    @Test
    void rejectsNaNAndInfinityNamingRowFeatureAndValue() {
        assertThatThrownBy(() -> FeatureWindow.of(S, new double[][] {{0, 0, 0}, {0, Double.NaN, 0}}, "kw", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window row 1 feature 'b' must be finite, got NaN");
        assertThatThrownBy(() -> FeatureWindow.ofRow(S, 0, 0, Double.NEGATIVE_INFINITY))
                .hasMessageContaining("'c'").hasMessageContaining("-Infinity");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> FeatureWindow.of(S, new double[][] {{0, 0, 0}, {1, 2}}, null, null))
                .hasMessage("window row 1 has 2 values, expected 3");
        assertThatThrownBy(() -> FeatureWindow.of(S, new double[4], null, null))
                .hasMessageContaining("multiple of 3");
        assertThatThrownBy(() -> FeatureWindow.of(S, new double[0][], null, null))
                .hasMessageContaining("at least one row");
    }

    @Test
    void isImmutable() {
        double[] v = {1, 2, 3, 4, 5, 6};
        FeatureWindow w = FeatureWindow.of(S, v, null, null);
        v[0] = 99;
        w.toArray()[1] = 99;
        w.row(0)[2] = 99;
        assertThat(w.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(w.lastRow()).containsExactly(4, 5, 6);
        double[] dst = new double[5];
        w.copyLastRowsTo(1, dst, 2);
        assertThat(dst).containsExactly(0, 0, 4, 5, 6);
    }

    @Test
    void schemaRejectsDuplicatesAndBlanks() {
        assertThatThrownBy(() -> FeatureSchema.of("a", "a")).hasMessage("feature names must be unique, got 'a' twice");
        assertThatThrownBy(() -> FeatureSchema.of("a", " ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> FeatureSchema.of(java.util.List.of())).hasMessageContaining("empty");
        assertThat(FeatureSchema.DEFAULT.names()).containsExactly("ctr", "cpc", "acos", "cvr", "impressions", "spend");
        assertThat(FeatureSchema.generic(2).names()).containsExactly("x0", "x1");
    }

    @Test
    void requireSameNamesBothSchemas() {
        assertThatThrownBy(() -> S.requireSame(FeatureSchema.of("a", "b")))
                .hasMessage("window features must be [a, b, c], got [a, b]");
    }
}
