package io.ppcanomaly.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeverityPolicyTest {

    private final SeverityPolicy policy = SeverityPolicy.DEFAULT;

    @Test
    void theSameCpcSpikeIsLowOnATwoDollarKeywordAndCriticalOnATwoThousandDollarOne() {
        double score = 0.999995;
        assertThat(policy.classify(score, 2.0, 0.0)).isEqualTo(Severity.LOW);
        assertThat(policy.classify(score, 2_000.0, 5_000.0)).isEqualTo(Severity.CRITICAL);
    }

    @ParameterizedTest(name = "score {0}, money {1} -> {2}")
    @CsvSource({
        "0.5,     5000, LOW",
        "0.998,   5000, LOW",
        "0.999,   9.99, LOW",
        "0.999,   10,   LOW",
        "0.999,   100,  MEDIUM",
        "0.999,   1000, MEDIUM",
        "0.9999,  50,   MEDIUM",
        "0.9999,  500,  HIGH",
        "0.9999,  1e6,  HIGH",
        "0.99999, 5,    LOW",
        "0.99999, 50,   MEDIUM",
        "0.99999, 999,  HIGH",
        "0.99999, 1000, CRITICAL",
        "1.0,     0,    LOW"})
    void defaultTableReadsAsDocumented(double score, double money, Severity expected) {
        assertThat(policy.classify(score, money)).isEqualTo(expected);
    }

    @Test
    void moneyAtStakeIsTheLargerOfSpendAndSales() {
        assertThat(SeverityPolicy.moneyAtStake(20, 300)).isEqualTo(300);
        assertThat(SeverityPolicy.moneyAtStake(2_000, 0)).isEqualTo(2_000);
        // a broken listing on a cheap but productive keyword: sales carry it
        assertThat(policy.classify(0.99999, 2.0, 1_500.0)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void moreRarityOrMoreMoneyNeverLowersTheSeverity() {
        double[] scores = {0, 0.5, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99995, 0.99999, 1};
        double[] money = {0, 5, 10, 50, 100, 500, 1000, 1e5};
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < money.length; j++) {
                Severity s = policy.classify(scores[i], money[j]);
                if (i > 0) {
                    assertThat(s).isGreaterThanOrEqualTo(policy.classify(scores[i - 1], money[j]));
                }
                if (j > 0) {
                    assertThat(s).isGreaterThanOrEqualTo(policy.classify(scores[i], money[j - 1]));
                }
            }
        }
    }

    @Test
    void bandsAndTableAreConfigurableThroughProperties() {
        Properties p = new Properties();
        p.setProperty("severity.scoreBands", "0.95");
        p.setProperty("severity.moneyBands", "50");
        p.setProperty("severity.table", "LOW,MEDIUM; HIGH,critical");
        SeverityPolicy custom = SeverityPolicy.of(p);
        assertThat(custom.classify(0.9, 10)).isEqualTo(Severity.LOW);
        assertThat(custom.classify(0.9, 60)).isEqualTo(Severity.MEDIUM);
        assertThat(custom.classify(0.96, 10)).isEqualTo(Severity.HIGH);
        assertThat(custom.classify(0.96, 60)).isEqualTo(Severity.CRITICAL);
        assertThat(SeverityPolicy.of(custom.toProperties())).isEqualTo(custom);
        assertThat(SeverityPolicy.of(new Properties())).isEqualTo(SeverityPolicy.DEFAULT);
        Properties onlyMoney = new Properties();
        onlyMoney.setProperty("severity.moneyBands", "20,200,2000");
        assertThat(SeverityPolicy.of(onlyMoney).classify(0.9999, 1500)).isEqualTo(Severity.HIGH);
    }

    @Test
    void inconsistentPoliciesAreRejected() {
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.999, 0.99), List.of(10.0), List.of()))
                .hasMessageContaining("scoreBands must be strictly increasing");
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.99), List.of(-1.0), List.of()))
                .hasMessageContaining("moneyBands must be finite, > 0");
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.99), List.of(10.0),
                List.of(List.of(Severity.LOW, Severity.LOW))))
                .hasMessageContaining("table must have 2 rows");
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.99), List.of(10.0),
                List.of(List.of(Severity.LOW, Severity.HIGH), List.of(Severity.LOW, Severity.MEDIUM))))
                .hasMessageContaining("table column 1 must not decrease with score");
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.99), List.of(10.0),
                List.of(List.of(Severity.MEDIUM, Severity.LOW), List.of(Severity.HIGH, Severity.HIGH))))
                .hasMessageContaining("table row 0 must not decrease with money");
        Properties p = new Properties();
        p.setProperty("severity.moneyBands", "10,100");
        assertThatThrownBy(() -> SeverityPolicy.of(p)).hasMessageContaining("inconsistent")
                .hasMessageContaining("cells");
        Properties bad = new Properties();
        bad.setProperty("severity.table", "LOW,URGENT");
        assertThatThrownBy(() -> SeverityPolicy.of(bad)).hasMessageContaining("got 'URGENT'");
        assertThatThrownBy(() -> policy.classify(1.2, 1)).hasMessageContaining("score must be in [0, 1], got 1.2");
        assertThatThrownBy(() -> policy.classify(0.5, Double.NaN)).hasMessageContaining("moneyAtStake must be");
        assertThatThrownBy(() -> SeverityPolicy.moneyAtStake(-1, 0)).hasMessageContaining("spendPerPeriod");
    }
}
