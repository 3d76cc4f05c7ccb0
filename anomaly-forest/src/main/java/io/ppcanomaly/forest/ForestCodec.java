package io.ppcanomaly.forest;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.spi.ModelStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import smile.anomaly.IsolationForest;

/**
 * Reads and writes a fitted forest. Layout after the {@link ModelStreams} header (provider
 * {@value IsolationForestDetector#NAME}, format {@value #VERSION}), big-endian:
 *
 * <pre>
 * config   int trees, int sampleSize, int maxDepth, int extensionLevel, double contamination, int windowRows,
 *          int thresholdSampleSize, boolean parallel, long seed
 * fitted   int psi, int depth, int windowLength, long trainingRows, double threshold,
 *          int features, features × UTF name
 * probes   int count, count × (width × double x, double meanPathLength)
 * trees    int length, int crc32, length bytes: Smile's IsolationForest, Java-serialised
 * </pre>
 *
 * <p>Smile's trees expose no nodes, so they can only be persisted through Java serialisation. That part is
 * guarded: it is length-prefixed and checksummed (a flipped byte fails before any object is read), read through
 * an {@link ObjectInputFilter} that admits only Smile's three tree classes and {@code double[]} within size and
 * depth limits (so a foreign stream cannot instantiate anything else), and then checked against probe vectors
 * scored at save time (so a Smile version that reads the bytes but computes other path lengths is caught).
 */
final class ForestCodec {

    /** Current body format version. */
    static final int VERSION = 1;

    private static final String NAME = IsolationForestDetector.NAME;
    private static final Set<String> ALLOWED_CLASSES = Set.of("smile.anomaly.IsolationForest",
            "smile.anomaly.IsolationTree", "smile.anomaly.IsolationTree$Node");

    private ForestCodec() {
    }

