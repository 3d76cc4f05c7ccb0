package io.ppcanomaly.api.spi;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The header every persisted model starts with, so that a stream from another detector, another format version
 * or a truncated file fails with a clear message instead of a confusing one deep in a decoder.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the magic {@code "PPCA"} (4 bytes), the detector's provider
 * name (modified UTF-8), the detector's format version ({@code int}). The body that follows is the detector's
 * own.
 */
public final class ModelStreams {

    /** The four magic bytes, ASCII "PPCA". */
    public static final int MAGIC = 0x50504341;

    private ModelStreams() {
    }

    /** Writes the header for a model of provider {@code name} in format {@code version}. */
    public static void writeHeader(DataOutputStream out, String name, int version) throws IOException {
        Objects.requireNonNull(name, "name");
        out.writeInt(MAGIC);
        out.writeUTF(name);
        out.writeInt(version);
    }

    /**
     * Reads and checks a header.
     *
     * @param expectedName the provider name the model must come from
     * @param minVersion   oldest format version this reader understands
     * @param maxVersion   newest format version this reader understands
     * @return the stream's format version
     * @throws IOException when the stream is not a PPC Anomaly model, is from another detector, has an
     *                     unsupported version, or ends early
     */
    public static int readHeader(DataInputStream in, String expectedName, int minVersion, int maxVersion)
            throws IOException {
        String name = readName(in);
        if (!name.equals(expectedName)) {
            throw new IOException("model stream must hold a '" + expectedName + "' model, got '" + name + "'");
        }
        int version;
        try {
            version = in.readInt();
        } catch (EOFException e) {
            throw new IOException("model stream is truncated: it ends inside the header", e);
        }
        if (version < minVersion || version > maxVersion) {
            throw new IOException("model format version of '" + name + "' must be in [" + minVersion + ", "
                    + maxVersion + "], got " + version);
        }
        return version;
    }

    /**
     * Reads the magic and the provider name only (used by the registry to route a stream to its provider).
     *
     * @throws IOException when the stream is not a PPC Anomaly model or ends early
     */
    public static String readName(DataInputStream in) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException("model stream is empty or truncated: no PPC Anomaly header", e);
        }
        if (magic != MAGIC) {
            throw new IOException("model stream must start with the PPC Anomaly magic 0x50504341 ('PPCA'), got 0x"
                    + Integer.toHexString(magic) + ": not a model file, or a corrupt one");
        }
        try {
            return in.readUTF();
        } catch (EOFException e) {
            throw new IOException("model stream is truncated: it ends inside the header", e);
        }
    }

    /**
     * Wraps an {@link EOFException} from a model body into a clear message.
     *
     * @return an IOException saying the named model's stream is truncated
     */
    public static IOException truncated(String name, EOFException cause) {
        return new IOException("model stream of '" + name + "' is truncated: it ended before the model did", cause);
    }

    /**
     * Reads exactly {@code n} bytes or fails with a truncation message. Reads in chunks, so a corrupt length
     * field cannot make it allocate gigabytes before the stream runs out.
     */
    public static byte[] readFully(InputStream in, int n, String name) throws IOException {
        if (n < 0) {
            throw new IOException("model stream of '" + name + "' is corrupt: negative block length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("model stream of '" + name + "' is truncated: expected " + n + " bytes, got "
                    + b.length);
        }
        return b;
    }
}
