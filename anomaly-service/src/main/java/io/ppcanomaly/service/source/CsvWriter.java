package io.ppcanomaly.service.source;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/** Writes RFC 4180 records, quoting a field only when it holds the delimiter, a quote or a line break. */
public final class CsvWriter {

    private final Writer out;
    private final char delimiter;

    /** @param out where records go; not closed by this class */
    public CsvWriter(Writer out, char delimiter) {
        this.out = Objects.requireNonNull(out, "out");
        this.delimiter = delimiter;
    }

    /** Writes one record and a line feed. */
    public void write(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            out.write(quote(fields.get(i), delimiter));
        }
        out.write('\n');
    }

    /** @return the field, quoted if it needs to be */
    public static String quote(String field, char delimiter) {
        if (field == null) {
            return "";
        }
        boolean needs = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                needs = true;
                break;
            }
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
