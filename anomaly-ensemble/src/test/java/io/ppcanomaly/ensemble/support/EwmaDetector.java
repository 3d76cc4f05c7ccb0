package io.ppcanomaly.ensemble.support;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.WindowChecks;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Test-only streaming detector: an exponentially weighted mean and variance per feature of the windows' last
 * rows (fitted on the training windows in order, then updated by {@link #learn}); raw score = mean squared
 * z-score of the last row. Not thread-safe while learning, like any streaming detector.
 */
public final class EwmaDetector extends StatDetector implements StreamingDetector {

    private final double alpha;

    EwmaDetector(String name, double alpha) {
        super(name, Kind.ZSCORE);
        this.alpha = alpha;
    }

    @Override
    public void fit(List<FeatureWindow> windows) {
        FeatureWindow first = WindowChecks.requireTraining(windows);
        int f = first.width();
        double[] mean = new double[f];
        double[] var = new double[f];
        java.util.Arrays.fill(var, 1.0);
        // warm start on the plain mean and variance of all last rows, then the EWMA pass
        double[] sum = new double[f];
        double[] sq = new double[f];
        for (FeatureWindow w : windows) {
            for (int k = 0; k < f; k++) {
                double v = w.get(w.length() - 1, k);
                sum[k] += v;
                sq[k] += v * v;
            }
        }
        int n = windows.size();
        for (int k = 0; k < f; k++) {
            mean[k] = sum[k] / n;
            var[k] = Math.max(1e-6, sq[k] / n - mean[k] * mean[k]);
        }
        location = mean;
        spread = var; // holds the variance here
        schema = first.schema();
        length = first.length();
        for (FeatureWindow w : windows) {
            update(w);
        }
    }

    private void update(FeatureWindow w) {
        for (int k = 0; k < location.length; k++) {
            double v = w.get(w.length() - 1, k);
            double d = v - location[k];
            location[k] += alpha * d;
            spread[k] = Math.max(1e-6, (1 - alpha) * (spread[k] + alpha * d * d));
        }
    }

    @Override
    double raw(FeatureWindow w) {
        double acc = 0;
        for (int k = 0; k < location.length; k++) {
            double d = w.get(w.length() - 1, k) - location[k];
            acc += d * d / spread[k];
        }
        return acc / location.length;
    }

    @Override
    public synchronized List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        return super.scoreAll(windows);
    }

    @Override
    public synchronized void learn(FeatureWindow window) {
        requireFitted();
        WindowChecks.requireMatching(window, schema, length);
        update(window);
    }

    @Override
    public synchronized AnomalyResult scoreAndLearn(FeatureWindow window) {
        AnomalyResult r = scoreAll(List.of(window)).get(0);
        update(window);
        return r;
    }

    @Override
    void writeBody(DataOutputStream d) throws IOException {
        super.writeBody(d);
    }

    @Override
    void readBody(DataInputStream d) throws IOException {
        super.readBody(d);
    }
}
