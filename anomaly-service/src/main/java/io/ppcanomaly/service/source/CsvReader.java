package io.ppcanomaly.service.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small RFC 4180 reader: fields separated by one delimiter, optionally quoted with {@code "} (a doubled quote
 * inside a quoted field is one quote, and a quoted field may span lines), records ended by LF, CRLF or CR.
 * A byte-order mark at the start is dropped; blank lines are skipped. Not thread-safe.
 *
 * <p>{@link #line()} gives the physical line on which the last record started, for error messages.
 */
public final class CsvReader implements Closeable {

    private final Reader in;
    private final char delimiter;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int len;
    private long nextLine = 1;
    private long recordLine;
    private boolean first = true;

    /**
     * @param in        the text; wrapped reads are buffered here, so pass an unbuffered reader if you like
     * @param delimiter the field separator, e.g. {@code ','}, {@code ';'} or tab
     */
    public CsvReader(Reader in, char delimiter) {
        this.in = Objects.requireNonNull(in, "in");
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must not be a quote or a line break, got '" + delimiter
                    + "'");
        }
        this.delimiter = delimiter;
    }

    /**
     * Guesses the delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes,
     * comma when none occurs.
     */
    public static char guessDelimiter(String headerLine) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semi++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (tab > comma && tab >= semi) {
            return '\t';
        }
        return semi > comma ? ';' : ',';
    }

    /** @return the 1-based line on which the last record returned by {@link #next()} started */
    public long line() {
        return recordLine;
    }

    /**
     * Reads the next non-blank record.
     *
     * @return its fields, or {@code null} at the end of the input
     * @throws IOException on a read error or a quoted field left open at the end of the input
     */
    public List<String> next() throws IOException {
        while (true) {
            if (!fill()) {
                return null;
            }
            if (first) {
                first = false;
                if (buf[pos] == '\uFEFF') {
                    pos++;
                    if (!fill()) {
                        return null;
                    }
                }
            }
            char c = buf[pos];
            if (c == '\n' || c == '\r') {
                consumeLineBreak();
                continue;
            }
            return record();
        }
    }

    private List<String> record() throws IOException {
        recordLine = nextLine;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (fill()) {
            char c = buf[pos];
            if (quoted) {
                pos++;
                if (c == '"') {
                    if (fill() && buf[pos] == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && !(fill() && buf[pos] == '\n'))) {
                        nextLine++;
                    }
                    field.append(c);
                }
            } else if (c == delimiter) {
                pos++;
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                consumeLineBreak();
                fields.add(field.toString());
                return fields;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                pos++;
                quoted = true;
                wasQuoted = true;
            } else {
                pos++;
                field.append(c);
            }
        }
        if (quoted) {
            throw new IOException("line " + recordLine + ": a quoted field is not closed before the end of the input");
        }
        fields.add(field.toString());
        return fields;
    }

    private void consumeLineBreak() throws IOException {
        char c = buf[pos++];
        if (c == '\r' && fill() && buf[pos] == '\n') {
            pos++;
        }
        nextLine++;
    }

    private boolean fill() throws IOException {
        if (pos < len) {
            return true;
        }
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
            len = 0;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
