package io.ppcanomaly.service;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An entity's run of consecutive anomalous periods that was still going at the end of a live run: what the next
 * run needs to continue it exactly as a backtest over both runs' periods would (the anomaly's start and its peak
 * score feed root-cause analysis). Immutable.
 *
 * @param start     the first period of the run (traced back by the detector when the run began)
 * @param last      the latest anomalous period, &ge; {@code start}
 * @param peakScore the highest score over the run, in [0, 1]
 */
public record OngoingAnomaly(LocalDateTime start, LocalDateTime last, double peakScore) {

    /** Validates. */
    public OngoingAnomaly {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(start)) {
            throw new IllegalArgumentException("last must not be before start " + start + ", got " + last);
        }
        if (!(peakScore >= 0 && peakScore <= 1)) {
            throw new IllegalArgumentException("peakScore must be in [0, 1], got " + peakScore);
        }
    }
}
