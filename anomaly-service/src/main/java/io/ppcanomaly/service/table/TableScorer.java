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
import java.util.Collections;
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
 *
 * <h2>Time series</h2>
 * {@link #scoreSeries} scores a series on causal temporal features of its values ({@link TemporalFeatures}:
 * each value's move against its recent and its longer history, seasonally adjusted when the timestamps and the
 * values show a daily or weekly cycle, in units of the series' own typical moves) instead of on the raw values,
 * then as above. {@link #score} scores the values themselves.
 */
public final class TableScorer {

    private static final Logger LOG = LoggerFactory.getLogger(TableScorer.class);

    /**
     * The detector the command line scores a time series with when none is named. On the temporal features an
     * Isolation Forest, refitted on trailing rows as streaming mode does for batch detectors, ranks the largest
     * moves of a few standardised features well; on NAB's six ad-exchange files it scored 79.8 (NAB standard
     * profile) where the LSTM autoencoder scored 68.7, the default ensemble 66.5 and Half-Space Trees 58.5 on the
     * same features ({@code anomaly-benchmarks/RESULTS.md}).
     */
    public static final String DEFAULT_SERIES_DETECTOR = "isolation-forest";

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
        Objects.requireNonNull(listener, "listener");
        checkRows(columns, rows);
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

    /**
     * Scores a time series on its temporal features ({@link TemporalFeatures}) rather than its raw values: the
     * decisions the features need (transform scale, cycle) are taken on the warm-up rows (streaming) or on all
     * rows (batch), then the feature rows are scored as {@link #score} scores a table, except that the first rows
     * ({@link TemporalFeatures.ColumnPlan#evidenceFrom()}: three cycles, if there is one; at most half the warm-up),
     * whose features are 0 for want of history, are left unscored and out of the fit. In streaming mode row
     * {@code i}'s score depends only on rows {@code 0..i}.
     *
     * @param times      wall-clock seconds ({@link WallClock}), one per row, non-decreasing
     * @param columns    the value columns' names
     * @param rows       rows of finite values, each with one value per column
     * @param features   how the features are built
     * @param duplicates whether consecutive rows may share a timestamp
     * @return one verdict per row, and the features scored
     * @throws IllegalArgumentException for ragged or non-finite rows, timestamps that decrease (or repeat, under
     *                                  {@link DuplicateTimestamps#FAIL}), or a warm-up shorter than two of the
     *                                  features' baselines ({@code 2 · baselineRows} rows)
     */
    public SeriesScores scoreSeries(long[] times, List<String> columns, double[][] rows, SeriesFeatureConfig features,
                                    DuplicateTimestamps duplicates) {
        return scoreSeries(times, columns, rows, features, duplicates, FitListener.NONE);
    }

    /**
     * Scores a time series like {@link #scoreSeries(long[], List, double[][], SeriesFeatureConfig,
     * DuplicateTimestamps)}, telling {@code listener} how each fit goes.
     *
     * @throws IllegalArgumentException as the five-argument form
     */
    public SeriesScores scoreSeries(long[] times, List<String> columns, double[][] rows, SeriesFeatureConfig features,
                                    DuplicateTimestamps duplicates, FitListener listener) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(duplicates, "duplicates");
        checkRows(columns, rows);
        int n = rows.length;
        if (times.length != n) {
            throw new IllegalArgumentException("times must have one timestamp per row (" + n + "), got "
                    + times.length);
        }
        int bad = firstOutOfOrder(times, duplicates);
        if (bad > 0) {
            throw new IllegalArgumentException(times[bad] < times[bad - 1]
                    ? "timestamps must not decrease: row " + bad + " (" + WallClock.format(times[bad])
                            + ") comes after row " + (bad - 1) + " (" + WallClock.format(times[bad - 1])
                            + "); sort the series by time"
                    : "timestamps must be unique: rows " + (bad - 1) + " and " + bad + " are both at "
                            + WallClock.format(times[bad]) + " (DuplicateTimestamps.KEEP scores both)");
        }
        int warm = config.mode() == ScoringMode.STREAMING ? config.warmupFor(n) : n;
        int need = 2 * features.baselineRows();
        if (warm < need || n == 0) {
            throw new IllegalArgumentException("a time series must have a warm-up of at least " + need
                    + " rows (2 x baselineRows) to learn its baselines, got " + Math.min(warm, n)
                    + (config.mode() == ScoringMode.BATCH ? " (all rows)"
                    : config.warmupRows() == 0 ? " (15% of " + n + " rows)" : "")
                    + ": score a longer series, set a longer warm-up, or score the raw values");
        }
        TemporalFeatures.Features f = TemporalFeatures.build(times, columns, rows, Math.min(warm, n), features);
        for (TemporalFeatures.ColumnPlan p : f.columns()) {
            LOG.debug("Series column {}: scale {}, cycle {} ({} phases, strength {}), baselines {} and {} rows",
                    p.column(), p.scale(), p.cycle().name(), p.cycle().buckets(), p.cycle().strength(),
                    p.baselineRows(), p.historyRows());
        }
        // Until a column's spread has a baseline's worth of moves behind it, its features are 0 by construction:
        // rows that carry no evidence, which would teach the detector a cluster of zeros. They are left unscored,
        // and the detector is fitted on the rest of the warm-up.
        int skip = 0;
        for (TemporalFeatures.ColumnPlan p : f.columns()) {
            skip = Math.max(skip, p.evidenceFrom());
        }
        skip = Math.min(skip, warm / 2);
        TableScoringConfig rest = config.mode() == ScoringMode.STREAMING ? config.withWarmupRows(warm - skip) : config;
        List<RowScore> scored = new TableScorer(detector, options, rest).score(f.schema().names(),
                Arrays.copyOfRange(f.rows(), skip, n), listener);
        List<RowScore> all = new ArrayList<>(n);
        all.addAll(Collections.nCopies(skip, RowScore.UNSCORED));
        all.addAll(scored);
        return new SeriesScores(all, f);
    }

    /**
     * @return the first row {@code i > 0} whose timestamp is before row {@code i − 1}'s (or equal to it, under
     *         {@link DuplicateTimestamps#FAIL}), or -1 when the timestamps are in order
     */
    public static int firstOutOfOrder(long[] times, DuplicateTimestamps duplicates) {
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1] || (times[i] == times[i - 1] && duplicates == DuplicateTimestamps.FAIL)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkRows(List<String> columns, double[][] rows) {
        Objects.requireNonNull(columns, "columns");
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
