package io.ppcanomaly.ensemble.support;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.api.spi.WindowChecks;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only detectors with real (if simple) statistics: per-feature location and scale learnt from every value
 * of the training windows, and a window's raw score is the mean (kind {@link Kind#ZSCORE}: of squared
 * z-scores) or the maximum (kind {@link Kind#MAD}: of absolute robust z-scores, median/MAD) over its values.
 * Scores map to [0, 1] by {@code raw / (raw + scale)}. They stand in for the real members where a test needs
 * members it controls (names, failures), and they persist like real ones.
 */
public class StatDetector implements Detector {

    /** Which statistic. */
    public enum Kind {
        /** Mean squared z-score over the window. */
        ZSCORE,
        /** Largest absolute robust z-score over the window (median / 1.4826 MAD). */
        MAD
    }

    final String name;
    final Kind kind;
    FeatureSchema schema;
    int length;
    double[] location;
    double[] spread;

    StatDetector(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void fit(List<FeatureWindow> windows) {
        FeatureWindow first = WindowChecks.requireTraining(windows);
        int f = first.width();
        double[] loc = new double[f];
        double[] spr = new double[f];
        for (int k = 0; k < f; k++) {
            double[] col = new double[windows.size() * first.length()];
            int n = 0;
            for (FeatureWindow w : windows) {
                for (int t = 0; t < w.length(); t++) {
                    col[n++] = w.get(t, k);
                }
            }
            if (kind == Kind.ZSCORE) {
                double m = 0;
                for (double v : col) {
                    m += v;
                }
                m /= n;
                double var = 0;
                for (double v : col) {
                    var += (v - m) * (v - m);
                }
                loc[k] = m;
                spr[k] = Math.max(1e-9, Math.sqrt(var / Math.max(1, n - 1)));
            } else {
                double med = median(col);
                double[] dev = new double[n];
                for (int i = 0; i < n; i++) {
                    dev[i] = Math.abs(col[i] - med);
                }
                loc[k] = med;
                spr[k] = Math.max(1e-9, 1.4826 * median(dev));
            }
        }
        this.location = loc;
        this.spread = spr;
        this.length = first.length();
        this.schema = first.schema();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    @Override
    public boolean isFitted() {
        return schema != null;
    }

    void requireFitted() {
        if (!isFitted()) {
            throw WindowChecks.notFitted(name);
        }
    }

    @Override
    public FeatureSchema schema() {
        requireFitted();
        return schema;
    }

    @Override
    public int windowLength() {
        requireFitted();
        return length;
    }

    @Override
    public double threshold() {
        requireFitted();
        return 0.8;
    }

    double raw(FeatureWindow w) {
        int f = w.width();
        double acc = 0;
        for (int t = 0; t < w.length(); t++) {
            for (int k = 0; k < f; k++) {
                double z = (w.get(t, k) - location[k]) / spread[k];
                acc = kind == Kind.ZSCORE ? acc + z * z : Math.max(acc, Math.abs(z));
            }
        }
        return kind == Kind.ZSCORE ? acc / (w.length() * f) : acc;
    }

    AnomalyResult result(FeatureWindow w, double raw) {
        double scale = kind == Kind.ZSCORE ? 1.0 : 3.0;
        return AnomalyResult.of(w, name, raw, raw / (raw + scale), threshold());
    }

    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        requireFitted();
        WindowChecks.requireMatching(windows, schema, length);
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        for (FeatureWindow w : windows) {
            out.add(result(w, raw(w)));
        }
        return out;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        requireFitted();
        DataOutputStream d = new DataOutputStream(out);
        ModelStreams.writeHeader(d, name, 1);
        writeBody(d);
        d.flush();
    }

    void writeBody(DataOutputStream d) throws IOException {
        d.writeInt(schema.size());
        for (String s : schema.names()) {
            d.writeUTF(s);
        }
        d.writeInt(length);
        for (int k = 0; k < location.length; k++) {
            d.writeDouble(location[k]);
            d.writeDouble(spread[k]);
        }
    }

    void readBody(DataInputStream d) throws IOException {
        try {
            int f = d.readInt();
            List<String> names = new ArrayList<>();
            for (int k = 0; k < f; k++) {
                names.add(d.readUTF());
            }
            int len = d.readInt();
            double[] loc = new double[f];
            double[] spr = new double[f];
            for (int k = 0; k < f; k++) {
                loc[k] = d.readDouble();
                spr[k] = d.readDouble();
            }
            schema = FeatureSchema.of(names);
            length = len;
            location = loc;
            spread = spr;
        } catch (EOFException e) {
            throw ModelStreams.truncated(name, e);
        }
    }

    static StatDetector load(StatDetector fresh, InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        ModelStreams.readHeader(d, fresh.name, 1, 1);
        fresh.readBody(d);
        return fresh;
    }
}
