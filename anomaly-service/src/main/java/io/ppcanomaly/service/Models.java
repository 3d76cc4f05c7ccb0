package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.features.FeatureExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Helpers on fitted detectors. */
final class Models {

    private Models() {
    }

    /** @return an independent copy (through the model's own persistence), so learning leaves the original */
    static Detector copy(Detector d) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            d.save(buf);
            return Detectors.load(new ByteArrayInputStream(buf.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("copying the '" + d.name() + "' model through save/load failed", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the model was fitted on another schema or window length
     */
    static void requireCompatible(Detector d, FeatureExtractor fx) {
        if (!d.schema().equals(fx.schema())) {
            throw new IllegalArgumentException("model features must be " + fx.schema() + ", got " + d.schema());
        }
        if (d.windowLength() != fx.config().windowLength()) {
            throw new IllegalArgumentException("model window length must be " + fx.config().windowLength()
                    + " (the request's features), got " + d.windowLength());
        }
    }
}
