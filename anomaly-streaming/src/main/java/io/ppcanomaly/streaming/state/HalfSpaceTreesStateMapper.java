package io.ppcanomaly.streaming.state;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.streaming.HalfSpaceTreesConfig;
import io.ppcanomaly.streaming.HalfSpaceTreesProvider;
import io.ppcanomaly.streaming.tree.ForestShape;
import io.ppcanomaly.streaming.tree.HalfSpaceForest;
import io.ppcanomaly.streaming.tree.SplitRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.zip.CRC32;

/**
 * Converts between the live {@link HalfSpaceForest} and its {@link HalfSpaceTreesState}, and between a state and
 * bytes.
 *
 * <h2>Binary format, version {@value HalfSpaceTreesState#FORMAT_VERSION}</h2>
 * Big-endian ({@link DataOutputStream}): the {@link ModelStreams} header (magic, {@code half-space-trees}, version),
 * then the body length ({@code int}), the body, and the CRC-32 of the body ({@code int}). The body: config
 * (numberOfTrees, maxDepth, windowSize {@code int}; sizeLimitFraction {@code double}; windowRows {@code int};
 * splitRule UTF; contamination {@code double}; has-threshold {@code boolean}, threshold {@code double}; seed
 * {@code long}), feature count and names (UTF), windowLength, the warm-up minima then maxima ({@code double} per
 * dimension), the fitted threshold, referenceSize, latestSize, the scale ({@code double}), the latest window's
 * recorded scores and the warm-up observations (each an {@code int} count then {@code double}s), then per tree the
 * count of nodes holding mass and, per node, its index, {@code r} and {@code l} ({@code int}s). Reading consumes exactly the model's bytes, so
 * models may be concatenated in one stream.
 */
public final class HalfSpaceTreesStateMapper {

    private static final String NAME = HalfSpaceTreesProvider.NAME;

    private HalfSpaceTreesStateMapper() {
    }

    /**
     * Snapshots a forest (copies its masses; the forest may go on learning afterwards).
     *
     * @param forest       the live model
     * @param config       the settings it was built with
     * @param schema       the features of one row
     * @param windowLength the window length the detector expects
     * @param threshold    the fitted threshold
     * @return the state
     */
    public static HalfSpaceTreesState toState(HalfSpaceForest forest, HalfSpaceTreesConfig config,
                                              FeatureSchema schema, int windowLength, double threshold) {
        Objects.requireNonNull(forest, "forest");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(schema, "schema");
        List<HalfSpaceTreesState.TreeMasses> trees = new ArrayList<>(forest.trees());
        for (int t = 0; t < forest.trees(); t++) {
            int[][] m = forest.massiveNodes(t);
            trees.add(new HalfSpaceTreesState.TreeMasses(m[0], m[1], m[2]));
        }
        return new HalfSpaceTreesState(config, schema.names(), windowLength, forest.featureMin(), forest.featureMax(),
                threshold, forest.referenceSize(), forest.latestSize(), forest.referenceScale(),
                forest.latestWindowScores(), forest.warmUpObservations(), trees);
    }

    /**
     * Rebuilds the forest a state describes: the structure from the seed and the warm-up ranges, then the masses.
     *
     * @throws IllegalArgumentException when the masses are inconsistent (not what any stream could produce)
     */
    public static HalfSpaceForest toForest(HalfSpaceTreesState state) {
        HalfSpaceTreesConfig c = state.config();
        HalfSpaceForest f = new HalfSpaceForest(c.numberOfTrees(), c.maxDepth(), c.windowSize(),
                c.sizeLimitFraction(), c.splitRule(), c.seed(), state.featureMin(), state.featureMax());
        for (int t = 0; t < c.numberOfTrees(); t++) {
            HalfSpaceTreesState.TreeMasses m = state.trees().get(t);
            f.restoreTree(t, m.nodes(), m.reference(), m.latest());
        }
        f.restoreSizes(state.referenceSize(), state.latestSize());
        f.restoreCalibration(state.scale(), state.latestScores(), state.warmUp());
        return f;
    }

    /**
     * Writes a state: header, body, checksum. The stream is flushed, not closed.
     *
     * @throws IOException from the stream
     */
    public static void write(HalfSpaceTreesState state, OutputStream out) throws IOException {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(out, "out");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream b = new DataOutputStream(bytes);
        HalfSpaceTreesConfig c = state.config();
        b.writeInt(c.numberOfTrees());
        b.writeInt(c.maxDepth());
        b.writeInt(c.windowSize());
        b.writeDouble(c.sizeLimitFraction());
        b.writeInt(c.windowRows());
        b.writeUTF(c.splitRule().name());
        b.writeDouble(c.contamination());
        b.writeBoolean(c.threshold().isPresent());
        b.writeDouble(c.threshold().orElse(0.0));
        b.writeLong(c.seed());
        b.writeInt(state.featureNames().size());
        for (String name : state.featureNames()) {
            b.writeUTF(name);
        }
        b.writeInt(state.windowLength());
        for (double v : state.featureMin()) {
            b.writeDouble(v);
        }
        for (double v : state.featureMax()) {
            b.writeDouble(v);
        }
        b.writeDouble(state.threshold());
        b.writeInt(state.referenceSize());
        b.writeInt(state.latestSize());
        b.writeDouble(state.scale());
        writeDoubles(b, state.latestScores());
        writeDoubles(b, state.warmUp());
        for (HalfSpaceTreesState.TreeMasses m : state.trees()) {
            b.writeInt(m.nodes().length);
            for (int j = 0; j < m.nodes().length; j++) {
                b.writeInt(m.nodes()[j]);
                b.writeInt(m.reference()[j]);
                b.writeInt(m.latest()[j]);
            }
        }
        b.flush();
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        DataOutputStream d = new DataOutputStream(out);
        ModelStreams.writeHeader(d, NAME, HalfSpaceTreesState.FORMAT_VERSION);
        d.writeInt(body.length);
        d.write(body);
        d.writeInt((int) crc.getValue());
        d.flush();
    }

