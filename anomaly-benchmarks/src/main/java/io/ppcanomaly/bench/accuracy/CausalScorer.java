package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Scores a series causally — row {@code t}'s score depends only on rows {@code 0..t} — the way the CLI's
 * {@code score --mode streaming} does, so that NAB's rules hold:
 * <ul>
 *   <li>the first {@code warm-up} rows ({@value #DEFAULT_WARMUP_FRACTION} of the series, at most
 *       {@value #DEFAULT_MAX_WARMUP_ROWS}: NAB's probationary period) fit the detector and are given score 0;</li>
 *   <li>a {@link StreamingDetector} then scores each row and learns it ({@link StreamingDetector#scoreAndLearn});
 *   </li>
 *   <li>a batch detector scores each block of {@code refitEvery} rows with the model fitted before the block,
 *       then is refitted on the trailing {@code trailingRows} rows (the block included) — never on a row it has
 *       not yet scored.</li>
 * </ul>
 * Windows of more than one period are the last {@code windowLength} feature rows.
 */
public final class CausalScorer {

    /** Share of the series used to warm up (NAB's probationary fraction). */
    public static final double DEFAULT_WARMUP_FRACTION = 0.15;
    /** Cap on the warm-up rows (NAB's probationary cap). */
    public static final int DEFAULT_MAX_WARMUP_ROWS = 750;

    private final int windowLength;
    private final int refitEvery;
    private final int trailingRows;

    /**
     * @param windowLength periods per window, {@code >= 1}
     * @param refitEvery   rows between refits of a batch detector, {@code >= 1}, or 0 for "the warm-up length"
     * @param trailingRows rows a batch detector is refitted on, {@code >= 1}, or 0 for "all rows so far"
     */
    public CausalScorer(int windowLength, int refitEvery, int trailingRows) {
        if (windowLength < 1) {
            throw new IllegalArgumentException("windowLength must be >= 1, got " + windowLength);
        }
        if (refitEvery < 0) {
            throw new IllegalArgumentException("refitEvery must be >= 0, got " + refitEvery);
        }
        if (trailingRows < 0) {
            throw new IllegalArgumentException("trailingRows must be >= 0, got " + trailingRows);
        }
        this.windowLength = windowLength;
        this.refitEvery = refitEvery;
        this.trailingRows = trailingRows;
    }

    /**
     * The outcome of one causal run.
     *
     * @param scores     one score in [0, 1] per row; warm-up rows are 0
     * @param warmupRows rows used to warm up
     * @param streaming  whether the detector learnt row by row
     * @param fits       how many times the detector was fitted
     * @param nanos      wall time of the run
     */
    public record Run(double[] scores, int warmupRows, boolean streaming, int fits, long nanos) {
    }

    /** @return NAB's warm-up length for a series of {@code rows} rows */
    public static int warmupRows(int rows) {
        return (int) Math.min(Math.floor(DEFAULT_WARMUP_FRACTION * rows), DEFAULT_MAX_WARMUP_ROWS);
    }

    /**
     * Runs a fresh detector over the rows.
     *
     * @param factory makes the (unfitted) detector
     * @param schema  the feature names of the rows
     * @param rows    feature rows in time order
     * @throws IllegalArgumentException when the warm-up holds fewer rows than one window needs
     */
    public Run run(Supplier<? extends Detector> factory, FeatureSchema schema, double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        return run(factory, schema, rows, warmupRows(rows.length));
    }

    /**
     * Runs a fresh detector over the rows with an explicit warm-up length.
     *
     * @param warm rows used to warm up, in [windowLength, rows.length]
     * @throws IllegalArgumentException when the warm-up is shorter than one window or longer than the series
     */
    public Run run(Supplier<? extends Detector> factory, FeatureSchema schema, double[][] rows, int warm) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rows, "rows");
        long t0 = System.nanoTime();
        int n = rows.length;
        if (warm > n) {
            throw new IllegalArgumentException("warm-up must be <= the " + n + " rows, got " + warm);
        }
        if (warm < windowLength) {
            throw new IllegalArgumentException("warm-up must hold at least one window of " + windowLength
                    + " rows, got " + warm + " rows for a series of " + n);
        }
        List<FeatureWindow> windows = windows(schema, rows);
        double[] scores = new double[n];
        Detector detector = factory.get();
        detector.fit(windows(windows, windowLength - 1, warm));
        int fits = 1;
        boolean streaming = detector instanceof StreamingDetector;
        if (streaming) {
            StreamingDetector s = (StreamingDetector) detector;
            for (int t = warm; t < n; t++) {
                scores[t] = s.scoreAndLearn(windows.get(t - windowLength + 1)).score();
            }
        } else {
            int every = refitEvery == 0 ? warm : refitEvery;
            for (int from = warm; from < n; from += every) {
                int to = Math.min(n, from + every);
                List<AnomalyResult> rs = detector.scoreAll(windows(windows, from, to));
                for (int t = from; t < to; t++) {
                    scores[t] = rs.get(t - from).score();
                }
                if (to < n) {
                    int start = trailingRows == 0 ? windowLength - 1 : Math.max(windowLength - 1, to - trailingRows);
                    detector.fit(windows(windows, start, to));
                    fits++;
                }
            }
        }
        return new Run(scores, warm, streaming, fits, System.nanoTime() - t0);
    }

    /** Windows ending at rows {@code from..to-1} (each needs {@code windowLength - 1} rows before it). */
    private List<FeatureWindow> windows(List<FeatureWindow> all, int from, int to) {
        return all.subList(from - windowLength + 1, to - windowLength + 1);
    }

    /** All windows; window {@code i} ends at row {@code i + windowLength - 1}. */
    private List<FeatureWindow> windows(FeatureSchema schema, double[][] rows) {
        int f = schema.size();
        List<FeatureWindow> out = new ArrayList<>(Math.max(0, rows.length - windowLength + 1));
        double[] buf = new double[windowLength * f];
        for (int end = windowLength - 1; end < rows.length; end++) {
            for (int k = 0; k < windowLength; k++) {
                double[] r = rows[end - windowLength + 1 + k];
                if (r.length != f) {
                    throw new IllegalArgumentException("row " + (end - windowLength + 1 + k) + " has " + r.length
                            + " values, expected " + f);
                }
                System.arraycopy(r, 0, buf, k * f, f);
            }
            out.add(FeatureWindow.of(schema, buf, null, null));
        }
        return out;
    }
}
