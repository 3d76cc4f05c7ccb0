package io.ppcanomaly.bench.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One NAB data file: its rows (timestamp, value) and its label windows, resolved to row indices.
 *
 * <p>NAB's sweeper enters a window at the row whose timestamp equals the window's start and leaves it at the row
 * whose timestamp equals its end. A window whose ends are not timestamps of the file would silently never be
 * entered there (and would block the windows after it); here it is rejected instead, naming the file and the
 * timestamp. Windows must be in time order and must not overlap, as NAB's labeller produces them.
 */
public final class NabFile {

    private final String name;
    private final LocalDateTime[] timestamps;
    private final double[] values;
    private final List<LabelWindow> windows;
    private final int[] windowStart;
    private final int[] windowEnd;

    /**
     * @param name       the file name, e.g. {@code exchange-2_cpc_results.csv}; window names derive from it
     * @param timestamps row timestamps, non-decreasing (NAB's own files repeat a timestamp now and then; a window
     *                   end then resolves to the first row of that timestamp, as in NAB)
     * @param values     row values, one per timestamp (may be empty of meaning for scoring-only use)
     * @param windows    label windows in time order, non-overlapping, whose ends are timestamps of the file
     * @throws IllegalArgumentException for decreasing timestamps, a length mismatch, or a window not on the rows
     */
    public NabFile(String name, List<LocalDateTime> timestamps, double[] values, List<LabelWindow> windows) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(windows, "windows");
        if (timestamps.isEmpty()) {
            throw new IllegalArgumentException("file " + name + " must have at least one row, got 0");
        }
        if (values.length != timestamps.size()) {
            throw new IllegalArgumentException("file " + name + " must have one value per timestamp ("
                    + timestamps.size() + "), got " + values.length);
        }
        this.timestamps = timestamps.toArray(new LocalDateTime[0]);
        Map<LocalDateTime, Integer> rowOf = new HashMap<>(this.timestamps.length * 2);
        for (int i = 0; i < this.timestamps.length; i++) {
            Objects.requireNonNull(this.timestamps[i], "timestamp");
            if (i > 0 && this.timestamps[i].isBefore(this.timestamps[i - 1])) {
                throw new IllegalArgumentException("file " + name + " timestamps must not decrease, got "
                        + this.timestamps[i] + " after " + this.timestamps[i - 1] + " at row " + i);
            }
            // NAB's sweeper finds a window end with timestamps.index(...): the first row of that timestamp.
            rowOf.putIfAbsent(this.timestamps[i], i);
        }
        this.values = values.clone();
        this.windows = List.copyOf(windows);
        this.windowStart = new int[windows.size()];
        this.windowEnd = new int[windows.size()];
        for (int k = 0; k < windows.size(); k++) {
            LabelWindow w = windows.get(k);
            Integer s = rowOf.get(w.start());
            Integer e = rowOf.get(w.end());
            if (s == null || e == null) {
                throw new IllegalArgumentException("file " + name + " window " + k + " ends must be timestamps of "
                        + "the file, got " + (s == null ? w.start() : w.end()));
            }
            if (k > 0 && s <= windowEnd[k - 1]) {
                throw new IllegalArgumentException("file " + name + " windows must be in time order and not "
                        + "overlap, got window " + k + " starting at " + w.start() + " before the end of window "
                        + (k - 1));
            }
            windowStart[k] = s;
            windowEnd[k] = e;
        }
    }

    /**
     * NAB's probationary length: {@code min(floor(fraction · rows), fraction · 5000)} rows at the start of a file
     * are not scored (with the default 0.15: 15% of the file, at most 750 rows).
     *
     * @param rows     rows in the file, {@code >= 0}
     * @param fraction the probationary fraction, in [0, 1]
     * @return the number of leading rows excluded from scoring
     */
    public static int probationLength(int rows, double fraction) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("probation fraction must be in [0, 1], got " + fraction);
        }
        // NAB compares the row index (an int) with this possibly fractional bound: i >= x  <=>  i >= ceil(x).
        return (int) Math.ceil(Math.min(Math.floor(fraction * rows), fraction * 5000));
    }

    /** @return the file name */
    public String name() {
        return name;
    }

    /** @return the number of rows */
    public int size() {
        return timestamps.length;
    }

    /** @return the timestamp of row {@code i} */
    public LocalDateTime timestamp(int i) {
        return timestamps[i];
    }

    /** @return the timestamps, in order (unmodifiable) */
    public List<LocalDateTime> timestamps() {
        return Collections.unmodifiableList(Arrays.asList(timestamps));
    }

    /** @return a copy of the values */
    public double[] values() {
        return values.clone();
    }

    /** @return the label windows, in time order */
    public List<LabelWindow> windows() {
        return windows;
    }

    /** @return the number of label windows */
    public int windowCount() {
        return windowStart.length;
    }

    /** @return the first row of window {@code k} */
    public int windowStart(int k) {
        return windowStart[k];
    }

    /** @return the last row of window {@code k} (included) */
    public int windowEnd(int k) {
        return windowEnd[k];
    }

    /** @return the labels NAB derives from the windows: 1 for a row inside a window, 0 otherwise */
    public int[] labels() {
        int[] out = new int[timestamps.length];
        for (int k = 0; k < windowStart.length; k++) {
            Arrays.fill(out, windowStart[k], windowEnd[k] + 1, 1);
        }
        return out;
    }

    /** @return a file with the same rows and windows but other values (e.g. for tests) */
    public NabFile withValues(double[] newValues) {
        return new NabFile(name, new ArrayList<>(Arrays.asList(timestamps)), newValues, windows);
    }

    @Override
    public String toString() {
        return "NabFile[" + name + ", " + timestamps.length + " rows, " + windowStart.length + " windows]";
    }
}
