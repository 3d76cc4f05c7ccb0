package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.StreamingDetector;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What live detection carries from one run to the next ({@link AnomalyService#detectLive}): the model as it
 * stands after the periods judged so far (a {@link StreamingDetector} keeps learning), the last period judged,
 * and the anomalies still running at that period. Runs chained through their states judge exactly what one
 * backtest over all their periods judges with the same starting model: the same scores, alerts, starts and root
 * causes. Persist it between runs — the model through {@link Detector#save}, the rest as plain values — and a
 * restarted process continues where the last one stopped.
 *
 * <p>Immutable as a value; the model inside is never mutated by the service (a learning run works on a copy and
 * returns it in the next state). Do not mutate it yourself while a run uses it.
 *
 * @param model         the fitted detector
 * @param judgedThrough the last period judged with this state, or {@code null} when nothing has been judged yet
 *                      (the first run then judges the request's {@code periods} ending at its as-of, and traces back
 *                      the start of anomalies found in its first period, as a backtest does)
 * @param ongoing       entity id → its anomaly still running at {@code judgedThrough} (its {@code last} equals
 *                      {@code judgedThrough}); empty when nothing has been judged
 */
public record LiveState(Detector model, LocalDateTime judgedThrough, Map<String, OngoingAnomaly> ongoing) {

    /** Validates and freezes. */
    public LiveState {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(ongoing, "ongoing");
        if (!model.isFitted()) {
            throw new IllegalArgumentException("model must be fitted, got an unfitted '" + model.name() + "'");
        }
        if (judgedThrough == null && !ongoing.isEmpty()) {
            throw new IllegalArgumentException("ongoing must be empty before any period is judged, got "
                    + ongoing.size() + " anomalies");
        }
        for (Map.Entry<String, OngoingAnomaly> e : ongoing.entrySet()) {
            Objects.requireNonNull(e.getKey(), "ongoing entity id");
            if (!e.getValue().last().equals(judgedThrough)) {
                throw new IllegalArgumentException("ongoing anomaly of '" + e.getKey() + "' must end at judgedThrough "
                        + judgedThrough + ", got " + e.getValue().last());
            }
        }
        ongoing = Collections.unmodifiableMap(new TreeMap<>(ongoing));
    }

    /** @return the state of a model that has judged nothing yet (a model just trained) */
    public static LiveState start(Detector model) {
        return new LiveState(model, null, Map.of());
    }

    /** @return whether a period has been judged with this state */
    public boolean started() {
        return judgedThrough != null;
    }
}
