package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Small, exact detectors to test the harness without the real modules. */
final class FakeDetectors {

    private FakeDetectors() {
    }

    /** Scores |x − mean of the fitted last-row feature 0|, squashed to [0, 1]; records every fit's size. */
    static class MeanDistance implements Detector {
        final List<Integer> fitSizes = new ArrayList<>();
        double mean;
        double count;
        FeatureSchema schema;
        int length;

        @Override
        public String name() {
            return "mean-distance";
        }

        @Override
        public void fit(List<FeatureWindow> windows) {
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("windows must not be empty");
            }
            fitSizes.add(windows.size());
            schema = windows.get(0).schema();
            length = windows.get(0).length();
            double s = 0;
            for (FeatureWindow w : windows) {
                s += w.get(w.length() - 1, 0);
            }
            count = windows.size();
            mean = s / count;
        }

        @Override
        public boolean isFitted() {
            return schema != null;
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
            return 0.5;
        }

        double score0(FeatureWindow w) {
            if (!isFitted()) {
                throw new IllegalStateException("not fitted");
            }
            return 1 - Math.exp(-Math.abs(w.get(w.length() - 1, 0) - mean));
        }

        @Override
        public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
            List<AnomalyResult> out = new ArrayList<>();
            for (FeatureWindow w : windows) {
                double s = score0(w);
                out.add(AnomalyResult.of(w, name(), s, s, 0.5));
            }
            return out;
        }

        @Override
        public void save(OutputStream out) {
            throw new UnsupportedOperationException("test double");
        }
    }

    /** The streaming variant: the mean also moves with every learnt row. */
    static final class StreamingMeanDistance extends MeanDistance implements StreamingDetector {
        int learnt;

        @Override
        public void learn(FeatureWindow window) {
            count++;
            mean += (window.get(window.length() - 1, 0) - mean) / count;
            learnt++;
        }

        @Override
        public AnomalyResult scoreAndLearn(FeatureWindow window) {
            AnomalyResult r = score(window);
            learn(window);
            return r;
        }
    }
}
