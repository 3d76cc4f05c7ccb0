package io.ppcanomaly.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void parsesWireAndEnumNamesCaseInsensitively() {
        assertThat(Severity.parse("high")).isEqualTo(Severity.HIGH);
        assertThat(Severity.parse(" CRITICAL ")).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.parse(Severity.LOW.wireName())).isEqualTo(Severity.LOW);
    }

    @Test
    void anUnknownSeverityIsRejectedNamingTheValueAndTheAcceptedNames() {
        assertThatThrownBy(() -> Severity.parse("urgent")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("severity must be one of [low, medium, high, critical], got 'urgent'");
    }
}
