package io.ppcanomaly.ensemble.tail;

import io.ppcanomaly.api.spi.ModelStreams;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The persisted form of a fitted {@link PeriodTailDetector}, apart from the live model: configuration, fitted
 * shape and the reference sample. Tails and the statistic's calibration are rebuilt from the sample on load,
 * deterministically, so a loaded detector scores bit-identically.
 *
 * <h2>Body layout, format {@value #VERSION}</h2>
 * After the {@link ModelStreams} header ({@code "period-tail"}, version), big-endian {@link DataOutputStream}
 * primitives:
 * <pre>
 * config:  UTF combine, double threshold, int maxSamples, double trim, long seed
 * shape:   int featureCount, UTF name*, int windowLength
 * sample:  int sampleCount, per feature double[sampleCount] (the last rows' values, in sample order)
 * </pre>
 *
 * @param config       the configuration
 * @param featureNames the fitted schema's names
 * @param windowLength the fitted window length
 * @param columns      [feature][sample]: the reference values (not copied: a transfer object)
 */
record PeriodTailState(PeriodTailConfig config, List<String> featureNames, int windowLength, double[][] columns) {

    /** Current format version. */
    static final int VERSION = 1;
    private static final int MAX_COUNT = 1 << 26;

    PeriodTailState {
        Objects.requireNonNull(config, "config");
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(columns, "columns");
        if (columns.length != featureNames.size() || columns.length == 0) {
            throw new IllegalArgumentException("columns must number one per feature (" + featureNames.size()
                    + "), got " + columns.length);
        }
        for (double[] c : columns) {
            if (c.length != columns[0].length || c.length == 0) {
                throw new IllegalArgumentException("columns must share one non-zero length, got " + c.length
                        + " and " + columns[0].length);
            }
        }
        if (windowLength <= 0) {
            throw new IllegalArgumentException("windowLength must be > 0, got " + windowLength);
        }
    }

    /** Writes the body (the caller writes the header first). */
    void write(DataOutputStream out) throws IOException {
        out.writeUTF(config.combine().wireName());
        out.writeDouble(config.threshold());
        out.writeInt(config.maxSamples());
        out.writeDouble(config.trim());
        out.writeLong(config.seed());
        out.writeInt(featureNames.size());
        for (String f : featureNames) {
            out.writeUTF(f);
        }
        out.writeInt(windowLength);
        out.writeInt(columns[0].length);
        for (double[] c : columns) {
            for (double v : c) {
                out.writeDouble(v);
            }
        }
    }

    /**
     * Reads a body written by {@link #write}.
     *
     * @throws IOException when the stream ends early or holds inconsistent values
     */
    static PeriodTailState read(DataInputStream in) throws IOException {
        String name = PeriodTailDetector.NAME;
        try {
            String combine = in.readUTF();
            java.util.Properties p = new java.util.Properties();
            p.setProperty(PeriodTailConfig.KEY_COMBINE, combine);
            p.setProperty(PeriodTailConfig.KEY_THRESHOLD, Double.toString(in.readDouble()));
            p.setProperty(PeriodTailConfig.KEY_MAX_SAMPLES, Integer.toString(in.readInt()));
            p.setProperty(PeriodTailConfig.KEY_TRIM, Double.toString(in.readDouble()));
            p.setProperty(PeriodTailConfig.KEY_SEED, Long.toString(in.readLong()));
            PeriodTailConfig config = PeriodTailConfig.of(p);
            int fc = count(in.readInt(), "feature count");
            List<String> features = new ArrayList<>(fc);
            for (int i = 0; i < fc; i++) {
                features.add(in.readUTF());
            }
            int windowLength = in.readInt();
            int n = count(in.readInt(), "sample count");
            double[][] columns = new double[fc][n];
            for (int j = 0; j < fc; j++) {
                for (int i = 0; i < n; i++) {
                    double v = in.readDouble();
                    if (!Double.isFinite(v)) {
                        throw new IOException("model stream of '" + name + "' is corrupt: reference value " + i
                                + " of feature '" + features.get(j) + "' must be finite, got " + v);
                    }
                    columns[j][i] = v;
                }
            }
            return new PeriodTailState(config, features, windowLength, columns);
        } catch (EOFException e) {
            throw ModelStreams.truncated(name, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("model stream of '" + name + "' is corrupt: " + e.getMessage(), e);
        }
    }

    private static int count(int v, String what) throws IOException {
        if (v <= 0 || v > MAX_COUNT) {
            throw new IOException("model stream of '" + PeriodTailDetector.NAME + "' is corrupt: " + what
                    + " must be in [1, " + MAX_COUNT + "], got " + v);
        }
        return v;
    }
}
