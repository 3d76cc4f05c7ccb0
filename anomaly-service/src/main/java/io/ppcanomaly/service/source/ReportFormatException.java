package io.ppcanomaly.service.source;

import java.io.IOException;

/**
 * A report that cannot be read as metrics: a missing column, an empty file, or a bad row when the source
 * fails on bad rows. The message names the source, and for a row its line, column and value.
 */
public class ReportFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient RowError rowError;

    /** A problem with the whole report (missing column, empty file). */
    public ReportFormatException(String message) {
        super(message);
        this.rowError = null;
    }

    /**
     * A bad row.
     *
     * @param source the source's description, the message's prefix unless the row names its own file
     */
    public ReportFormatException(String source, RowError error) {
        super((error.file() != null ? error.file() : source) + " " + error.message());
        this.rowError = error;
    }

    /** @return the bad row, or {@code null} when the whole report is at fault */
    public RowError rowError() {
        return rowError;
    }
}
