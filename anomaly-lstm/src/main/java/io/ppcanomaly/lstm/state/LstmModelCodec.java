package io.ppcanomaly.lstm.state;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.lstm.LstmAutoencoderConfig;
import io.ppcanomaly.lstm.LstmModel;
import io.ppcanomaly.lstm.inference.LstmLayer;
import io.ppcanomaly.lstm.inference.LstmNetwork;
import io.ppcanomaly.lstm.model.ErrorCalibration;
import io.ppcanomaly.lstm.model.FeatureScaler;
import io.ppcanomaly.lstm.train.TrainingSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Writes and reads an {@link LstmModel}: the {@link ModelStreams} header, then a body in {@link DataOutputStream}
 * encoding (big-endian), then a CRC-32 of the body.
 *
 * <h2>Format version 1</h2>
 * <ol>
 *   <li>window length (int), feature count (int), feature names (UTF each);</li>
 *   <li>training configuration: count (int), then key and value (UTF) pairs sorted by key;</li>
 *   <li>standardisation: means, then scales (double per feature);</li>
 *   <li>network: encoder, bottleneck and decoder sizes (int each); for each LSTM layer its input weights,
 *       recurrent weights and bias, then the output weights and bias — each as an int count followed by that
 *       many floats, row-major in the layouts of {@link LstmLayer} and {@link LstmNetwork};</li>
 *   <li>calibration: training error count (long), knot count (int), knots (double each);</li>
 *   <li>threshold: percentile, error (double each);</li>
 *   <li>training summary: total, training and validation windows, epochs, best epoch (int each), best loss
 *       (double), milliseconds (long), stopped early (boolean);</li>
 *   <li>DeepLearning4j's model zip ({@code ModelSerializer}, no updater): byte count (int) and bytes;</li>
 *   <li>CRC-32 of everything after the header (int).</li>
 * </ol>
 * The network is stored as our own weight block, so reading a model for scoring never parses the zip and never
 * starts ND4J; the zip travels along for whoever wants to continue training in DL4J, and the test suite checks
 * the two hold the same weights.
 */
public final class LstmModelCodec {

    /** The provider name written in the header. */
    public static final String NAME = "lstm-autoencoder";
    /** The format version this class writes. */
    public static final int VERSION = 1;

    private static final int MAX_LAYER = LstmAutoencoderConfig.MAX_LAYER_SIZE;
    private static final int MAX_FEATURES = 4_096;
    private static final int MAX_LENGTH = 100_000;
    private static final int MAX_KNOTS = 1_000_000;
    private static final int MAX_OPTIONS = 1_000;
    private static final int MAX_ZIP = 1 << 30;

    private LstmModelCodec() {
    }

