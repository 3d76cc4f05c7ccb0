package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Absolute period numbers, so spans compare and subtract as longs instead of through {@code ChronoUnit}. */
final class Periods {

    private Periods() {
    }

    /** @return the number of the period containing {@code t}: days since the epoch, or hours since it */
    static long index(Granularity g, LocalDateTime t) {
        return switch (g) {
            case DAY -> t.toLocalDate().toEpochDay();
            case HOUR -> Math.floorDiv(t.toEpochSecond(ZoneOffset.UTC), 3600L);
        };
    }

    /** @return the plural unit for summaries, e.g. {@code days} */
    static String unit(Granularity g, long n) {
        String u = g == Granularity.DAY ? "day" : "hour";
        return n == 1 ? u : u + "s";
    }
}