    /**
     * Reads a state written by {@link #write}, consuming exactly its bytes.
     *
     * @throws IOException for a stream of another detector or format version, or a truncated or corrupt one,
     *                     with a message saying which
     */
    public static HalfSpaceTreesState read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        DataInputStream d = new DataInputStream(in);
        ModelStreams.readHeader(d, NAME, HalfSpaceTreesState.FORMAT_VERSION, HalfSpaceTreesState.FORMAT_VERSION);
        int length;
        byte[] body;
        int stored;
        try {
            length = d.readInt();
            if (length < 0) {
                throw corrupt("negative body length " + length, null);
            }
            body = d.readNBytes(length); // grows as bytes arrive: a corrupt length cannot allocate gigabytes
            if (body.length < length) {
                throw new IOException("model stream of '" + NAME + "' is truncated: expected a body of " + length
                        + " bytes, got " + body.length);
            }
            stored = d.readInt();
        } catch (EOFException e) {
            throw ModelStreams.truncated(NAME, e);
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        if ((int) crc.getValue() != stored) {
            throw corrupt("body checksum must be 0x" + Integer.toHexString(stored) + ", got 0x"
                    + Integer.toHexString((int) crc.getValue()), null);
        }
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(body)), body.length);
        } catch (EOFException e) {
            throw corrupt("the body ends before the model does", e);
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage(), e);
        }
    }

    private static HalfSpaceTreesState parse(DataInputStream b, int length) throws IOException {
        int trees = b.readInt();
        int depth = b.readInt();
        ForestShape.checkShape(trees, depth); // before anything is sized from them
        HalfSpaceTreesConfig.Builder cb = HalfSpaceTreesConfig.builder().numberOfTrees(trees).maxDepth(depth)
                .windowSize(b.readInt()).sizeLimitFraction(b.readDouble()).windowRows(b.readInt());
        String rule = b.readUTF();
        try {
            cb.splitRule(SplitRule.valueOf(rule));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("splitRule must be one of MIDPOINT, UNIFORM, got '" + rule + "'");
        }
        cb.contamination(b.readDouble());
        boolean hasThreshold = b.readBoolean();
        double fixed = b.readDouble();
        cb.threshold(hasThreshold ? OptionalDouble.of(fixed) : OptionalDouble.empty()).seed(b.readLong());
        HalfSpaceTreesConfig config = cb.build();
        int features = b.readInt();
        long dims = (long) features * config.windowRows();
        if (features <= 0 || dims > ForestShape.MAX_DIMENSIONS || 16 * dims > length) {
            throw new IllegalArgumentException("feature count must be in [1, " + ForestShape.MAX_DIMENSIONS
                    + " / windowRows], got " + features);
        }
        List<String> names = new ArrayList<>(features);
        for (int i = 0; i < features; i++) {
            names.add(b.readUTF());
        }
        int windowLength = b.readInt();
        double[] min = new double[(int) dims];
        double[] max = new double[(int) dims];
        for (int q = 0; q < dims; q++) {
            min[q] = b.readDouble();
        }
        for (int q = 0; q < dims; q++) {
            max[q] = b.readDouble();
        }
        double threshold = b.readDouble();
        int referenceSize = b.readInt();
        int latestSize = b.readInt();
        double scale = b.readDouble();
        double[] latestScores = readDoubles(b, "latest window scores");
        double[] warmUp = readDoubles(b, "warm-up observations");
        int nodesPerTree = (1 << (depth + 1)) - 1;
        List<HalfSpaceTreesState.TreeMasses> masses = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            int n = b.readInt();
            if (n < 0 || n > nodesPerTree || 12L * n > b.available()) {
                throw new IllegalArgumentException("tree " + t + " node count must be in [0, " + nodesPerTree
                        + "] and fit the body, got " + n);
            }
            int[] idx = new int[n];
            int[] ref = new int[n];
            int[] lat = new int[n];
            for (int j = 0; j < n; j++) {
                idx[j] = b.readInt();
                ref[j] = b.readInt();
                lat[j] = b.readInt();
            }
            masses.add(new HalfSpaceTreesState.TreeMasses(idx, ref, lat));
        }
        if (b.available() != 0) {
            throw new IllegalArgumentException("the body must end after the last tree, got " + b.available()
                    + " more bytes");
        }
        HalfSpaceTreesState state = new HalfSpaceTreesState(config, names, windowLength, min, max, threshold,
                referenceSize, latestSize, scale, latestScores, warmUp, masses);
        FeatureSchema.of(state.featureNames()); // names must make a valid schema
        return state;
    }

    private static void writeDoubles(DataOutputStream b, double[] v) throws IOException {
        b.writeInt(v.length);
        for (double d : v) {
            b.writeDouble(d);
        }
    }

    private static double[] readDoubles(DataInputStream b, String what) throws IOException {
        int n = b.readInt();
        if (n < 0 || 8L * n > b.available()) {
            throw new IllegalArgumentException(what + " count must be in [0, what the body holds], got " + n);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.readDouble();
        }
        return v;
    }

    private static IOException corrupt(String what, Exception cause) {
        return new IOException(String.format(Locale.ROOT, "model stream of '%s' is corrupt: %s", NAME, what), cause);
    }
}
