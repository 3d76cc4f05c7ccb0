package io.ppcanomaly.monitor.testing;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** A fitted detector scoring every window 0 (a placeholder model for states built by hand). */
public final class FixedDetector implements Detector {

    @Override
    public String name() {
        return "fixed";
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
        return FeatureSchema.DEFAULT;
    }

    @Override
    public int windowLength() {
        return 14;
    }

    @Override
    public double threshold() {
        return 0.99;
    }

    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        List<AnomalyResult> out = new ArrayList<>();
        for (FeatureWindow w : windows) {
            out.add(AnomalyResult.of(w, name(), 0, 0, 0.99));
        }
        return out;
    }

    @Override
    public void save(OutputStream out) {
        throw new UnsupportedOperationException("a placeholder model is not saved");
    }
}
