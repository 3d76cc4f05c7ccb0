package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ppcanomaly.api.Severity;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SeverityPolicyTest {

    @Test
    void theSameSpikeIsLowOnATwoDollarKeywordAndCriticalOnATwoThousandDollarOne() {
        SeverityPolicy p = SeverityPolicy.DEFAULT;
        assertThat(p.severity(0.99995, SeverityPolicy.moneyAtStake(2, 0))).isEqualTo(Severity.LOW);
        assertThat(p.severity(0.99995, SeverityPolicy.moneyAtStake(2000, 500))).isEqualTo(Severity.CRITICAL);
        assertThat(p.severity(0.9995, 50)).isEqualTo(Severity.MEDIUM);
        assertThat(p.severity(0.995, 500)).isEqualTo(Severity.MEDIUM);
        assertThat(p.severity(0.5, 1e6)).isEqualTo(Severity.LOW);
    }

    @Test
    void bandEdgesAreLowerInclusive() {
        SeverityPolicy p = SeverityPolicy.DEFAULT;
        assertThat(p.severity(0.999, 100)).isEqualTo(Severity.HIGH);
        assertThat(p.severity(0.9989, 100)).isEqualTo(Severity.MEDIUM);
        assertThat(p.severity(0.999, 99.99)).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void readsAndWritesTheDocumentedKeys() {
        Properties props = new Properties();
        props.setProperty("severity.scoreBands", "0.9");
        props.setProperty("severity.moneyBands", "5");
        props.setProperty("severity.table", "low,medium;high,CRITICAL");
        SeverityPolicy p = SeverityPolicy.of(props);
        assertThat(p.severity(0.95, 6)).isEqualTo(Severity.CRITICAL);
        assertThat(SeverityPolicy.of(p.toProperties())).isEqualTo(p);
        assertThat(SeverityPolicy.of(new Properties())).isEqualTo(SeverityPolicy.DEFAULT);
    }

    @Test
    void rejectsBadBandsShapesAndATableThatDecreases() {
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.9, 0.8), List.of(1.0), List.of()))
                .hasMessageStartingWith("scoreBands must be strictly increasing in (0.0, 1.0]");
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.9), List.of(1.0), List.of(List.of(Severity.LOW))))
                .hasMessage("table must have 2 rows (one per score band), got 1");
        assertThatThrownBy(() -> new SeverityPolicy(List.of(0.9), List.of(1.0),
                List.of(List.of(Severity.HIGH, Severity.LOW), List.of(Severity.HIGH, Severity.HIGH))))
                .hasMessageContaining("must not decrease as money grows");
        Properties bad = new Properties();
        bad.setProperty("severity.table", "low,urgent");
        assertThatThrownBy(() -> SeverityPolicy.of(bad)).hasMessage(
                "severity.table must hold low, medium, high or critical, got 'urgent'");
        assertThatThrownBy(() -> SeverityPolicy.DEFAULT.severity(1.5, 1)).hasMessage(
                "score must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> SeverityPolicy.moneyAtStake(-1, 0)).hasMessage(
                "spendPerPeriod must be finite and >= 0, got -1.0");
    }
}
