package io.ppcanomaly.service.source;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FastCSV's callback for the data records of a report block: each field of the current record is copied into
 * one reusable char buffer as FastCSV hands it over (its own buffer moves on), so a record costs no objects until
 * {@link CsvRowParser} turns it into a row. Not thread-safe: one per block being parsed.
 */
final class RecordBuffer extends AbstractBaseCsvCallbackHandler<RecordBuffer> {

    private char[] chars = new char[512];
    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private int used;
    private int count;

    @Override
    protected void handleBegin(long startingLineNumber) {
        used = 0;
        count = 0;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
        if (index == starts.length) {
            starts = Arrays.copyOf(starts, index * 2);
            lengths = Arrays.copyOf(lengths, index * 2);
        }
        if (used + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
        }
        System.arraycopy(buf, offset, chars, used, length);
        starts[index] = used;
        lengths[index] = length;
        used += length;
        count = index + 1;
    }

    @Override
    protected RecordWrapper<RecordBuffer> buildRecord() {
        return wrapRecord(this);
    }

    /** @return the 1-based line, within the text FastCSV reads, on which the current record starts */
    long line() {
        return getStartingLineNumber();
    }

    /** @return the current record's number of fields */
    int count() {
        return count;
    }

    /** @return whether the record is one empty field: a blank line, quoted ({@code ""}) or not */
    boolean blank() {
        return count == 1 && lengths[0] == 0;
    }

    char[] chars() {
        return chars;
    }

    int start(int field) {
        return starts[field];
    }

    int length(int field) {
        return lengths[field];
    }

    /** @return field {@code i} as a new string */
    String string(int field) {
        return new String(chars, starts[field], lengths[field]);
    }

    /** @return every field as strings, for the general (slow) path of a row */
    List<String> strings() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(string(i));
        }
        return out;
    }
}
