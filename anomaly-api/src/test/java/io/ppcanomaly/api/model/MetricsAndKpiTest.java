package io.ppcanomaly.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetricsAndKpiTest {

    @Test
    void rejectsNegativeAndNonFiniteValuesNamingTheField() {
        assertThatThrownBy(() -> new Metrics(10, 1, -0.5, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spend must be finite and >= 0, got -0.5");
        assertThatThrownBy(() -> new Metrics(10, 1, 1, Double.NaN, 0)).hasMessage("sales must be finite and >= 0, got NaN");
        assertThatThrownBy(() -> new Metrics(10, 1, Double.POSITIVE_INFINITY, 0, 0)).hasMessageContaining("spend");
        assertThatThrownBy(() -> new Metrics(-1, 0, 0, 0, 0)).hasMessageContaining("impressions");
        assertThatThrownBy(() -> new Metrics(0, 0, 0, 0, -3)).hasMessageContaining("orders");
    }

    @Test
    void rejectsClicksAboveImpressions() {
        assertThatThrownBy(() -> new Metrics(5, 6, 1, 0, 0)).hasMessage("clicks must be <= impressions (5), got 6");
    }

    @Test
    void allowsMoreOrdersThanClicksBecauseOfAttributionWindows() {
        assertThat(new Metrics(100, 1, 1, 90, 3).orders()).isEqualTo(3);
    }

    @Test
    void validateNamesTheContext() {
        assertThatThrownBy(() -> Metrics.validate("entity 'kw-1' at 2026-03-14", 1, 2, 0, 0, 0))
                .hasMessageStartingWith("entity 'kw-1' at 2026-03-14: clicks");
    }

    @Test
    void kpisFollowTheirDefinitions() {
        Metrics m = new Metrics(1000, 20, 30.0, 120.0, 4);
        assertThat(Kpi.CTR.of(m)).isEqualTo(0.02);
        assertThat(Kpi.CPC.of(m)).isEqualTo(1.5);
        assertThat(Kpi.ACOS.of(m)).isEqualTo(0.25);
        assertThat(Kpi.CVR.of(m)).isEqualTo(0.2);
        assertThat(Kpi.ROAS.of(m)).isEqualTo(4.0);
    }

    @ParameterizedTest
    @EnumSource(Kpi.class)
    void zeroOverZeroIsZero(Kpi kpi) {
        assertThat(kpi.of(Metrics.ZERO)).isZero();
    }

    @Test
    void positiveOverZeroIsTheCapAndNeverInfinite() {
        assertThat(Kpi.ACOS.of(new Metrics(100, 5, 4.0, 0, 0))).isEqualTo(Kpi.ACOS.cap());
        assertThat(Kpi.ROAS.of(new Metrics(100, 0, 0, 50, 1))).isEqualTo(Kpi.ROAS.cap());
        assertThat(Kpi.CVR.of(new Metrics(100, 0, 0, 50, 1))).isEqualTo(Kpi.CVR.cap());
        assertThat(Kpi.ACOS.ratio(1e300, 1e-300)).isEqualTo(Kpi.ACOS.cap());
    }

    @Test
    void sumsAreElementWise() {
        Metrics s = new Metrics(10, 1, 1, 2, 1).plus(new Metrics(5, 2, 3, 0, 0));
        assertThat(s).isEqualTo(new Metrics(15, 3, 4, 2, 1));
    }
}
