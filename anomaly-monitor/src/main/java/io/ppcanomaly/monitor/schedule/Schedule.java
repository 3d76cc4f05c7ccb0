package io.ppcanomaly.monitor.schedule;

import io.ppcanomaly.api.model.Granularity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * When the monitor's jobs run, in one time zone (the zone the data's dates are in, usually the advertiser's):
 * detection at a cadence fitting the data — daily data once a day at {@code dailyAt}, after the day closed; hourly
 * data every hour at minute {@code hourlyMinute} — the daily clean-up at {@code cleanupAt}, and retraining weekly on
 * {@code retrainDay} at {@code retrainAt} (or never). Immutable; the computations are pure.
 *
 * @param zone         the time zone of the data's periods and of the times below
 * @param dailyAt      when daily data is judged (the previous day), e.g. 06:00 — late enough for the day's report
 * @param hourlyMinute minute of each hour at which hourly data is judged (the previous hour), in [0, 59]
 * @param cleanupAt    when the daily clean-up runs
 * @param retrainDay   the day of the weekly retraining, or empty for no scheduled retraining
 * @param retrainAt    when on that day
 */
public record Schedule(ZoneId zone, LocalTime dailyAt, int hourlyMinute, LocalTime cleanupAt,
                       Optional<DayOfWeek> retrainDay, LocalTime retrainAt) {

    /** UTC; daily data at 06:00, hourly at :15; clean-up at 03:30; retraining on Sundays at 02:00. */
    public static final Schedule DEFAULT = new Schedule(ZoneId.of("UTC"), LocalTime.of(6, 0), 15, LocalTime.of(3, 30),
            Optional.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0));

    /** Validates. */
    public Schedule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dailyAt, "dailyAt");
        Objects.requireNonNull(cleanupAt, "cleanupAt");
        Objects.requireNonNull(retrainDay, "retrainDay");
        Objects.requireNonNull(retrainAt, "retrainAt");
        if (hourlyMinute < 0 || hourlyMinute > 59) {
            throw new IllegalArgumentException("hourlyMinute must be in [0, 59], got " + hourlyMinute);
        }
    }

    /**
     * @return the latest period that has closed at {@code now} in the schedule's zone: yesterday for daily data, the
     *         previous hour for hourly data
     */
    public LocalDateTime lastClosedPeriod(Granularity granularity, Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        return granularity == Granularity.HOUR
                ? local.truncatedTo(ChronoUnit.HOURS).minusHours(1)
                : local.toLocalDate().minusDays(1).atStartOfDay();
    }

    /** @return the first detection time strictly after {@code after} for data of {@code granularity} */
    public Instant nextDetection(Granularity granularity, Instant after) {
        ZonedDateTime t = after.atZone(zone);
        if (granularity == Granularity.HOUR) {
            ZonedDateTime c = t.truncatedTo(ChronoUnit.HOURS).plusMinutes(hourlyMinute);
            return (c.toInstant().isAfter(after) ? c : c.plusHours(1)).toInstant();
        }
        return nextDaily(after, dailyAt);
    }

    /** @return the first clean-up time strictly after {@code after} */
    public Instant nextCleanup(Instant after) {
        return nextDaily(after, cleanupAt);
    }

    /** @return the first retraining time strictly after {@code after}, or empty when retraining is off */
    public Optional<Instant> nextRetraining(Instant after) {
        if (retrainDay.isEmpty()) {
            return Optional.empty();
        }
        LocalDate d = after.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(retrainDay.get()));
        for (int week = 0; week < 3; week++) {
            Instant c = ZonedDateTime.of(d.plusWeeks(week), retrainAt, zone).toInstant();
            if (c.isAfter(after)) {
                return Optional.of(c);
            }
        }
        throw new AssertionError("no retraining time within three weeks of " + after);
    }

    private Instant nextDaily(Instant after, LocalTime at) {
        LocalDate d = after.atZone(zone).toLocalDate();
        for (int day = -1; day < 3; day++) {
            Instant c = ZonedDateTime.of(d.plusDays(day), at, zone).toInstant();
            if (c.isAfter(after)) {
                return c;
            }
        }
        throw new AssertionError("no daily time within three days of " + after);
    }
}
