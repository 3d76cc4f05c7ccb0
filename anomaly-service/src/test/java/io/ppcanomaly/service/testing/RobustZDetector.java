package io.ppcanomaly.service.testing;

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
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only batch detector: robust z-scores of the judged period (the window's last row). Fit learns each
 * feature's median and MAD over the training windows' last rows and the {@code quantile} of the training raw
 * scores (max |z| over features); a window's score is raw / (raw + q), so raw = q scores 0.5, and the
 * threshold sits at raw = multiplier · q. With {@code scope=window} the raw score is the max over every row of
 * the window, not only the judged one, like detectors that judge a whole sequence (an anomaly then stays in the
 * score while it is inside the window). Small, exact and deterministic: it lets the workflow be tested without
 * the real engines.
 */
public final class RobustZDetector implements Detector {

    static final String NAME = "test-robust-z";
    private static final int VERSION = 1;

    private final double quantile;
    private final double multiplier;
    private final boolean wholeWindow;
    private volatile Model model;

    private record Model(FeatureSchema schema, int length, double[] median, double[] mad, double q) {
    }

    RobustZDetector(double quantile, double multiplier, boolean wholeWindow) {
        this.quantile = quantile;
        this.multiplier = multiplier;
        this.wholeWindow = wholeWindow;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void fit(List<FeatureWindow> windows) {
        FeatureWindow first = WindowChecks.requireTraining(windows);
        int f = first.width();
        double[] median = new double[f];
        double[] mad = new double[f];
        double[] col = new double[windows.size()];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < windows.size(); i++) {
                col[i] = windows.get(i).get(windows.get(i).length() - 1, j);
            }
            Arrays.sort(col);
            median[j] = col[col.length / 2];
            for (int i = 0; i < col.length; i++) {
                col[i] = Math.abs(col[i] - median[j]);
            }
            Arrays.sort(col);
            mad[j] = Math.max(1.4826 * col[col.length / 2], 1e-3);
        }
        Model m = new Model(first.schema(), first.length(), median, mad, 1.0);
        double[] raw = new double[windows.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw(m, windows.get(i), wholeWindow);
        }
        Arrays.sort(raw);
        double q = Math.max(raw[(int) Math.min(raw.length - 1, Math.floor(quantile * raw.length))], 1e-6);
        model = new Model(first.schema(), first.length(), median, mad, q);
    }

    private static double raw(Model m, FeatureWindow w, boolean wholeWindow) {
        double max = 0;
        for (int t = wholeWindow ? 0 : w.length() - 1; t < w.length(); t++) {
            for (int j = 0; j < w.width(); j++) {
                max = Math.max(max, Math.abs(w.get(t, j) - m.median[j]) / m.mad[j]);
            }
        }
        return max;
    }

    @Override
    public boolean isFitted() {
        return model != null;
    }

    private Model model() {
        Model m = model;
        if (m == null) {
            throw WindowChecks.notFitted(NAME);
        }
        return m;
    }

    @Override
    public FeatureSchema schema() {
        return model().schema;
    }

    @Override
    public int windowLength() {
        return model().length;
    }

    @Override
    public double threshold() {
        return multiplier / (multiplier + 1);
    }

    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        Model m = model();
        WindowChecks.requireMatching(windows, m.schema, m.length);
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        for (FeatureWindow w : windows) {
            double raw = raw(m, w, wholeWindow);
            out.add(AnomalyResult.of(w, NAME, raw, raw / (raw + m.q), threshold()));
        }
        return out;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        Model m = model();
        DataOutputStream d = new DataOutputStream(out);
        ModelStreams.writeHeader(d, NAME, VERSION);
        d.writeDouble(quantile);
        d.writeDouble(multiplier);
        d.writeBoolean(wholeWindow);
        d.writeInt(m.length);
        d.writeInt(m.schema.size());
        for (int j = 0; j < m.schema.size(); j++) {
            d.writeUTF(m.schema.name(j));
            d.writeDouble(m.median[j]);
            d.writeDouble(m.mad[j]);
        }
        d.writeDouble(m.q);
        d.flush();
    }

    static RobustZDetector read(DataInputStream d) throws IOException {
        ModelStreams.readHeader(d, NAME, VERSION, VERSION);
        try {
            RobustZDetector det = new RobustZDetector(d.readDouble(), d.readDouble(), d.readBoolean());
            int length = d.readInt();
            int f = d.readInt();
            String[] names = new String[f];
            double[] median = new double[f];
            double[] mad = new double[f];
            for (int j = 0; j < f; j++) {
                names[j] = d.readUTF();
                median[j] = d.readDouble();
                mad[j] = d.readDouble();
            }
            det.model = new Model(FeatureSchema.of(names), length, median, mad, d.readDouble());
            return det;
        } catch (EOFException e) {
            throw ModelStreams.truncated(NAME, e);
        }
    }
}
