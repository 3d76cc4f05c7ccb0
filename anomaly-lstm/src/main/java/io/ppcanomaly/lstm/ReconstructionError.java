package io.ppcanomaly.lstm;

import io.ppcanomaly.api.features.FeatureSchema;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the autoencoder failed to reconstruct a window: the squared error of every cell (period × feature), in
 * standardised units, with the reconstruction itself. The natural explanation of an LSTM autoencoder's score —
 * the cells it could not reproduce are the ones that broke the learnt pattern. Immutable.
 *
 * <p>{@link #total()} is the detector's raw score; {@link #perFeature()} and {@link #perPeriod()} are the means
 * over periods and over features, so each of them also averages to {@link #total()}.
 */
public final class ReconstructionError {

    private final FeatureSchema schema;
    private final int length;
    private final String entityId;
    private final LocalDateTime period;
    private final double[] squared;
    private final double[] reconstructed;

    ReconstructionError(FeatureSchema schema, int length, String entityId, LocalDateTime period, double[] squared,
                        double[] reconstructed) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.length = length;
        this.entityId = entityId;
        this.period = period;
        this.squared = squared;
        this.reconstructed = reconstructed;
    }

    /** @return the features */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the periods, oldest first */
    public int length() {
        return length;
    }

    /** @return the entity of the window, or {@code null} */
    public String entityId() {
        return entityId;
    }

    /** @return the period of the window's last row, or {@code null} */
    public LocalDateTime period() {
        return period;
    }

    /** @return the squared error of feature {@code f} at period {@code t}, standardised units */
    public double at(int t, int f) {
        Objects.checkIndex(t, length);
        Objects.checkIndex(f, schema.size());
        return squared[t * schema.size() + f];
    }

    /** @return the reconstruction of feature {@code f} at period {@code t}, in the window's own units */
    public double reconstructed(int t, int f) {
        Objects.checkIndex(t, length);
        Objects.checkIndex(f, schema.size());
        return reconstructed[t * schema.size() + f];
    }

    /** @return a copy of all squared errors, row-major {@code [period][feature]} */
    public double[] cells() {
        return squared.clone();
    }

    /** @return a copy of the reconstruction, row-major, in the window's own units */
    public double[] reconstruction() {
        return reconstructed.clone();
    }

    /** @return the mean squared error over all cells: the raw score */
    public double total() {
        double s = 0;
        for (double v : squared) {
            s += v;
        }
        return s / squared.length;
    }

    /** @return the mean squared error of each feature over the periods, in schema order */
    public Map<String, Double> perFeature() {
        int w = schema.size();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < w; f++) {
            double s = 0;
            for (int t = 0; t < length; t++) {
                s += squared[t * w + f];
            }
            out.put(schema.name(f), s / length);
        }
        return out;
    }

    /** @return the mean squared error of each period over the features, oldest first */
    public double[] perPeriod() {
        int w = schema.size();
        double[] out = new double[length];
        for (int t = 0; t < length; t++) {
            double s = 0;
            for (int f = 0; f < w; f++) {
                s += squared[t * w + f];
            }
            out[t] = s / w;
        }
        return out;
    }

    /** @return the feature with the largest mean squared error */
    public String worstFeature() {
        String worst = null;
        double max = -1;
        for (Map.Entry<String, Double> e : perFeature().entrySet()) {
            if (e.getValue() > max) {
                max = e.getValue();
                worst = e.getKey();
            }
        }
        return worst;
    }

    @Override
    public String toString() {
        return "ReconstructionError[" + (entityId == null ? "" : entityId + " ") + "total=" + total()
                + ", perFeature=" + perFeature() + "]";
    }
}
