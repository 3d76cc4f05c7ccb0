package io.ppcanomaly.monitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.Granularity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When jobs run: the cadence of the data, the zone of its dates, daylight-saving days. */
class ScheduleTest {

    private final Schedule ny = new Schedule(ZoneId.of("America/New_York"), LocalTime.of(6, 0), 15, LocalTime.of(3, 30),
            Optional.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0));

    @Test
    void dailyDataIsJudgedOnceADayAfterItClosedAndHourlyDataEveryHour() {
        Instant t = Instant.parse("2026-03-04T12:40:00Z"); // 07:40 in New York
        assertThat(ny.lastClosedPeriod(Granularity.DAY, t)).isEqualTo(LocalDateTime.of(2026, 3, 3, 0, 0));
        assertThat(ny.lastClosedPeriod(Granularity.HOUR, t)).isEqualTo(LocalDateTime.of(2026, 3, 4, 6, 0));
        assertThat(ny.nextDetection(Granularity.DAY, t)).isEqualTo(Instant.parse("2026-03-05T11:00:00Z"));
        assertThat(ny.nextDetection(Granularity.HOUR, t)).isEqualTo(Instant.parse("2026-03-04T13:15:00Z"));
        assertThat(ny.nextDetection(Granularity.HOUR, Instant.parse("2026-03-04T13:05:00Z")))
                .isEqualTo(Instant.parse("2026-03-04T13:15:00Z"));
        assertThat(ny.nextCleanup(t)).isEqualTo(Instant.parse("2026-03-05T08:30:00Z"));
    }

    @Test
    void retrainingIsWeeklyOnItsDayAndCanBeOff() {
        Instant wednesday = Instant.parse("2026-03-11T12:00:00Z");
        assertThat(ny.nextRetraining(wednesday)).contains(Instant.parse("2026-03-15T06:00:00Z"));
        Instant sundayLate = Instant.parse("2026-03-15T10:00:00Z");
        assertThat(ny.nextRetraining(sundayLate)).contains(Instant.parse("2026-03-22T06:00:00Z"));
        Schedule off = new Schedule(ZoneId.of("UTC"), LocalTime.NOON, 0, LocalTime.NOON, Optional.empty(),
                LocalTime.NOON);
        assertThat(off.nextRetraining(wednesday)).isEmpty();
    }

    @Test
    void theDaylightSavingDaysKeepTheLocalTimes() {
        // 2026-03-08: New York springs forward at 02:00; the 06:00 run is at 10:00 UTC instead of 11:00
        assertThat(ny.nextDetection(Granularity.DAY, Instant.parse("2026-03-07T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
        // the retraining's 02:00 does not exist that night: it runs at 03:00 local, still once
        assertThat(ny.nextRetraining(Instant.parse("2026-03-07T12:00:00Z")))
                .contains(Instant.parse("2026-03-08T07:00:00Z"));
    }
}
