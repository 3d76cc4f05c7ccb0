package io.ppcanomaly.forest;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.forest.IsolationForestConfig.SplitRule;
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
 *          int thresholdSampleSize, boolean parallel, long seed, UTF splitRule ("smile" or "non-constant")
 * fitted   int psi, int depth, int windowLength, long trainingRows, double threshold,
 *          int features, features × UTF name
 * probes   int count, count × (width × double x, double meanPathLength)
 * trees    int length, int crc32, length bytes:
 *            smile:        Smile's IsolationForest, Java-serialised
 *            non-constant: trees × (int nodes, nodes × int feature, nodes × double value, nodes × int left,
 *                          nodes × int right), see {@link CompactTree}
 * </pre>
 *
 * <p>Format version 1 (written before {@code split.rule} existed) is the same without the {@code splitRule}
 * field, and always holds Smile's trees; it is still read.
 *
 * <p>Smile's trees expose no nodes, so they can only be persisted through Java serialisation. That part is
 * guarded: it is length-prefixed and checksummed (a flipped byte fails before any object is read), read through
 * an {@link ObjectInputFilter} that admits only Smile's three tree classes and {@code double[]} within size and
 * depth limits (so a foreign stream cannot instantiate anything else), and then checked against probe vectors
 * scored at save time (so a Smile version that reads the bytes but computes other path lengths is caught).
 * Compact trees are plain numbers, checked node by node as they are read ({@link CompactTree#read}) and then
 * against the same probes.
 */
final class ForestCodec {

    /** Current body format version: 2 added {@code split.rule} and compact trees. */
    static final int VERSION = 2;
    /** Oldest body format version still read: 1, Smile's trees only. */
    static final int OLDEST_VERSION = 1;

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
        d.writeUTF(c.splitRule().value());

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
        if (m.trees() instanceof TreeEnsemble.Compact compact) {
            DataOutputStream trees = new DataOutputStream(blob);
            for (int t = 0; t < compact.size(); t++) {
                compact.tree(t).write(trees);
            }
            trees.flush();
        } else {
            try (ObjectOutputStream oos = new ObjectOutputStream(blob)) {
                oos.writeObject(m.smileForest());
            }
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
        int version = ModelStreams.readHeader(d, NAME, OLDEST_VERSION, VERSION);
        try {
            IsolationForestConfig config;
            try {
                int trees = d.readInt();
                int sampleSize = d.readInt();
                int maxDepth = d.readInt();
                int extensionLevel = d.readInt();
                double contamination = d.readDouble();
                int windowRows = d.readInt();
                int thresholdSampleSize = d.readInt();
                boolean parallel = d.readBoolean();
                long seed = d.readLong();
                SplitRule rule = version == 1 ? SplitRule.SMILE : SplitRule.of(d.readUTF());
                config = new IsolationForestConfig(trees, sampleSize, maxDepth, extensionLevel, rule, contamination,
                        windowRows, thresholdSampleSize, parallel, seed);
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
            TreeEnsemble trees = config.splitRule() == SplitRule.SMILE
                    ? new TreeEnsemble.Smile(deserialize(bytes, config, depth, width))
                    : readCompact(bytes, config, psi, depth, width);

            FittedForest m = new FittedForest(config, trees, psi, depth, threshold, schema, windowLength,
                    trainingRows);
            for (int k = 0; k < probeCount; k++) {
                double got = m.meanPathLength(probes[k]);
                if (Double.doubleToLongBits(got) != Double.doubleToLongBits(expected[k])) {
                    throw new IOException("model stream of '" + NAME + "' does not reproduce its probe scores "
                            + "(probe " + k + ": mean path length " + got + ", saved " + expected[k] + "): it is "
                            + (trees instanceof TreeEnsemble.Smile ? "corrupt or was written with an incompatible "
                            + "Smile version" : "corrupt"));
                }
            }
            return m;
        } catch (EOFException e) {
            throw ModelStreams.truncated(NAME, e);
        }
    }

    /** Reads the tree block of a {@code non-constant} model: exactly {@code trees} compact trees, checked. */
    private static TreeEnsemble readCompact(byte[] bytes, IsolationForestConfig config, int psi, int depth,
                                            int width) throws IOException {
        int maxNodes = NonConstantTreeGrower.maxNodes(psi, depth);
        double maxLeafExtra = FittedForest.averagePathLength(psi);
        CompactTree[] trees = new CompactTree[config.trees()];
        ByteArrayInputStream block = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(block);
        try {
            for (int t = 0; t < trees.length; t++) {
                trees[t] = CompactTree.read(in, t, width, maxNodes, depth, maxLeafExtra);
            }
        } catch (EOFException e) {
            throw corrupt("its tree block ends before its " + trees.length + " trees do", e);
        } catch (IOException e) {
            throw corrupt("invalid tree block: " + e.getMessage(), e);
        }
        require(block.available() == 0, "tree block has " + block.available() + " bytes after its "
                + trees.length + " trees");
        return new TreeEnsemble.Compact(trees);
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