    /** Writes the model; the stream is flushed, not closed. */
    public static void write(LstmModel model, OutputStream out) throws IOException {
        DataOutputStream head = new DataOutputStream(out);
        ModelStreams.writeHeader(head, NAME, VERSION);
        head.flush();
        CRC32 crc = new CRC32();
        DataOutputStream d = new DataOutputStream(new CheckedOutputStream(out, crc));
        FeatureSchema schema = model.schema();
        d.writeInt(model.length());
        d.writeInt(schema.size());
        for (String name : schema.names()) {
            d.writeUTF(name);
        }
        Properties cfg = model.config().toProperties();
        TreeSet<String> keys = new TreeSet<>(cfg.stringPropertyNames());
        d.writeInt(keys.size());
        for (String k : keys) {
            d.writeUTF(k);
            d.writeUTF(cfg.getProperty(k));
        }
        for (double v : model.scaler().mean()) {
            d.writeDouble(v);
        }
        for (double v : model.scaler().scale()) {
            d.writeDouble(v);
        }
        LstmNetwork net = model.network();
        d.writeInt(net.encoder().nOut());
        d.writeInt(net.bottleneck().nOut());
        d.writeInt(net.decoder().nOut());
        for (LstmLayer l : List.of(net.encoder(), net.bottleneck(), net.decoder())) {
            writeFloats(d, l.inputWeights());
            writeFloats(d, l.recurrentWeights());
            writeFloats(d, l.bias());
        }
        writeFloats(d, net.outputWeights());
        writeFloats(d, net.outputBias());
        ErrorCalibration cal = model.calibration();
        d.writeLong(cal.count());
        double[] knots = cal.knots();
        d.writeInt(knots.length);
        for (double k : knots) {
            d.writeDouble(k);
        }
        d.writeDouble(model.thresholdPercentile());
        d.writeDouble(model.thresholdError());
        TrainingSummary s = model.summary();
        d.writeInt(s.totalWindows());
        d.writeInt(s.trainingWindows());
        d.writeInt(s.validationWindows());
        d.writeInt(s.epochs());
        d.writeInt(s.bestEpoch());
        d.writeDouble(s.bestValidationLoss());
        d.writeLong(s.trainingMillis());
        d.writeBoolean(s.stoppedEarly());
        byte[] zip = model.dl4jZip();
        d.writeInt(zip.length);
        d.write(zip);
        d.flush();
        head.writeInt((int) crc.getValue());
        head.flush();
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @throws IOException for a stream of another detector or version, or one that is truncated or corrupt, with
     *                     a message saying which
     */
    public static LstmModel read(InputStream in) throws IOException {
        DataInputStream head = new DataInputStream(in);
        ModelStreams.readHeader(head, NAME, VERSION, VERSION);
        CRC32 crc = new CRC32();
        DataInputStream d = new DataInputStream(new CheckedInputStream(in, crc));
        try {
            LstmModel model = readBody(d);
            int expected = (int) crc.getValue();
            int stored = head.readInt();
            if (stored != expected) {
                throw corrupt("checksum mismatch (stored 0x" + Integer.toHexString(stored) + ", computed 0x"
                        + Integer.toHexString(expected) + ")");
            }
            return model;
        } catch (EOFException e) {
            throw ModelStreams.truncated(NAME, e);
        } catch (UTFDataFormatException | IllegalArgumentException e) {
            throw corrupt(e.getMessage(), e);
        }
    }

    private static LstmModel readBody(DataInputStream d) throws IOException {
        int length = bounded("window length", d.readInt(), 1, MAX_LENGTH);
        int features = bounded("feature count", d.readInt(), 1, MAX_FEATURES);
        List<String> names = new ArrayList<>(features);
        for (int f = 0; f < features; f++) {
            names.add(d.readUTF());
        }
        FeatureSchema schema = FeatureSchema.of(names);
        int options = bounded("option count", d.readInt(), 0, MAX_OPTIONS);
        Properties props = new Properties();
        for (int i = 0; i < options; i++) {
            props.setProperty(d.readUTF(), d.readUTF());
        }
        LstmAutoencoderConfig config = LstmAutoencoderConfig.of(props);
        double[] mean = readDoubles(d, features);
        double[] scale = readDoubles(d, features);
        FeatureScaler scaler = new FeatureScaler(mean, scale);
        int e = bounded("encoder size", d.readInt(), 1, MAX_LAYER);
        int b = bounded("bottleneck size", d.readInt(), 1, MAX_LAYER);
        int c = bounded("decoder size", d.readInt(), 1, MAX_LAYER);
        LstmLayer enc = readLayer(d, features, e);
        LstmLayer bot = readLayer(d, e, b);
        LstmLayer dec = readLayer(d, b, c);
        float[] ow = readFloats(d, c * features, "output weights");
        float[] ob = readFloats(d, features, "output bias");
        LstmNetwork network = new LstmNetwork(length, enc, bot, dec, ow, ob);
        long count = d.readLong();
        int k = bounded("knot count", d.readInt(), 1, MAX_KNOTS);
        ErrorCalibration calibration = new ErrorCalibration(count, readDoubles(d, k));
        double percentile = d.readDouble();
        double thresholdError = d.readDouble();
        TrainingSummary summary = new TrainingSummary(d.readInt(), d.readInt(), d.readInt(), d.readInt(),
                d.readInt(), d.readDouble(), d.readLong(), d.readBoolean());
        int zipLength = bounded("DL4J zip length", d.readInt(), 0, MAX_ZIP);
        byte[] zip = readBytes(d, zipLength);
        return new LstmModel(schema, scaler, network, calibration, percentile, thresholdError, config, summary, zip);
    }

    private static LstmLayer readLayer(DataInputStream d, int nIn, int nOut) throws IOException {
        float[] w = readFloats(d, nIn * 4 * nOut, "input weights");
        float[] rw = readFloats(d, nOut * 4 * nOut, "recurrent weights");
        float[] bias = readFloats(d, 4 * nOut, "bias");
        return new LstmLayer(nIn, nOut, w, rw, bias);
    }

    private static void writeFloats(DataOutputStream d, float[] v) throws IOException {
        d.writeInt(v.length);
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES);
        buf.asFloatBuffer().put(v);
        d.write(buf.array());
    }

    private static float[] readFloats(DataInputStream d, int expected, String what) throws IOException {
        int n = d.readInt();
        if (n != expected) {
            throw corrupt(what + " must have " + expected + " values, got " + n);
        }
        float[] out = new float[n];
        ByteBuffer.wrap(readBytes(d, n * Float.BYTES)).asFloatBuffer().get(out);
        return out;
    }

    private static double[] readDoubles(DataInputStream d, int n) throws IOException {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.readDouble();
        }
        return out;
    }

    /** Reads n bytes in chunks, so a corrupt length cannot allocate more than the stream actually holds. */
    private static byte[] readBytes(DataInputStream d, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 1 << 16));
        byte[] chunk = new byte[Math.min(n, 1 << 16)];
        int left = n;
        while (left > 0) {
            int r = d.read(chunk, 0, Math.min(chunk.length, left));
            if (r < 0) {
                throw new EOFException("expected " + n + " bytes, got " + (n - left));
            }
            out.write(chunk, 0, r);
            left -= r;
        }
        return out.toByteArray();
    }

    private static int bounded(String what, int v, int min, int max) throws IOException {
        if (v < min || v > max) {
            throw corrupt(what + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    private static IOException corrupt(String why) {
        return new IOException("model stream of '" + NAME + "' is corrupt: " + why);
    }

    private static IOException corrupt(String why, Throwable cause) {
        return new IOException("model stream of '" + NAME + "' is corrupt: " + why, cause);
    }
}
