package io.ppcanomaly.bench.nab;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One NAB label window: the span of rows, both ends included, in which a detection counts as a true positive.
 *
 * @param start timestamp of the first row of the window
 * @param end   timestamp of the last row of the window, not before {@code start}
 */
public record LabelWindow(LocalDateTime start, LocalDateTime end) {

    /** Validates the order of the ends. */
    public LabelWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end must not be before its start " + start + ", got " + end);
        }
    }
}
