package io.ppcanomaly.notify.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When a digest route's periods end: every day at {@code at}, or every week on {@code day} at {@code at}, in
 * {@code zone} (daylight saving handled by the zone's rules). Immutable.
 *
 * @param cadence {@link Cadence#DAILY} or {@link Cadence#WEEKLY}
 * @param at      the time of day a period ends
 * @param day     the weekday a weekly period ends, {@code null} for daily
 * @param zone    the time zone of {@code at} and {@code day}
 */
public record DigestSchedule(Cadence cadence, LocalTime at, DayOfWeek day, ZoneId zone) {

    /** Validates. */
    public DigestSchedule {
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        if (cadence == Cadence.IMMEDIATE) {
            throw new IllegalArgumentException("cadence must be daily or weekly for a digest, got immediate");
        }
        if ((cadence == Cadence.WEEKLY) != (day != null)) {
            throw new IllegalArgumentException("day must be set exactly for a weekly digest, got " + day + " for "
                    + cadence.wireName());
        }
    }

    /** @return the end of the latest period that ended at or before {@code now} */
    public Instant lastEnd(Instant now) {
        ZonedDateTime t = now.atZone(zone);
        ZonedDateTime end = t.with(at);
        if (cadence == Cadence.WEEKLY) {
            end = end.with(TemporalAdjusters.previousOrSame(day));
        }
        while (end.toInstant().isAfter(now)) {
            end = cadence == Cadence.WEEKLY ? end.minusWeeks(1) : end.minusDays(1);
        }
        return end.toInstant();
    }

    /** @return the start of the period ending at {@code end} (one day or week before, in the zone) */
    public Instant startOf(Instant end) {
        ZonedDateTime e = end.atZone(zone);
        return (cadence == Cadence.WEEKLY ? e.minusWeeks(1) : e.minusDays(1)).toInstant();
    }
}
