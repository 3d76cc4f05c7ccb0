package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.util.List;
import java.util.Objects;

/**
 * The boundary checks every {@link io.ppcanomaly.api.Detector} applies, in one place so that all detectors
 * reject bad input with the same messages.
 */
public final class WindowChecks {

    private WindowChecks() {
    }

    /**
     * Checks training windows: non-empty, no null, one schema, one length.
     *
     * @return the first window (its schema and length are those of all)
     * @throws IllegalArgumentException naming the first offending window's index and values
     */
    public static FeatureWindow requireTraining(List<FeatureWindow> windows) {
        Objects.requireNonNull(windows, "windows");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("training windows must not be empty, got 0");
        }
        FeatureWindow first = Objects.requireNonNull(windows.get(0), "window 0");
        requireMatching(windows, first.schema(), first.length());
        return first;
    }

    /**
     * Checks that every window has the given schema and length.
     *
     * @throws IllegalArgumentException naming the window index, the expected and the actual values
     */
    public static void requireMatching(List<FeatureWindow> windows, FeatureSchema schema, int length) {
        Objects.requireNonNull(windows, "windows");
        for (int i = 0; i < windows.size(); i++) {
            FeatureWindow w = windows.get(i);
            if (w == null) {
                throw new NullPointerException("window " + i + " is null");
            }
            if (!w.schema().equals(schema)) {
                throw new IllegalArgumentException("window " + i + " features must be " + schema + ", got "
                        + w.schema());
            }
            if (w.length() != length) {
                throw new IllegalArgumentException("window " + i + " length must be " + length + ", got "
                        + w.length());
            }
        }
    }

    /**
     * Checks one window against a model.
     *
     * @throws IllegalArgumentException naming the expected and actual schema or length
     */
    public static void requireMatching(FeatureWindow w, FeatureSchema schema, int length) {
        Objects.requireNonNull(w, "window");
        if (!w.schema().equals(schema)) {
            throw new IllegalArgumentException("window features must be " + schema + ", got " + w.schema());
        }
        if (w.length() != length) {
            throw new IllegalArgumentException("window length must be " + length + ", got " + w.length());
        }
    }

    /** @throws IllegalStateException saying the named detector must be fitted first */
    public static IllegalStateException notFitted(String detector) {
        return new IllegalStateException(detector + " must be fitted (or loaded) before scoring");
    }
}
