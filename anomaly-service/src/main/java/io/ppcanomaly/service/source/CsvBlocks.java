package io.ppcanomaly.service.source;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts CSV text into blocks of whole records, so that blocks can be parsed on several threads. A block ends
 * after a line feed that lies outside quotes; a line break inside a quoted field never ends a block. Quotes are
 * followed as FastCSV reads them: a {@code "} opens a quoted field only at the start of a field (after the
 * delimiter or a line break) or right after the quoted part's closing quote (a doubled quote); anywhere else it is
 * text. So a block ends exactly where FastCSV ends a record, even in a file with stray quotes. Each block knows
 * the physical line it starts on (CRLF, LF and a lone CR each end one line, as Jackson and FastCSV count them),
 * so errors found in a block name the line of the whole file. Not thread-safe.
 */
final class CsvBlocks {

    /**
     * One block: {@code chars[0, length)}, starting on line {@code firstLine} (1-based) of the text;
     * {@code openQuote} when the text ends inside a quoted field (only the last block can).
     */
    record Block(char[] chars, int length, long firstLine, boolean openQuote) {
    }

    private final Reader in;
    private final int target;
    private char[] pending = new char[0];
    private int pendingLength;
    private boolean eof;
    private long nextLine = 1;
    private boolean lastWasCr;
    /** The field delimiter; {@code 0} until set, meaning any of comma, semicolon and tab. */
    private char delimiter;
    /** Whether the next char starts a field (carried from block to block; the text starts with one). */
    private boolean fieldStart = true;
    /** Whether the last char closed a quoted part, so that a quote now reopens it (a doubled quote). */
    private boolean closed;

    /**
     * @param in     the text
     * @param target the block size aimed at, in chars; a block grows beyond it until a record ends
     */
    CsvBlocks(Reader in, int target) {
        this.in = Objects.requireNonNull(in, "in");
        if (target < 1) {
            throw new IllegalArgumentException("target must be >= 1, got " + target);
        }
        this.target = target;
    }

    /** Sets the delimiter once the header has told it, so quotes open only where a field starts. */
    void delimiter(char d) {
        this.delimiter = d;
    }

    /** @return the next block holding only the first record (the header), or {@code null} at the end */
    Block nextRecord() throws IOException {
        return next(1);
    }

    /** @return the next block of about {@code target} chars of whole records, or {@code null} at the end */
    Block next() throws IOException {
        return next(target);
    }

    private Block next(int want) throws IOException {
        char[] buf = Arrays.copyOf(pending, Math.max(want + 1024, pendingLength));
        int len = pendingLength;
        pendingLength = 0;
        // One pass over the chars: quote state, line breaks, and the first line feed outside quotes at or after
        // `want` chars (with the line count and quote state at it).
        int scanned = 0;
        boolean quoted = false;
        boolean start = fieldStart;
        boolean afterClose = closed;
        boolean cr = lastWasCr;
        long lines = 0;
        int cut = -1;
        long linesAtCut = 0;
        boolean crAtCut = false;
        while (true) {
            for (int i = scanned; i < len; i++) {
                char c = buf[i];
                if (c > '"' && !isDelimiter(c)) {
                    // Ordinary text, most of a report: skip ahead to the next char that matters.
                    start = false;
                    afterClose = false;
                    cr = false;
                    while (i + 1 < len && (c = buf[i + 1]) > '"' && !isDelimiter(c)) {
                        i++;
                    }
                    continue;
                }
                if (c == '\n') {
                    if (!cr) {
                        lines++;
                    }
                    cr = false;
                    if (!quoted) {
                        start = true;
                        afterClose = false;
                        cut = i + 1;
                        linesAtCut = lines;
                        crAtCut = false;
                        if (cut >= want) {
                            break;
                        }
                    }
                    continue;
                }
                if (c == '\r') {
                    lines++;
                    cr = true;
                } else {
                    cr = false;
                }
                if (quoted) {
                    if (c == '"') {
                        quoted = false;
                        afterClose = true;
                    }
                } else if (c == '"' && (start || afterClose)) {
                    quoted = true;
                    start = false;
                    afterClose = false;
                } else {
                    start = c == '\r' || isDelimiter(c);
                    afterClose = false;
                }
            }
            if (cut >= want || eof) {
                break;
            }
            scanned = len;
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) {
                eof = true;
            } else {
                len += r;
            }
        }
        int end;
        boolean open = false;
        if (cut >= want) {
            end = cut;
            fieldStart = true;
            closed = false;
        } else {
            // the end of the text: every char read is in the last block
            end = len;
            linesAtCut = lines;
            crAtCut = cr;
            open = quoted;
            fieldStart = start;
            closed = afterClose;
        }
        if (end <= 0) {
            return null;
        }
        if (end < len) {
            pendingLength = len - end;
            pending = Arrays.copyOfRange(buf, end, len);
        } else {
            pending = new char[0];
        }
        lastWasCr = crAtCut;
        Block b = new Block(buf, end, nextLine, open);
        nextLine += linesAtCut;
        return b;
    }

    private boolean isDelimiter(char c) {
        return delimiter == 0 ? c == ',' || c == ';' || c == '\t' : c == delimiter;
    }
}
