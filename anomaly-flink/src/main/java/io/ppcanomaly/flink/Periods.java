package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Periods as event time: a period's start as epoch milliseconds in UTC, and its number since the epoch. */
final class Periods {

    private Periods() {
    }

    /** @return the period's start as epoch milliseconds, reading the local date-time as UTC */
    static long toMillis(LocalDateTime period) {
        return period.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** @return the local date-time of epoch milliseconds read as UTC */
    static LocalDateTime fromMillis(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    /** @return the length of one period in milliseconds */
    static long length(Granularity g) {
        return g == Granularity.HOUR ? 3_600_000L : 86_400_000L;
    }

    /** @return the period's number since the epoch */
    static long index(Granularity g, long millis) {
        return Math.floorDiv(millis, length(g));
    }

    /** @return the period with that number */
    static LocalDateTime period(Granularity g, long index) {
        return fromMillis(index * length(g));
    }
}
