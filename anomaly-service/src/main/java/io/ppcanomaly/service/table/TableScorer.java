package io.ppcanomaly.service.table;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores any numeric table or time series with a detector found by name: rows in order, one window per row
 * (the row alone, or the {@code windowRows} rows ending at it). Immutable and thread-safe; each call creates
 * its own detectors.
 *
 * <h2>Streaming (causal)</h2>
 * The first {@code W} warm-up rows standardise the columns and fit the detector; they are left unscored. From
 * row {@code W} on, a {@link StreamingDetector} scores each row and then learns it; any other detector scores
 * rows in blocks of {@code refitEvery} and is refitted, before each block, on the {@code refitRows} rows just
 * before it. Either way row {@code i}'s score depends only on rows {@code 0..i}, so appending rows never
 * changes an earlier row's score (with a fixed warm-up, see {@link TableScoringConfig#warmupRows()}).
 *
 * <h2>Batch</h2>
 * Standardise on all rows, fit on all windows, score all windows.
 */
public final class TableScorer {

    private static final Logger LOG = LoggerFactory.getLogger(TableScorer.class);

    private final String detector;
    private final Properties options;
    private final TableScoringConfig config;

    /**
     * @param detector provider name
     * @param options  its options (copied), or {@code null}
     * @param config   how to score
     * @throws IllegalArgumentException for an unknown detector, listing the available ones
     */
    public TableScorer(String detector, Properties options, TableScoringConfig config) {
        this.detector = Objects.requireNonNull(detector, "detector");
        Detectors.provider(detector);
        this.options = new Properties();
        if (options != null) {
            options.stringPropertyNames().forEach(k -> this.options.setProperty(k, options.getProperty(k)));
        }
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Scores the rows.
     *
     * @param columns column names (used as feature names when unique and non-blank)
     * @param rows    rows of finite values, each with one value per column
     * @return one verdict per row, in order
     * @throws IllegalArgumentException for ragged or non-finite rows, or too few rows for the warm-up
     */
    public List<RowScore> score(List<String> columns, double[][] rows) {
        return score(columns, rows, FitListener.NONE);
    }

    /**
     * Scores the rows like {@link #score(List, double[][])}, telling {@code listener} how each fit goes (one in
     * batch mode and for streaming detectors, one per refit otherwise).
     *
     * @throws IllegalArgumentException for ragged or non-finite rows, or too few rows for the warm-up
     */
    public List<RowScore> score(List<String> columns, double[][] rows, FitListener listener) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(rows, "rows");
        int width = columns.size();
        if (width == 0) {
            throw new IllegalArgumentException("columns must not be empty");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " must have " + width + " values, got "
                        + (rows[i] == null ? "none" : Integer.toString(rows[i].length)));
            }
            for (int c = 0; c < width; c++) {
                if (!Double.isFinite(rows[i][c])) {
                    throw new IllegalArgumentException("row " + i + " column '" + columns.get(c)
                            + "' must be finite, got " + rows[i][c]);
                }
            }
        }
        FeatureSchema schema = schemaOf(columns);
        int n = rows.length;
        int wr = config.windowRows();
        boolean streaming = config.mode() == ScoringMode.STREAMING;
        int warm = streaming ? config.warmupFor(n) : n;
        if (warm < wr) {
            throw new IllegalArgumentException("warm-up rows must be >= the window's " + wr + " rows, got " + warm
                    + (config.warmupRows() == 0 ? " (15% of " + n + " rows)" : ""));
        }
        if (streaming && warm >= n) {
            throw new IllegalArgumentException("warm-up rows must leave rows to score: the table has " + n
                    + " rows, warm-up is " + warm);
        }
        double[][] x = config.standardize() ? RobustScaler.fit(rows, warm).apply(rows) : rows;
        RowScore[] out = new RowScore[n];
        Arrays.fill(out, RowScore.UNSCORED);
        Detector d = Detectors.create(detector, options);
        d.fit(windows(schema, x, wr - 1, warm), listener);
        if (!streaming) {
            put(out, wr - 1, d.scoreAll(windows(schema, x, wr - 1, n)));
        } else if (d instanceof StreamingDetector sd) {
            for (int i = warm; i < n; i++) {
                out[i] = verdict(sd.scoreAndLearn(window(schema, x, i)));
            }
        } else {
            int every = config.refitEvery() > 0 ? config.refitEvery() : warm;
            int trail = config.refitRows() > 0 ? config.refitRows()
                    : Math.max(warm, TableScoringConfig.DEFAULT_MAX_WARMUP_ROWS);
            for (int from = warm; from < n; from += every) {
                if (from > warm) {
                    d = Detectors.create(detector, options);
                    d.fit(windows(schema, x, Math.max(wr - 1, from - trail), from), listener);
                }
                put(out, from, d.scoreAll(windows(schema, x, from, Math.min(n, from + every))));
            }
        }
        LOG.debug("Scored {} of {} rows with {} ({} mode, warm-up {})", n - (streaming ? warm : wr - 1), n,
                detector, config.mode(), streaming ? warm : 0);
        return List.of(out);
    }

    private static void put(RowScore[] out, int from, List<AnomalyResult> results) {
        for (int k = 0; k < results.size(); k++) {
            out[from + k] = verdict(results.get(k));
        }
    }

    private static RowScore verdict(AnomalyResult r) {
        return new RowScore(true, r.score(), r.anomalous());
    }

    /** Windows ending at rows [from, to). */
    private List<FeatureWindow> windows(FeatureSchema schema, double[][] x, int from, int to) {
        List<FeatureWindow> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            out.add(window(schema, x, i));
        }
        return out;
    }

    private FeatureWindow window(FeatureSchema schema, double[][] x, int end) {
        int wr = config.windowRows();
        double[][] rows = new double[wr][];
        for (int t = 0; t < wr; t++) {
            rows[t] = x[end - wr + 1 + t];
        }
        return FeatureWindow.of(schema, rows, null, null);
    }

    private static FeatureSchema schemaOf(List<String> columns) {
        try {
            return FeatureSchema.of(columns);
        } catch (IllegalArgumentException e) {
            return FeatureSchema.generic(columns.size());
        }
    }
}
