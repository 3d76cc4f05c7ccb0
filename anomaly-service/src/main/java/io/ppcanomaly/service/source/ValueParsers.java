package io.ppcanomaly.service.source;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the values of a report cell: counts, money (currency symbols and thousands separators allowed) and
 * dates. Stateless and thread-safe; failures are {@link CellException}s the row reader turns into
 * {@link RowError}s.
 */
final class ValueParsers {

    private static final Pattern GROUPED_COMMA = Pattern.compile("\\d{1,3}(,\\d{3})+");
    private static final Pattern GROUPED_DOT = Pattern.compile("\\d{1,3}(\\.\\d{3})+");
    private static final Pattern PLAIN = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");
    /** A currency before the amount: a sign ($, €), an ISO code (USD) or a prefixed sign (US$, A$). */
    private static final Pattern LEADING_CURRENCY = Pattern.compile("^(?:[A-Z]{3}|[A-Z]{1,2}\\p{Sc}|\\p{Sc})");
    /** A currency after the amount: a sign or an ISO code. */
    private static final Pattern TRAILING_CURRENCY = Pattern.compile("(?:\\p{Sc}|[A-Z]{3})$");

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM d, yyyy")
                    .toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMM yyyy")
                    .toFormatter(Locale.ENGLISH));
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]", Locale.ROOT));

    private ValueParsers() {
    }

    /** A cell that cannot be read; the caller adds line and column. */
    static final class CellException extends Exception {
        private static final long serialVersionUID = 1L;
        final RowProblem problem;

        CellException(RowProblem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }
    }

    /**
     * Reads a whole, non-negative count; thousands separators ({@code 1,234} or {@code 1.234}) are accepted.
     *
     * @param field the metric's name for the message, e.g. {@code clicks}
     */
    static long count(String cell, String field) throws CellException {
        long fast = plainCount(cell);
        if (fast >= 0) {
            return fast;
        }
        String s = strip(cell, field);
        if (s.startsWith("-")) {
            throw new CellException(RowProblem.NEGATIVE, field + " must be >= 0");
        }
        if (GROUPED_COMMA.matcher(s).matches()) {
            s = s.replace(",", "");
        } else if (GROUPED_DOT.matcher(s).matches()) {
            s = s.replace(".", "");
        }
        if (!PLAIN.matcher(s).matches()) {
            throw new CellException(RowProblem.NON_NUMERIC, field + " must be a whole number");
        }
        double v = Double.parseDouble(s);
        if (v != Math.rint(v)) {
            throw new CellException(RowProblem.NOT_WHOLE, field + " must be a whole number");
        }
        if (v > 9.0e15) {
            throw new CellException(RowProblem.NON_NUMERIC, field + " must be below 9e15");
        }
        return (long) v;
    }

    /**
     * Reads a non-negative amount of money: {@code 12.5}, {@code $1,234.56}, {@code 1.234,56 €},
     * {@code USD 7}. A comma followed by exactly three digits groups thousands ({@code 1,234} is 1234); a single
     * comma otherwise is a decimal comma ({@code 12,5}); with both a comma and a dot, the later one is the
     * decimal mark. {@code -5} and {@code ($5.00)} are negative and refused.
     */
    static double money(String cell, String field) throws CellException {
        if (isPlainDecimal(cell)) {
            return Double.parseDouble(cell);
        }
        String s = SPACES.matcher(strip(cell, field)).replaceAll("");
        if (s.startsWith("-") || (s.startsWith("(") && s.endsWith(")"))) {
            throw new CellException(RowProblem.NEGATIVE, field + " must be >= 0");
        }
        s = TRAILING_CURRENCY.matcher(LEADING_CURRENCY.matcher(s).replaceFirst("")).replaceFirst("");
        if (s.startsWith("-")) {
            throw new CellException(RowProblem.NEGATIVE, field + " must be >= 0");
        }
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            if (comma > dot) {
                s = s.replace(".", "").replace(',', '.');
            } else {
                s = s.replace(",", "");
            }
        } else if (comma >= 0) {
            if (GROUPED_COMMA.matcher(s).matches()) {
                s = s.replace(",", "");
            } else if (s.indexOf(',') == comma) {
                s = s.replace(',', '.');
            }
        } else if (dot >= 0 && s.indexOf('.') != dot && GROUPED_DOT.matcher(s).matches()) {
            s = s.replace(".", "");
        }
        if (s.isEmpty() || !PLAIN.matcher(s).matches()) {
            throw new CellException(RowProblem.NON_NUMERIC, field + " must be an amount of money");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new CellException(RowProblem.NON_NUMERIC, field + " must be a finite amount");
        }
        return v;
    }

    /**
     * The fast path of {@link #count}: a cell of ASCII digits only (at most 15, so below 9e15), as nearly every
     * cell of a machine-written report is. Gives the value {@link #count}'s general path would give.
     *
     * @return the count, or -1 when the cell needs the general path
     */
    private static long plainCount(String cell) {
        int n = cell == null ? 0 : cell.length();
        if (n == 0 || n > 15) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int d = cell.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * The fast path of {@link #money}: ASCII digits with at most one dot and at least one digit, no sign, no
     * separator, at most 18 characters. {@link #money}'s general path reads such a cell with
     * {@code Double.parseDouble} unchanged, so both paths give the same value.
     */
    private static boolean isPlainDecimal(String cell) {
        int n = cell == null ? 0 : cell.length();
        if (n == 0 || n > 18) {
            return false;
        }
        boolean dot = false;
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static String strip(String cell, String field) throws CellException {
        String s = cell == null ? "" : cell.strip();
        if (s.isEmpty()) {
            throw new CellException(RowProblem.MISSING_VALUE, field + " must not be blank");
        }
        return s;
    }

    /**
     * Reads a period: a date ({@code 2026-03-14}, {@code 2026/03/14}, {@code 20260314}, {@code 3/14/2026},
     * {@code Mar 14, 2026}, {@code 14 Mar 2026}) or a date and time ({@code 2026-03-14T11:00},
     * {@code 2026-03-14 11:00:00}).
     *
     * @return the period; at midnight for a date
     */
    static LocalDateTime period(String cell) throws CellException {
        String s = strip(cell, "date");
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s, f).atStartOfDay();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(s, f);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        throw new CellException(RowProblem.BAD_DATE, "date must be yyyy-MM-dd (or M/d/yyyy, 'Mar 14, 2026', "
                + "yyyy-MM-dd HH:mm)");
    }

    /** @return whether a period read by {@link #period} carried a time of day */
    static boolean hasTime(String cell) {
        String s = cell.strip();
        return s.length() > 10 && (s.indexOf(':') > 0);
    }

    /** Reads an hour of day, 0 to 23. */
    static int hour(String cell) throws CellException {
        String s = strip(cell, "hour");
        try {
            int h = Integer.parseInt(s);
            if (h >= 0 && h <= 23) {
                return h;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new CellException(RowProblem.BAD_DATE, "hour must be a whole number in [0, 23]");
    }
}
