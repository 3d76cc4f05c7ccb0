package io.ppcanomaly.service.table;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a timestamp cell as <em>wall-clock</em> seconds: the date and time as written, counted from
 * 1970-01-01T00:00 as if it were UTC. Daily and weekly cycles follow the clock people live by, so an offset, when
 * given, is dropped rather than applied ({@code 2026-03-01T09:00+01:00} is 9 a.m.). Stateless and thread-safe.
 *
 * <p>Accepted: ISO dates ({@code 2026-03-01}), date-times with {@code T} or a space, minutes or seconds and an
 * optional fraction ({@code 2026-03-01 09:00}, {@code 2026-03-01T09:00:00.250}), an optional offset or {@code Z};
 * and epoch seconds (10 digits or fewer) or epoch milliseconds (13 digits), read as UTC.
 */
public final class WallClock {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,10}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{13}");

    private WallClock() {
    }

    /**
     * @param cell the timestamp as written (surrounding blanks ignored)
     * @return wall-clock seconds since 1970-01-01T00:00 (fractions of a second dropped)
     * @throws IllegalArgumentException for anything else, quoting the cell
     */
    public static long parse(String cell) {
        Objects.requireNonNull(cell, "cell");
        String s = cell.trim();
        if (EPOCH_SECONDS.matcher(s).matches()) {
            return Long.parseLong(s);
        }
        if (EPOCH_MILLIS.matcher(s).matches()) {
            return Math.floorDiv(Long.parseLong(s), 1000L);
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay() * Cycle.DAY;
            }
            var parsed = LOCAL.parse(s);
            LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
                    LocalTime.of(parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
                            parsed.isSupported(ChronoField.SECOND_OF_MINUTE)
                                    ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0));
            return local.toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timestamp must be an ISO date or date-time (e.g. 2026-03-01 09:00:00"
                    + ", optionally with an offset) or epoch seconds/milliseconds, got '" + cell + "'");
        }
    }

    /** @return the wall-clock seconds as an ISO date-time, e.g. {@code 2026-03-01T09:00} */
    public static String format(long seconds) {
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).toString();
    }

    /** @return a local date-time's wall-clock seconds */
    public static long of(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC);
    }
}
