package io.ppcanomaly.service.testing;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.api.spi.WindowChecks;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only streaming detector: running mean and variance per feature of the judged period (Welford's
 * update), score raw / (raw + 3) with raw = max |z|, threshold 0.6 (raw = 4.5). Learning mutates it; it is
 * synchronized so that the workflow's copies and threads can be tested.
 */
public final class RunningZDetector implements StreamingDetector {

    static final String NAME = "test-running-z";
    private static final int VERSION = 1;
    private static final double THRESHOLD = 0.6;

    private FeatureSchema schema;
    private int length;
    private long n;
    private double[] mean;
    private double[] m2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void fit(List<FeatureWindow> windows) {
        FeatureWindow first = WindowChecks.requireTraining(windows);
        schema = first.schema();
        length = first.length();
        n = 0;
        mean = new double[first.width()];
        m2 = new double[first.width()];
        for (FeatureWindow w : windows) {
            learn(w);
        }
    }

    @Override
    public synchronized boolean isFitted() {
        return schema != null;
    }

    private void requireFitted() {
        if (schema == null) {
            throw WindowChecks.notFitted(NAME);
        }
    }

    @Override
    public synchronized FeatureSchema schema() {
        requireFitted();
        return schema;
    }

    @Override
    public synchronized int windowLength() {
        requireFitted();
        return length;
    }

    @Override
    public double threshold() {
        return THRESHOLD;
    }

    @Override
    public synchronized void learn(FeatureWindow w) {
        requireFitted();
        WindowChecks.requireMatching(w, schema, length);
        n++;
        int t = w.length() - 1;
        for (int j = 0; j < mean.length; j++) {
            double x = w.get(t, j);
            double d = x - mean[j];
            mean[j] += d / n;
            m2[j] += d * (x - mean[j]);
        }
    }

    private AnomalyResult scoreOne(FeatureWindow w) {
        int t = w.length() - 1;
        double raw = 0;
        for (int j = 0; j < mean.length; j++) {
            double sd = Math.sqrt(n > 1 ? m2[j] / (n - 1) : 0) + 1e-3;
            raw = Math.max(raw, Math.abs(w.get(t, j) - mean[j]) / sd);
        }
        return AnomalyResult.of(w, NAME, raw, raw / (raw + 3.0), THRESHOLD);
    }

    @Override
    public synchronized AnomalyResult scoreAndLearn(FeatureWindow w) {
        AnomalyResult r = scoreAll(List.of(w)).get(0);
        learn(w);
        return r;
    }

    @Override
    public synchronized List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        requireFitted();
        WindowChecks.requireMatching(windows, schema, length);
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        for (FeatureWindow w : windows) {
            out.add(scoreOne(w));
        }
        return out;
    }

    @Override
    public synchronized void save(OutputStream out) throws IOException {
        requireFitted();
        DataOutputStream d = new DataOutputStream(out);
        ModelStreams.writeHeader(d, NAME, VERSION);
        d.writeInt(length);
        d.writeLong(n);
        d.writeInt(mean.length);
        for (int j = 0; j < mean.length; j++) {
            d.writeUTF(schema.name(j));
            d.writeDouble(mean[j]);
            d.writeDouble(m2[j]);
        }
        d.flush();
    }

    static RunningZDetector read(DataInputStream d) throws IOException {
        ModelStreams.readHeader(d, NAME, VERSION, VERSION);
        try {
            RunningZDetector r = new RunningZDetector();
            r.length = d.readInt();
            r.n = d.readLong();
            int f = d.readInt();
            String[] names = new String[f];
            r.mean = new double[f];
            r.m2 = new double[f];
            for (int j = 0; j < f; j++) {
                names[j] = d.readUTF();
                r.mean[j] = d.readDouble();
                r.m2[j] = d.readDouble();
            }
            r.schema = FeatureSchema.of(names);
            return r;
        } catch (EOFException e) {
            throw ModelStreams.truncated(NAME, e);
        }
    }
}
