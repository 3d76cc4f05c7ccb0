package io.ppcanomaly.service.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 4180 reader over Jackson's CSV parser ({@code jackson-dataformat-csv}): fields separated by one
 * delimiter, optionally quoted with {@code "} (a doubled quote inside a quoted field is one quote, and a quoted
 * field may span lines), records ended by LF, CRLF or CR. A byte-order mark at the start is dropped; blank lines
 * are skipped. Not thread-safe.
 *
 * <p>{@link #line()} gives the physical line on which the last record started, for error messages. Malformed
 * quoting fails with an {@link IOException} naming the line: a quoted field left open at the end of the input,
 * or text after a closing quote other than the delimiter or a line break.
 */
public final class CsvReader implements Closeable {

    /** Thread-safe and reusable; one per class so its buffer recyclers are shared. */
    private static final CsvFactory FACTORY = CsvFactory.builder().build();

    private final CsvParser parser;
    private final long lineOffset;
    private long recordLine;
    private boolean first = true;
    private int expected = 16;

    /**
     * @param in        the text; Jackson buffers it, so an unbuffered reader is fine
     * @param delimiter the field separator, e.g. {@code ','}, {@code ';'} or tab
     * @throws IllegalArgumentException when the delimiter is a quote or a line break
     */
    public CsvReader(Reader in, char delimiter) {
        this(in, delimiter, 1);
    }

    /**
     * A reader over text that starts on line {@code firstLine} of a larger text (a block of a file), so that
     * {@link #line()} and error messages give the line in the whole text.
     *
     * @param firstLine the line the text starts on, &ge; 1
     * @throws IllegalArgumentException when the delimiter is a quote or a line break, or firstLine &lt; 1
     */
    public CsvReader(Reader in, char delimiter, long firstLine) {
        Objects.requireNonNull(in, "in");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be >= 1, got " + firstLine);
        }
        this.lineOffset = firstLine - 1;
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must not be a quote or a line break, got '" + delimiter
                    + "'");
        }
        try {
            this.parser = FACTORY.createParser(in);
        } catch (IOException e) {
            // Creating a parser over a Reader does no I/O.
            throw new IllegalStateException("cannot create a CSV parser", e);
        }
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
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
     * @throws IOException on a read error or malformed quoting, naming the line
     */
    public List<String> next() throws IOException {
        while (true) {
            JsonToken t = nextToken();
            if (t == null) {
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                continue;
            }
            recordLine = parser.currentLocation().getLineNr() + lineOffset;
            List<String> fields = new ArrayList<>(expected);
            while ((t = nextToken()) == JsonToken.VALUE_STRING) {
                fields.add(parser.getText());
            }
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue;   // a blank line
            }
            if (first) {
                first = false;
                if (!fields.isEmpty() && !fields.get(0).isEmpty() && fields.get(0).charAt(0) == '\uFEFF') {
                    fields.set(0, fields.get(0).substring(1));
                }
            }
            expected = Math.max(expected, fields.size());
            return fields;
        }
    }

    private JsonToken nextToken() throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private IOException malformed(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Missing closing quote")) {
            return new IOException("line " + recordLine + ": a quoted field is not closed before the end of the input",
                    e);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "line " + recordLine
                : "line " + (at.getLineNr() + lineOffset) + ", column " + at.getColumnNr();
        if (original.startsWith("Unexpected character")) {
            return new IOException(where + ": a closing quote must be followed by the delimiter or the end of the line"
                    + " (" + original + ")", e);
        }
        return new IOException(where + ": " + original, e);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
