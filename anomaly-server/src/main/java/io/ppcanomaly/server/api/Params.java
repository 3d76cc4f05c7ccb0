package io.ppcanomaly.server.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Query and path parameters, parsed once at the boundary: a value that does not parse is a 400 naming the field
 * and the value. Stateless.
 */
public final class Params {

    private Params() {
    }

    /**
     * Refuses query parameters the endpoint does not know (a typo such as {@code min_severty} would otherwise be
     * ignored silently and the client would get an unfiltered answer).
     */
    public static void allowOnly(Context ctx, String... names) {
        Set<String> known = Set.of(names);
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw ApiException.notOneOf("query parameter", e.getKey(), List.copyOf(new TreeSet<>(known)));
            }
            if (e.getValue().size() > 1) {
                throw ApiException.badField(e.getKey(), String.join(",", e.getValue()), e.getKey()
                        + " must be given once, got " + e.getValue().size() + " values");
            }
        }
    }

    /** @return the parameter, or {@code null} when absent or empty */
    public static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * @return the parameter as an int in [min, max], or {@code dflt} when absent
     * @throws ApiException 400 when it is not a whole number in range
     */
    public static int integer(Context ctx, String name, int dflt, int min, int max) {
        String v = text(ctx, name);
        return v == null ? dflt : integer(name, v, min, max);
    }

    /** @return {@code v} as an int in [min, max] */
    public static int integer(String name, String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, v, name + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badField(name, v, name + " must be between " + min + " and " + max + ", got " + v);
        }
        return (int) n;
    }

    /** @return a path parameter as a positive long id */
    public static long id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            long id = Long.parseLong(v);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, v, name + " must be a positive whole number, got '" + v + "'");
        }
    }

    /**
     * @return the parameter parsed by an enum's {@code parse}, or {@code null} when absent
     * @throws ApiException 400 listing the accepted names
     */
    public static <E extends Enum<E>> E enumValue(Context ctx, String name, Function<String, E> parse, E[] values,
                                                  Function<E, String> wire) {
        String v = text(ctx, name);
        return v == null ? null : enumValue(name, v, parse, values, wire);
    }

    /** @return {@code v} parsed by {@code parse}; 400 listing the accepted names when it fails */
    public static <E extends Enum<E>> E enumValue(String name, String v, Function<String, E> parse, E[] values,
                                                  Function<E, String> wire) {
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.notOneOf(name, v, Arrays.stream(values).map(wire).toList());
        }
    }

    /** @return the parameter as an ISO date ({@code 2026-03-14}), or {@code null} when absent */
    public static LocalDate date(Context ctx, String name) {
        String v = text(ctx, name);
        return v == null ? null : date(name, v);
    }

    /** @return {@code v} as an ISO date */
    public static LocalDate date(String name, String v) {
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(name, v, name + " must be a date as YYYY-MM-DD, got '" + v + "'");
        }
    }

    /**
     * @return the parameter as a period: a date ({@code 2026-03-14}, midnight) or a date and hour
     *         ({@code 2026-03-14T11:00}); {@code null} when absent
     */
    public static LocalDateTime period(Context ctx, String name) {
        String v = text(ctx, name);
        return v == null ? null : period(name, v);
    }

    /** @return {@code v} as a period (a date, or a date and time) */
    public static LocalDateTime period(String name, String v) {
        String t = v.trim();
        try {
            return t.length() <= 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw ApiException.badField(name, v, name + " must be a date (YYYY-MM-DD) or a date and hour "
                    + "(YYYY-MM-DDTHH:00), got '" + v + "'");
        }
    }
}
