package io.ppcanomaly.service.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WallClockTest {

    private static final long NINE_AM = WallClock.of(LocalDateTime.of(2026, 3, 1, 9, 0));

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01 09:00", "2026-03-01T09:00", "2026-03-01 09:00:00", "2026-03-01T09:00:00.250",
        " 2026-03-01 09:00:00.000000 ", "2026-03-01T09:00:00Z", "2026-03-01T09:00+01:00", "2026-03-01T09:00:00-0500"})
    void readsTheDateAndTimeAsWrittenWhateverTheOffset(String cell) {
        assertThat(WallClock.parse(cell)).isEqualTo(NINE_AM);
    }

    @Test
    void readsDatesAndEpochSecondsOrMilliseconds() {
        assertThat(WallClock.parse("2026-03-01")).isEqualTo(NINE_AM - 9 * 3600);
        assertThat(WallClock.parse("1772355600")).isEqualTo(NINE_AM);
        assertThat(WallClock.parse("1772355600250")).isEqualTo(NINE_AM);
        assertThat(WallClock.format(NINE_AM)).isEqualTo("2026-03-01T09:00");
    }

    @Test
    void rejectsAnythingElseQuotingTheCell() {
        assertThatThrownBy(() -> WallClock.parse("01/03/2026 9am"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must be an ISO date or date-time (e.g. 2026-03-01 09:00:00, optionally with an "
                        + "offset) or epoch seconds/milliseconds, got '01/03/2026 9am'");
        assertThatThrownBy(() -> WallClock.parse("2026-02-30")).hasMessageContaining("got '2026-02-30'");
    }
}
