package io.ppcanomaly.forest;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.AbstractDetector;
import io.ppcanomaly.api.spi.FitReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Isolation Forest (Liu, Ting &amp; Zhou, "Isolation Forest", ICDM 2008; extended levels after Hariri, Kind &amp;
 * Brunner, "Extended Isolation Forest", IEEE TKDE 2019), behind the {@link Detector} SPI as provider
 * {@value #NAME}. The trees are this module's compact trees grown by scikit-learn's split rule
 * ({@code split.rule=non-constant}, the default) or Smile 3.1.1's {@code smile.anomaly} trees
 * ({@code split.rule=smile}, also the only ones with extended levels); see {@link IsolationForestConfig.SplitRule}.
 *
 * <p>Anomalies are few and different, so random axis-parallel cuts isolate them in fewer steps than normal
 * points. Each of {@code trees} trees is grown on ψ rows drawn without replacement; a row's raw score is its
 * mean path length E[h(x)] over the trees and its score {@code s = 2^(−E[h(x)] / c(ψ))} in (0, 1], where c(ψ) is
 * the mean path length of an unsuccessful search in a binary search tree of ψ keys. Scores well above 0.5 mark
 * anomalies (a point isolated at once scores near 1); when all points score about 0.5 or less the data hold no
 * distinct anomaly. The threshold is the (1 − contamination) quantile of the training scores.
 *
 * <h2>Windows and tables</h2>
 * Through {@link Detector} the model sees, per window, the last {@code window.rows} rows flattened (by default
 * the last row alone: the period being judged, its features already scale-free). For plain tables use
 * {@link #fit(double[][])}, {@link #score(double[][])} and {@link #meanPathLengths(double[][])}: rows are treated
 * as windows of length 1 with features {@code x0 … x(d−1)}.
 *
 * <h2>Cost</h2>
 * Fitting reads the table once (to validate it) and grows every tree from its own ψ-row sample, so it does not
 * grow with the table beyond that pass; setting the threshold scores at most {@code threshold.sample.size} rows.
 * Scoring costs trees × depth node visits per row; {@link #scoreAll} and {@link #score(double[][])} are the fast
 * paths and spread large batches over the common fork-join pool.
 *
 * <h2>Threads</h2>
 * The fitted model is immutable and shared by reference; {@link #fit} swaps it in atomically, so scoring threads
 * see the old or the new model, never a mix ({@link AbstractDetector}).
 */
public final class IsolationForestDetector extends AbstractDetector<IsolationForestConfig, FittedForest> {

    /** The provider name. */
    public static final String NAME = "isolation-forest";

    /** Creates an unfitted detector with the {@linkplain IsolationForestConfig#defaults() defaults}. */
    public IsolationForestDetector() {
        this(IsolationForestConfig.defaults());
    }

    /** Creates an unfitted detector. */
    public IsolationForestDetector(IsolationForestConfig config) {
        super(config);
    }

    private IsolationForestDetector(FittedForest model) {
        super(model.config(), model);
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @throws IOException for a stream of another detector or format version, or a truncated or corrupt one
     */
    public static IsolationForestDetector load(InputStream in) throws IOException {
        return new IsolationForestDetector(ForestCodec.read(in));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Fits on windows: each contributes its last {@code window.rows} rows. Reports the trees grown.
     *
     * @throws IllegalArgumentException for fewer than 2 windows, windows shorter than {@code window.rows}, or an
     *                                  extension level too high for the inputs
     */
    @Override
    protected FittedForest fitModel(List<FeatureWindow> windows, FitReporter progress) {
        FeatureWindow first = windows.get(0);
        requireWindowRows(first.length());
        RowSource rows = RowSource.ofWindows(List.copyOf(windows), config().windowRows(), first.width());
        return ForestTrainer.fit(rows, config(), first.schema(), first.length(), progress);
    }

    /**
     * Fits on a table, each row one record (a window of length 1 with features {@code x0 … x(d−1)}).
     * The array is read, not kept.
     *
     * @param rows at least 2 rows of one width &ge; 1, all values finite
     * @throws IllegalArgumentException naming the first bad row or value, or when {@code window.rows} &gt; 1
     */
    public void fit(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("training rows must not be empty, got 0");
        }
        Objects.requireNonNull(rows[0], "row 0");
        int width = rows[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("row width must be >= 1, got 0");
        }
        requireWindowRows(1);
        requireRows(rows, width);
        publish(ForestTrainer.fit(RowSource.of(rows, width), config(), FeatureSchema.generic(width), 1));
    }

    private void requireWindowRows(int windowLength) {
        if (config().windowRows() > windowLength) {
            throw new IllegalArgumentException(IsolationForestConfig.KEY_WINDOW_ROWS + " must be <= the window length "
                    + windowLength + ", got " + config().windowRows());
        }
    }

    /** Checks that every row has {@code width} finite values, naming the first that does not. */
    private static void requireRows(double[][] rows, int width) {
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            if (r == null) {
                throw new NullPointerException("row " + i + " is null");
            }
            if (r.length != width) {
                throw new IllegalArgumentException("row " + i + " has " + r.length + " values, expected " + width);
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException("row " + i + " value " + j + " must be finite, got " + r[j]);
                }
            }
        }
    }

    @Override
    public AnomalyResult score(FeatureWindow window) {
        FittedForest m = fittedFor(window);
        double[] x = new double[m.width()];
        window.copyLastRowsTo(m.config().windowRows(), x, 0);
        double path = m.meanPathLength(x);
        return AnomalyResult.of(window, NAME, path, m.score(path), m.threshold());
    }

    /**
     * Scores windows in one call; the raw score of each result is its mean path length E[h(x)].
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if any window does not match the model; nothing is scored then
     */
    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        FittedForest m = fittedFor(windows); // names a null window by index
        List<FeatureWindow> ws = List.copyOf(windows);
        double[] path = new double[ws.size()];
        m.meanPathLengths(RowSource.ofWindows(ws, m.config().windowRows(), m.schema().size()), path);
        List<AnomalyResult> out = new ArrayList<>(ws.size());
        double threshold = m.threshold();
        for (int i = 0; i < path.length; i++) {
            out.add(AnomalyResult.of(ws.get(i), NAME, path[i], m.score(path[i]), threshold));
        }
        return out;
    }

    /**
     * Scores the rows of a table.
     *
     * @param rows rows of the width the model was fitted on, all values finite
     * @return one score in (0, 1] per row, higher = more anomalous; compare with {@link #threshold()}
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException naming the first row of the wrong width or the first non-finite value
     */
    public double[] score(double[][] rows) {
        FittedForest m = fitted();
        double[] out = meanPathLengths(m, rows);
        for (int i = 0; i < out.length; i++) {
            out[i] = m.score(out[i]);
        }
        return out;
    }

    /**
     * The raw scores of a table's rows: mean path lengths E[h(x)], lower = more anomalous.
     *
     * @return one value &ge; 0 per row
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException naming the first row of the wrong width or the first non-finite value
     */
    public double[] meanPathLengths(double[][] rows) {
        return meanPathLengths(fitted(), rows);
    }

    private static double[] meanPathLengths(FittedForest m, double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        requireRows(rows, m.width());
        double[] out = new double[rows.length];
        m.meanPathLengths(RowSource.of(rows, m.width()), out);
        return out;
    }

    /**
     * Writes the model: the {@link io.ppcanomaly.api.spi.ModelStreams} header, then format version 2 of the body
     * (which records the split rule; {@link #load} reads versions 1 and 2).
     */
    @Override
    protected void writeModel(FittedForest model, OutputStream out) throws IOException {
        ForestCodec.write(model, out);
    }
}