    /** Writes header and body; the stream is flushed, not closed. */
    static void write(FittedForest m, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        DataOutputStream d = new DataOutputStream(out);
        ModelStreams.writeHeader(d, NAME, VERSION);
        IsolationForestConfig c = m.config();
        d.writeInt(c.trees());
        d.writeInt(c.sampleSize());
        d.writeInt(c.maxDepth());
        d.writeInt(c.extensionLevel());
        d.writeDouble(c.contamination());
        d.writeInt(c.windowRows());
        d.writeInt(c.thresholdSampleSize());
        d.writeBoolean(c.parallel());
        d.writeLong(c.seed());

        d.writeInt(m.psi());
        d.writeInt(m.depth());
        d.writeInt(m.windowLength());
        d.writeLong(m.trainingRows());
        d.writeDouble(m.threshold());
        FeatureSchema s = m.schema();
        d.writeInt(s.size());
        for (String name : s.names()) {
            d.writeUTF(name);
        }

        double[][] probes = probes(m.width());
        d.writeInt(probes.length);
        for (double[] p : probes) {
            for (double v : p) {
                d.writeDouble(v);
            }
            d.writeDouble(m.meanPathLength(p));
        }

        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(blob)) {
            oos.writeObject(m.smileForest());
        }
        byte[] bytes = blob.toByteArray();
        d.writeInt(bytes.length);
        d.writeInt(crc(bytes));
        d.write(bytes);
        d.flush();
    }

    /**
     * Reads header and body.
     *
     * @throws IOException naming what is wrong: another detector or version, truncation, corruption, or an
     *                     incompatible Smile version
     */
    static FittedForest read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        DataInputStream d = new DataInputStream(in);
        ModelStreams.readHeader(d, NAME, VERSION, VERSION);
        try {
            IsolationForestConfig config;
            try {
                config = new IsolationForestConfig(d.readInt(), d.readInt(), d.readInt(), d.readInt(),
                        d.readDouble(), d.readInt(), d.readInt(), d.readBoolean(), d.readLong());
            } catch (IllegalArgumentException e) {
                throw corrupt("invalid settings: " + e.getMessage(), e);
            }
            int psi = d.readInt();
            int depth = d.readInt();
            int windowLength = d.readInt();
            long trainingRows = d.readLong();
            double threshold = d.readDouble();
            int features = d.readInt();
            require(psi >= 2 && psi <= config.sampleSize(), "psi must be in [2, sample.size], got " + psi);
            require(depth >= 1 && depth <= IsolationForestConfig.MAX_DEPTH_LIMIT, "depth must be in [1, "
                    + IsolationForestConfig.MAX_DEPTH_LIMIT + "], got " + depth);
            require(windowLength >= config.windowRows(), "window length must be >= window.rows "
                    + config.windowRows() + ", got " + windowLength);
            require(trainingRows >= psi, "training rows must be >= psi " + psi + ", got " + trainingRows);
            require(threshold >= 0.0 && threshold <= 1.0, "threshold must be in [0, 1], got " + threshold);
            require(features >= 1 && features <= 1 << 16, "feature count must be in [1, 65536], got " + features);
            List<String> names = new ArrayList<>(features);
            for (int i = 0; i < features; i++) {
                names.add(d.readUTF());
            }
            FeatureSchema schema;
            try {
                schema = FeatureSchema.of(names);
            } catch (IllegalArgumentException e) {
                throw corrupt("invalid feature names: " + e.getMessage(), e);
            }
            int width = config.windowRows() * features;

            int probeCount = d.readInt();
            require(probeCount >= 0 && probeCount <= 64, "probe count must be in [0, 64], got " + probeCount);
            double[][] probes = new double[probeCount][width];
            double[] expected = new double[probeCount];
            for (int k = 0; k < probeCount; k++) {
                for (int j = 0; j < width; j++) {
                    probes[k][j] = d.readDouble();
                }
                expected[k] = d.readDouble();
            }

            int length = d.readInt();
            int crc = d.readInt();
            require(length > 0, "tree block length must be > 0, got " + length);
            byte[] bytes = d.readNBytes(length); // grows as bytes arrive: a corrupt length cannot allocate 2 GB
            if (bytes.length < length) {
                throw new IOException("model stream of '" + NAME + "' is truncated: expected " + length
                        + " bytes of trees, got " + bytes.length);
            }
            require(crc(bytes) == crc, "tree block checksum mismatch");
            IsolationForest forest = deserialize(bytes, config, depth, width);

            FittedForest m = new FittedForest(config, forest, psi, depth, threshold, schema, windowLength,
                    trainingRows);
            for (int k = 0; k < probeCount; k++) {
                double got = m.meanPathLength(probes[k]);
                if (Double.doubleToLongBits(got) != Double.doubleToLongBits(expected[k])) {
                    throw new IOException("model stream of '" + NAME + "' does not reproduce its probe scores "
                            + "(probe " + k + ": mean path length " + got + ", saved " + expected[k] + "): it is "
                            + "corrupt or was written with an incompatible Smile version");
                }
            }
            return m;
        } catch (EOFException e) {
            throw ModelStreams.truncated(NAME, e);
        }
    }

    private static IsolationForest deserialize(byte[] bytes, IsolationForestConfig config, int depth, int width)
            throws IOException {
        long maxArray = Math.max(config.trees(), width);
        // forest > trees array > tree > root > ... > deepest node (depth + 1 levels) > its double[]
        long maxDepth = depth + 8L;
        ObjectInputFilter filter = info -> {
            if (info.depth() > maxDepth || info.streamBytes() > bytes.length || info.arrayLength() > maxArray) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (c.isArray()) {
                c = c.getComponentType();
            }
            return c == double.class || ALLOWED_CLASSES.contains(c.getName())
                    ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
        Object o;
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            ois.setObjectInputFilter(filter);
            o = ois.readObject();
        } catch (InvalidClassException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("filter status")) {
                throw corrupt("its tree block holds something other than Smile's isolation trees, or more than "
                        + "the header allows; refused before it was built (" + e.getMessage() + ")", e);
            }
            throw new IOException("model stream of '" + NAME + "' holds trees that this Smile version cannot read"
                    + " (written with an incompatible Smile version, or corrupt): " + e.getMessage(), e);
        } catch (ClassNotFoundException | IOException | RuntimeException e) {
            throw new IOException("model stream of '" + NAME + "' is corrupt: its tree block does not deserialise"
                    + " as Smile trees (" + e + ")", e);
        }
        if (!(o instanceof IsolationForest forest)) {
            throw corrupt("tree block must hold a smile.anomaly.IsolationForest, got "
                    + (o == null ? "null" : o.getClass().getName()), null);
        }
        require(forest.size() == config.trees(), "tree count must be " + config.trees() + ", got " + forest.size());
        require(forest.getExtensionLevel() == config.extensionLevel(), "extension level must be "
                + config.extensionLevel() + ", got " + forest.getExtensionLevel());
        for (Object t : forest.trees()) {
            require(t != null, "a tree is missing");
        }
        return forest;
    }

    /** Deterministic probe inputs: the origin, a ramp and an alternating vector, all inside the usual ranges. */
    private static double[][] probes(int width) {
        double[][] p = new double[3][width];
        for (int j = 0; j < width; j++) {
            p[1][j] = (j + 1.0) / width;
            p[2][j] = j % 2 == 0 ? 1.0 : -1.0;
        }
        return p;
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static void require(boolean ok, String what) throws IOException {
        if (!ok) {
            throw corrupt(what, null);
        }
    }

    private static IOException corrupt(String what, Throwable cause) {
        return new IOException("model stream of '" + NAME + "' is corrupt: " + what, cause);
    }
}
