package io.ppcanomaly.service.source;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts CSV text into blocks of whole records, so that blocks can be parsed on several threads. A block ends
 * after a line feed that lies outside quotes (the number of {@code "} before it is even: a doubled quote inside a
 * quoted field counts twice, so it keeps the parity); a line break inside a quoted field never ends a block. Each
 * block knows the physical line it starts on (CRLF, LF and a lone CR each end one line, as Jackson counts
 * them), so errors found in a block name the line of the whole file. Not thread-safe.
 */
final class CsvBlocks {

    /** One block: {@code chars[0, length)}, starting on line {@code firstLine} (1-based) of the text. */
    record Block(char[] chars, int length, long firstLine) {
    }

    private final Reader in;
    private final int target;
    private char[] pending = new char[0];
    private int pendingLength;
    private boolean eof;
    private long nextLine = 1;
    private boolean lastWasCr;

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
        // One pass over the chars: quote parity, line breaks, and the first line feed outside quotes at or after
        // `want` chars (with the line count at it).
        int scanned = 0;
        boolean quoted = false;
        boolean cr = lastWasCr;
        long lines = 0;
        int cut = -1;
        long linesAtCut = 0;
        boolean crAtCut = false;
        while (true) {
            for (int i = scanned; i < len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    if (!cr) {
                        lines++;
                    }
                    cr = false;
                    if (!quoted) {
                        cut = i + 1;
                        linesAtCut = lines;
                        crAtCut = false;
                        if (cut >= want) {
                            break;
                        }
                    }
                } else {
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == '\r') {
                        lines++;
                        cr = true;
                        continue;
                    }
                    cr = false;
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
        if (cut >= want) {
            end = cut;
        } else {
            // the end of the text: every char read is in the last block
            end = len;
            linesAtCut = lines;
            crAtCut = cr;
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
        Block b = new Block(buf, end, nextLine);
        nextLine += linesAtCut;
        return b;
    }
}
