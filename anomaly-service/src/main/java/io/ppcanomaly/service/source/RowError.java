package io.ppcanomaly.service.source;

import java.util.Objects;

/**
 * One refused report row: where, which column, which value and why. Immutable.
 *
 * @param line    1-based line number in the file (the header is line 1)
 * @param column  the column as spelled in the file's header, or {@code null} for a whole-row problem
 * @param value   the offending value as read, or {@code null}
 * @param problem the category, for counting
 * @param detail  what was expected, e.g. {@code "clicks must be <= impressions (10)"}
 */
public record RowError(long line, String column, String value, RowProblem problem, String detail) {

    /** Validates. */
    public RowError {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return e.g. {@code line 7, column 'Clicks': clicks must be a number, got 'abc'} */
    public String message() {
        StringBuilder sb = new StringBuilder("line ").append(line);
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        sb.append(": ").append(detail);
        if (value != null) {
            sb.append(", got '").append(value).append('\'');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
