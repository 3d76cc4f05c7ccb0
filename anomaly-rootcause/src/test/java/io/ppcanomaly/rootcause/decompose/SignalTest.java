package io.ppcanomaly.rootcause.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.ppcanomaly.api.features.FeatureSchema;
import org.junit.jupiter.api.Test;

class SignalTest {

    /** impressions, clicks, spend, sales, orders. */
    private static Snapshot snap(double[] f, double[] a) {
        return Snapshot.of(f, a, 14, 3);
    }

    @Test
    void everyDefaultFeatureNamesItsSignal() {
        for (String f : FeatureSchema.DEFAULT.names()) {
            assertThat(Signal.forFeature(f)).as(f).isNotNull();
            assertThat(Signal.forFeature(f).feature()).isEqualTo(f);
        }
        assertThat(Signal.forFeature("x0")).isNull();
        assertThat(Signal.CPC.isRatio()).isTrue();
        assertThat(Signal.IMPRESSIONS.isRatio()).isFalse();
    }

    @Test
    void logChangeIsSignedAndShrunkForSmallCounts() {
        Snapshot big = snap(new double[] {10_000, 500, 500, 2000, 50}, new double[] {10_000, 500, 1500, 2000, 50});
        assertThat(Signal.CPC.logChange(big)).isCloseTo(Math.log(3), offset(0.01));
        assertThat(Signal.IMPRESSIONS.logChange(big)).isZero();
        Snapshot tiny = snap(new double[] {10, 1, 1, 0, 0}, new double[] {10, 1, 3, 0, 0});
        assertThat(Signal.CPC.logChange(tiny)).isPositive().isLessThan(Math.log(3) / 2);
        Snapshot halved = snap(new double[] {10_000, 500, 500, 2000, 50}, new double[] {5_000, 250, 250, 1000, 25});
        assertThat(Signal.IMPRESSIONS.logChange(halved)).isCloseTo(Math.log(0.5), offset(0.01));
        assertThat(Signal.CTR.logChange(halved)).isCloseTo(0, offset(0.01));
    }

    @Test
    void aRatioWithoutABaselineHasNoMeasurableMove() {
        Snapshot none = snap(new double[] {100, 0, 0, 0, 0}, new double[] {100, 5, 9, 0, 0});
        assertThat(Signal.CPC.logChange(none)).isZero();
        assertThat(Signal.ACOS.logChange(none)).isZero();
        assertThat(Signal.SPEND.logChange(none)).isEqualTo(Signal.LIMIT);
    }

    @Test
    void noiseShrinksWithTheCountsBehindTheSignal() {
        Snapshot small = snap(new double[] {100, 2, 2, 10, 1}, new double[] {100, 2, 2, 10, 1});
        Snapshot large = snap(new double[] {100_000, 2000, 2000, 10_000, 100}, new double[] {100_000, 2000, 2000,
                10_000, 100});
        assertThat(Signal.CVR.noise(large)).isLessThan(Signal.CVR.noise(small));
        assertThat(Signal.IMPRESSIONS.noise(large)).isLessThan(0.01);
    }

    @Test
    void anElementsShareAndPowerFollowTheNumerator() {
        Snapshot total = snap(new double[] {1000, 100, 100, 400, 10}, new double[] {1000, 100, 160, 400, 10});
        Snapshot kw = snap(new double[] {250, 25, 25, 100, 2.5}, new double[] {250, 25, 85, 100, 2.5});
        assertThat(Signal.CPC.baselineShare(kw, total)).isCloseTo(0.25, offset(1e-12));
        assertThat(Signal.CPC.explanatoryPower(kw, total)).isCloseTo(1.0, offset(1e-12));
        assertThat(Signal.CPC.explanatoryPower(total.minus(kw), total)).isCloseTo(0.0, offset(1e-12));
        assertThat(Signal.CPC.surprise(kw, total)).isPositive();
    }

    @Test
    void snapshotsRejectBadValuesAndFloorRoundingNegatives() {
        assertThatThrownBy(() -> Snapshot.of(new double[4], new double[5], 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 values");
        assertThatThrownBy(() -> Snapshot.of(new double[] {-1, 0, 0, 0, 0}, new double[5], 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impressions");
        assertThatThrownBy(() -> Snapshot.of(new double[5], new double[] {0, Double.NaN, 0, 0, 0}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clicks");
        assertThatThrownBy(() -> Snapshot.of(new double[5], new double[5], 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period counts");
        Snapshot a = Snapshot.of(new double[] {1, 1, 0.3, 0, 0}, new double[5], 1, 1);
        Snapshot b = Snapshot.of(new double[] {1, 1, 0.1 + 0.2, 0, 0}, new double[5], 1, 1);
        assertThat(a.minus(b).forecast(io.ppcanomaly.api.model.MetricField.SPEND)).isGreaterThanOrEqualTo(0);
        assertThat(Snapshot.ofSums(new double[] {14, 0, 0, 0, 0, 3, 0, 0, 0, 0}, 14, 3)
                .forecast(io.ppcanomaly.api.model.MetricField.IMPRESSIONS)).isEqualTo(1.0);
    }
}
