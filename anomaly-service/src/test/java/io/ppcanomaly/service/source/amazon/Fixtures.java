package io.ppcanomaly.service.source.amazon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The doc-derived fixtures of {@code src/test/resources/amazon}, written to a folder as Amazon delivers them. */
public final class Fixtures {

    private Fixtures() {
    }

    /** @return the fixture's text */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/amazon/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("fixture must exist, got '" + name + "'");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code dir/name.gz}, the fixture gzipped (the API's {@code GZIP_JSON}) */
    public static Path gzipped(Path dir, String name) throws IOException {
        return gzip(dir.resolve(name + ".gz"), text(name));
    }

    /** @return {@code dir/name}, the fixture as is */
    public static Path plain(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), text(name));
    }

    /** @return the file, holding the text gzipped */
    public static Path gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
