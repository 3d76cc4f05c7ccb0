package io.ppcanomaly.service.source;

import java.util.Locale;
import java.util.Objects;

/**
 * One refused report row: where, which column (or JSON field), which value and why. Immutable.
 *
 * @param line     1-based position in the file: the line for a CSV (the header is line 1) or a JSON-lines file,
 *                 the record's number for a JSON array (see {@code position})
 * @param column   the column as spelled in the file's header, or the JSON field; {@code null} for a whole-row
 *                 problem
 * @param value    the offending value as read, or {@code null}
 * @param problem  the category, for counting
 * @param detail   what was expected, e.g. {@code "clicks must be <= impressions (10)"}
 * @param file     the file the row came from when a source reads several, else {@code null} (the source's
 *                 description names it)
 * @param position how {@code line} and {@code column} are named in the message
 */
public record RowError(long line, String column, String value, RowProblem problem, String detail, String file,
                       Position position) {

    /** How a row is addressed in a message. */
    public enum Position {
        /** A CSV row: {@code line 7, column 'Clicks'}. */
        LINE_COLUMN("line", "column"),
        /** A JSON-lines record: {@code line 7, field 'clicks'}. */
        LINE_FIELD("line", "field"),
        /** A record of a JSON array: {@code record 7, field 'clicks'} (the 7th object of the array). */
        RECORD_FIELD("record", "field");

        private final String row;
        private final String cell;

        Position(String row, String cell) {
            this.row = row;
            this.cell = cell;
        }

        /** @return how a row is named: {@code line} or {@code record} */
        public String rowName() {
            return row;
        }

        /** @return how a cell is named: {@code column} or {@code field} */
        public String cellName() {
            return cell;
        }

        /** @return the lower-case name used in reports, e.g. {@code line_column} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates. */
    public RowError {
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(position, "position");
    }

    /** A CSV row's error: addressed by line and column, in the source's only file. */
    public RowError(long line, String column, String value, RowProblem problem, String detail) {
        this(line, column, value, problem, detail, null, Position.LINE_COLUMN);
    }

    /** @return e.g. {@code line 7, column 'Clicks': clicks must be a number, got 'abc'} */
    public String message() {
        StringBuilder sb = new StringBuilder(position.rowName()).append(' ').append(line);
        if (column != null) {
            sb.append(", ").append(position.cellName()).append(" '").append(column).append('\'');
        }
        sb.append(": ").append(detail);
        if (value != null) {
            sb.append(", got '").append(value).append('\'');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return file == null ? message() : file + " " + message();
    }
}
