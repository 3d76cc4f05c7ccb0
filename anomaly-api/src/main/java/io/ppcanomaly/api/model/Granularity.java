package io.ppcanomaly.api.model;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The length of one period of a metric series: a day or an hour. */
public enum Granularity {
    /** One observation per calendar day; periods are at midnight. */
    DAY(ChronoUnit.DAYS, DateTimeFormatter.ISO_LOCAL_DATE),
    /** One observation per hour; periods are at the top of the hour. */
    HOUR(ChronoUnit.HOURS, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));

    private final ChronoUnit unit;
    private final DateTimeFormatter format;

    Granularity(ChronoUnit unit, DateTimeFormatter format) {
        this.unit = unit;
        this.format = format;
    }

    /** @return {@code period} moved by {@code n} periods */
    public LocalDateTime plus(LocalDateTime period, long n) {
        return period.plus(n, unit);
    }

    /** @return the number of whole periods from {@code a} to {@code b} (negative when b is earlier) */
    public long between(LocalDateTime a, LocalDateTime b) {
        return unit.between(a, b);
    }

    /** @return whether {@code period} is aligned to this granularity (midnight for days, :00 for hours) */
    public boolean isAligned(LocalDateTime period) {
        return period.truncatedTo(unit).equals(period);
    }

    /** @return the period as text: {@code 2026-03-14} for days, {@code 2026-03-14T11:00} for hours */
    public String format(LocalDateTime period) {
        return format.format(period);
    }
}
