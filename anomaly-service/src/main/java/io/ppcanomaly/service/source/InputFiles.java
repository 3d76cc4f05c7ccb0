package io.ppcanomaly.service.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Opens report files whether or not they are gzipped: the Amazon Ads API delivers reports as {@code GZIP_JSON}
 * and exports are often kept compressed, so a file starting with gzip's magic bytes ({@code 1f 8b}) is
 * decompressed whatever its name. Stateless.
 */
public final class InputFiles {

    private static final int BUFFER = 1 << 16;

    private InputFiles() {
    }

    /**
     * @return the file's bytes, decompressed when it is gzipped; the caller closes it
     * @throws IOException when the file cannot be read, or is gzipped but corrupt at its start
     */
    public static InputStream open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            if (isGzip(in)) {
                return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** @return the file as UTF-8 text, decompressed when it is gzipped; the caller closes it */
    public static Reader openText(Path file) throws IOException {
        return new InputStreamReader(open(file), StandardCharsets.UTF_8);
    }

    /** @return whether the stream starts with gzip's magic bytes; the stream is left where it was */
    public static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b;
    }
}
