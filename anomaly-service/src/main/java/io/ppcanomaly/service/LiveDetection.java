package io.ppcanomaly.service;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of {@link AnomalyService#detectLive}: the report of the periods judged and the state to pass to
 * the next run. Immutable.
 *
 * @param report           the report, as {@link AnomalyService#detect} would give for these periods
 * @param state            the state after the last period judged: the (learnt) model, that period, the anomalies
 *                         still running
 * @param windowsPerPeriod period → windows scored in it, oldest first (the report's {@code windowsScored} split by
 *                         period), for callers keeping a ledger of what was judged
 */
public record LiveDetection(DetectionReport report, LiveState state, Map<LocalDateTime, Long> windowsPerPeriod) {

    /** Validates and freezes. */
    public LiveDetection {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(state, "state");
        windowsPerPeriod = Collections.unmodifiableMap(new TreeMap<>(windowsPerPeriod));
    }
}
