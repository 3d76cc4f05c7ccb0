package io.ppcanomaly.service.testing;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.ExplainerProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Test-only explainer: exact Shapley values over the window's features (a feature "present" takes every row
 * of the window, "absent" every row of the baseline), all 2^F coalitions scored in one batch.
 */
public final class ExactShapleyExplainer implements Explainer {

    static final String NAME = "test-exact-shapley";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Explanation explain(Detector detector, FeatureWindow window, FeatureWindow baseline) {
        int f = window.width();
        if (!baseline.schema().equals(window.schema()) || baseline.length() != window.length()) {
            throw new IllegalArgumentException("baseline must match the window's schema and length");
        }
        if (f > 16) {
            throw new IllegalArgumentException("features must be at most 16 for exact Shapley values, got " + f);
        }
        int len = window.length();
        double[] x = window.toArray();
        double[] b = baseline.toArray();
        List<FeatureWindow> coalitions = new ArrayList<>(1 << f);
        for (int s = 0; s < (1 << f); s++) {
            double[] v = b.clone();
            for (int j = 0; j < f; j++) {
                if ((s & (1 << j)) != 0) {
                    for (int t = 0; t < len; t++) {
                        v[t * f + j] = x[t * f + j];
                    }
                }
            }
            coalitions.add(window.withValues(v));
        }
        List<AnomalyResult> r = detector.scoreAll(coalitions);
        double[] fact = new double[f + 1];
        fact[0] = 1;
        for (int i = 1; i <= f; i++) {
            fact[i] = fact[i - 1] * i;
        }
        Map<String, Double> phi = new LinkedHashMap<>();
        Map<String, Double> se = new LinkedHashMap<>();
        for (int j = 0; j < f; j++) {
            double sum = 0;
            for (int s = 0; s < (1 << f); s++) {
                if ((s & (1 << j)) != 0) {
                    continue;
                }
                int size = Integer.bitCount(s);
                double w = fact[size] * fact[f - size - 1] / fact[f];
                sum += w * (r.get(s | (1 << j)).score() - r.get(s).score());
            }
            phi.put(window.schema().name(j), sum);
            se.put(window.schema().name(j), 0.0);
        }
        return new Explanation(window.entityId(), window.period(), NAME, r.get((1 << f) - 1).score(),
                r.get(0).score(), phi, se);
    }

    /** Its provider. */
    public static final class Provider implements ExplainerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "test only: exact Shapley values by enumerating coalitions";
        }

        @Override
        public Explainer create(Properties options) {
            return new ExactShapleyExplainer();
        }
    }
}
