package io.ppcanomaly.monitor.state;

import io.ppcanomaly.service.OngoingAnomaly;
import java.util.Map;
import java.util.Objects;

/**
 * A live state as stored: the watermark, the model's {@link io.ppcanomaly.api.Detector#save} stream after learning
 * through it, and the anomalies still running there. The bytes are shared, not copied: do not modify them.
 *
 * @param watermark where the state stands
 * @param model     the live model's bytes
 * @param ongoing   entity id → its running anomaly
 */
public record StoredLiveState(Watermark watermark, byte[] model, Map<String, OngoingAnomaly> ongoing) {

    /** Checks the fields. */
    public StoredLiveState {
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(model, "model");
        ongoing = Map.copyOf(ongoing);
    }
}
