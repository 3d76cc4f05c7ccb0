package io.ppcanomaly.ensemble.shapley;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.WindowChecks;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A detector whose score is a known function of the window, so Shapley values can be checked by hand. */
final class FunctionDetector implements Detector {

    private final FeatureSchema schema;
    private final int length;
    private final ToDoubleFunction<FeatureWindow> score;
    int calls;
    int windowsScored;

    FunctionDetector(FeatureSchema schema, int length, ToDoubleFunction<FeatureWindow> score) {
        this.schema = schema;
        this.length = length;
        this.score = score;
    }

    /** @return the mean of feature {@code k} over the window's periods */
    static double mean(FeatureWindow w, int k) {
        double s = 0;
        for (int t = 0; t < w.length(); t++) {
            s += w.get(t, k);
        }
        return s / w.length();
    }

    @Override
    public String name() {
        return "function";
    }

    @Override
    public void fit(List<FeatureWindow> windows) {
    }

    @Override
    public boolean isFitted() {
        return true;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public int windowLength() {
        return length;
    }

    @Override
    public double threshold() {
        return 0.9;
    }

    @Override
    public synchronized List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        WindowChecks.requireMatching(windows, schema, length);
        calls++;
        windowsScored += windows.size();
        List<AnomalyResult> out = new ArrayList<>();
        for (FeatureWindow w : windows) {
            double s = score.applyAsDouble(w);
            out.add(AnomalyResult.of(w, name(), s, s, threshold()));
        }
        return out;
    }

    @Override
    public void save(OutputStream out) {
        throw new UnsupportedOperationException("test detector");
    }
}
