package io.ppcanomaly.rootcause.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class AdtributorTest {

    @Test
    void explanatoryPowersOfAPartitionAddUpToOne() {
        double[] f = {100, 50, 30};
        double[] a = {40, 55, 25};
        double ft = 180;
        double at = 120;
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += Adtributor.explanatoryPower(f[i], a[i], ft, at);
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-12));
        assertThat(Adtributor.explanatoryPower(100, 40, ft, at)).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void aTotalThatDidNotMoveGivesZeroPowerNotNaN() {
        assertThat(Adtributor.explanatoryPower(10, 20, 100, 100)).isZero();
        assertThat(Adtributor.ratioExplanatoryPower(1, 2, 1, 1, 10, 10, 10, 10)).isZero();
        assertThat(Adtributor.ratioExplanatoryPower(1, 2, 0, 1, 10, 11, 0, 10)).isZero();
    }

    @Test
    void ratioPowerIsTheTotalRatiosMoveHadOnlyThisElementChanged() {
        // Two keywords, spend / clicks. Keyword 0's CPC triples (spend 10 -> 30 on 10 clicks); keyword 1 holds.
        double fNum = 10 + 20;
        double aNum = 30 + 20;
        double fDen = 10 + 20;
        double aDen = 10 + 20;
        double ep0 = Adtributor.ratioExplanatoryPower(10, 30, 10, 10, fNum, aNum, fDen, aDen);
        double ep1 = Adtributor.ratioExplanatoryPower(20, 20, 20, 20, fNum, aNum, fDen, aDen);
        assertThat(ep0).isCloseTo(1.0, offset(1e-12));
        assertThat(ep1).isZero();
        // Clicks falling on an element with a high CPC raises nothing by itself here: the paper's formula,
        // (ΔN·F2 − ΔD·F1) / (F2·(F2 + ΔD)) over the total move, checked by hand.
        double ep = Adtributor.ratioExplanatoryPower(10, 10, 10, 5, 30, 30, 30, 25);
        double expected = ((0.0) * 30 - (-5.0) * 30) / (30.0 * (30 - 5)) / (30.0 / 25 - 1.0);
        assertThat(ep).isCloseTo(expected, offset(1e-12));
    }

    @Test
    void surpriseIsZeroForAProportionalChangeAndLargeForAConcentratedOne() {
        assertThat(Adtributor.surprise(20, 10, 100, 50)).isCloseTo(0.0, offset(1e-15));
        double concentrated = Adtributor.surprise(10, 60, 100, 150);
        assertThat(concentrated).isGreaterThan(0.04).isLessThanOrEqualTo(Math.log(2));
        assertThat(Adtributor.surprise(0, 0, 0, 0)).isZero();
    }

    @Test
    void explainingSetTakesElementsBySurpriseUntilTheyExplainEnough() {
        double[] ep = {0.05, 0.6, 0.3, 0.05};
        double[] s = {0.9, 0.5, 0.4, 0.1};
        // Element 0 is the most surprising but explains too little; 1 then 2 pass 0.67 together.
        assertThat(Adtributor.explainingSet(ep, s, 0.1, 0.67)).containsExactly(1, 2);
        assertThat(Adtributor.explainingSet(new double[] {0.2, 0.2}, new double[] {1, 1}, 0.1, 0.67)).isEmpty();
        assertThatThrownBy(() -> Adtributor.explainingSet(ep, new double[1], 0.1, 0.67))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surprise");
        assertThatThrownBy(() -> Adtributor.explainingSet(ep, s, 0.1, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSetPower");
    }
}
