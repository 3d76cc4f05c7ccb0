package io.ppcanomaly.streaming;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.AbstractDetector;
import io.ppcanomaly.api.spi.FitReporter;
import io.ppcanomaly.api.spi.FittedModel;
import io.ppcanomaly.streaming.state.HalfSpaceTreesState;
import io.ppcanomaly.streaming.state.HalfSpaceTreesStateMapper;
import io.ppcanomaly.streaming.tree.ForestShape;
import io.ppcanomaly.streaming.tree.HalfSpaceForest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming Half-Space Trees — Tan, Ting &amp; Liu, "Fast Anomaly Detection for Streaming Data", IJCAI 2011 — as a
 * {@link StreamingDetector} (provider {@value HalfSpaceTreesProvider#NAME}) and, for tables and raw streams, over
 * plain {@code double[]} observations.
 *
 * <h2>Lifecycle</h2>
 * {@link #fit(List)} (or {@link #fit(double[][])}) takes the per-dimension range of the given observations as the
 * warm-up that sizes every tree's work-space, builds the trees, then learns the observations in order: the first
 * ψ fill the reference mass profile, the rest the latest profile, which replaces the reference every ψ
 * observations. {@link #learn}, {@link #scoreAndLearn} and their batch forms go on from there. If {@code fit} had
 * fewer than ψ observations, the next ones learnt complete the reference first.
 *
 * <h2>Observations</h2>
 * An observation is the last {@link HalfSpaceTreesConfig#windowRows() windowRows} rows of a window, flattened
 * (by default the last row: the period being judged). The {@code double[]} methods take observations directly,
 * {@link #dimensions()} values each, and reject NaN and infinities naming the index.
 *
 * <h2>Scores</h2>
 * {@link AnomalyResult#rawScore()} is the paper's mass score {@code Σ r · 2^depth} (low = anomalous). The score
 * in [0, 1] is {@code m / (m + raw)}, {@code m} being the median raw score that the observations of the last
 * completed window received on arrival (see {@link HalfSpaceForest}): about 0.5 for a typical observation, 1 for
 * one in empty space, strictly decreasing in the raw score. Because {@code m} follows the
 * reference, a fixed threshold keeps its meaning as the stream drifts. The threshold is
 * {@link HalfSpaceTreesConfig#threshold()} if set, otherwise the {@code 1 − contamination} quantile of the scores
 * the fitted model gives its own training observations.
 *
 * <h2>Memory</h2>
 * Fixed at construction of the trees: {@link #sizeInBytes()}, 19,742,896 bytes at the defaults with 6 features
 * (25 trees of depth 15: 13.1 MB of internal nodes at 16 bytes, 6.6 MB of leaves at 8 bytes, 74 KB for the rows
 * of the latest and the reference window and their stop nodes, which learning defers — see {@link HalfSpaceForest}), whatever the
 * number of observations or entities. One model serves every entity: it learns from the scale-free windows of all of them.
 *
 * <h2>Threads</h2>
 * Scoring ({@link #score}, {@link #scoreAll}, {@link #score(double[])}) only reads: any number of threads may score
 * a fitted model concurrently, provided no thread learns at the same time. Learning ({@code learn*},
 * {@code scoreAndLearn*}) mutates the model: call it from one thread at a time, with no concurrent scoring
 * (synchronize externally, or keep one instance per stream partition). {@code fit} and loading publish a new model
 * atomically ({@link AbstractDetector}). {@link #checkpoint()} and {@link #save} first complete the
 * mass counts that learning defers (see {@link io.ppcanomaly.streaming.tree.HalfSpaceForest}): call them from the
 * learning thread, never while it learns; concurrent scoring stays safe, since they change no count scoring reads.
 *
 * <h2>Allocation</h2>
 * {@link #score(double[])}, {@link #scoreAndLearn(double[])} and {@link #learn(double[])} allocate nothing; the
 * window methods allocate the result objects.
 */
public final class HalfSpaceTreesDetector extends AbstractDetector<HalfSpaceTreesConfig, HalfSpaceTreesDetector.Model>
        implements StreamingDetector {

    private static final Logger LOG = LoggerFactory.getLogger(HalfSpaceTreesDetector.class);

    /**
     * The fitted parts, published together; the forest's masses change as it learns, the rest never.
     *
     * @param learnBuffer scratch of the learning thread; scoring allocates its own
     */
    record Model(HalfSpaceForest forest, FeatureSchema schema, int windowLength, double threshold,
                 double[] learnBuffer) implements FittedModel {

        Model(HalfSpaceForest forest, FeatureSchema schema, int windowLength, double threshold) {
            this(forest, schema, windowLength, threshold, new double[forest.dimensions()]);
        }

        @Override
        public String toString() {
            return schema + " x" + windowLength + ", reference " + forest.referenceSize() + ", latest "
                    + forest.latestSize() + ", threshold " + threshold;
        }
    }

    /** Creates an unfitted detector with the paper's defaults. */
    public HalfSpaceTreesDetector() {
        this(HalfSpaceTreesConfig.DEFAULT);
    }

    /** Creates an unfitted detector. */
    public HalfSpaceTreesDetector(HalfSpaceTreesConfig config) {
        super(config);
    }

    /**
     * Recreates a detector from a checkpoint, ready to score and learn exactly as the original would have.
     *
     * @throws IllegalArgumentException when the state is inconsistent (its masses could not come from a stream)
     */
    public static HalfSpaceTreesDetector restore(HalfSpaceTreesState state) {
        Objects.requireNonNull(state, "state");
        HalfSpaceForest forest = HalfSpaceTreesStateMapper.toForest(state);
        HalfSpaceTreesDetector d = new HalfSpaceTreesDetector(state.config());
        d.publish(new Model(forest, FeatureSchema.of(state.featureNames()), state.windowLength(), state.threshold()));
        return d;
    }

    @Override
    public String name() {
        return HalfSpaceTreesProvider.NAME;
    }

    /**
     * Fits on windows: warm-up ranges from their observations, then learns them in order, reporting the
     * {@code ROWS} learnt.
     *
     * @throws IllegalArgumentException for windows shorter than {@code windowRows}
     */
    @Override
    protected Model fitModel(List<FeatureWindow> windows, FitReporter progress) {
        FeatureWindow first = windows.get(0);
        int k = config().windowRows();
        if (first.length() < k) {
            throw new IllegalArgumentException("windowRows must be <= the window length " + first.length()
                    + ", got " + k);
        }
        return fit(first.schema(), first.length(), windows.size(),
                (i, buf) -> windows.get(i).copyLastRowsTo(k, buf, 0), progress);
    }

    /**
     * Fits on a table of observations (one row each, {@code windowRows} must be 1): warm-up ranges from the rows,
     * then learns them in order. The schema becomes {@link FeatureSchema#generic} of the row width, window length
     * 1.
     *
     * @throws IllegalArgumentException for no rows, rows of unequal width, a non-finite value (naming row and
     *                                  column), or {@code windowRows != 1}
     */
    public void fit(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("training rows must not be empty, got 0");
        }
        if (config().windowRows() != 1) {
            throw new IllegalArgumentException("windowRows must be 1 to fit on rows, got " + config().windowRows());
        }
        int d = Objects.requireNonNull(rows[0], "rows[0]").length;
        if (d == 0) {
            throw new IllegalArgumentException("rows must have at least one value, got 0");
        }
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            if (r == null) {
                throw new NullPointerException("rows[" + i + "] is null");
            }
            if (r.length != d) {
                throw new IllegalArgumentException("rows[" + i + "] must have " + d + " values, got " + r.length);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException("rows[" + i + "][" + j + "] must be finite, got " + r[j]);
                }
            }
        }
        publish(fit(FeatureSchema.generic(d), 1, rows.length, (i, buf) -> System.arraycopy(rows[i], 0, buf, 0, d),
                FitReporter.silent()));
    }

    @FunctionalInterface
    private interface Observations {
        void copy(int index, double[] into);
    }

    private Model fit(FeatureSchema schema, int windowLength, int n, Observations source, FitReporter progress) {
        long start = System.nanoTime();
        HalfSpaceTreesConfig config = config();
        int d = config.windowRows() * schema.size();
        if (d > ForestShape.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("windowRows × features must be <= " + ForestShape.MAX_DIMENSIONS
                    + ", got " + d);
        }
        double[] buf = new double[d];
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            source.copy(i, buf);
            for (int q = 0; q < d; q++) {
                min[q] = Math.min(min[q], buf[q]);
                max[q] = Math.max(max[q], buf[q]);
            }
        }
        HalfSpaceForest forest = new HalfSpaceForest(config.numberOfTrees(), config.maxDepth(), config.windowSize(),
                config.sizeLimitFraction(), config.splitRule(), config.seed(), min, max);
        // the first window in one batch, so the warm-up scale is derived once, not after every observation
        int first = Math.min(n, config.windowSize());
        double[] warmUp = new double[first * d];
        for (int i = 0; i < first; i++) {
            source.copy(i, buf);
            System.arraycopy(buf, 0, warmUp, i * d, d);
        }
        forest.learnAll(warmUp, first);
        // about a hundred reports however long the stream: enough for a bar, nothing measurable per observation
        int every = progress.isListening() ? Math.max(1, n / 100) : Integer.MAX_VALUE;
        progress.advance(Unit.ROWS, first, n);
        for (int i = first; i < n; i++) {
            source.copy(i, buf);
            forest.learn(buf, 0);
            if ((i + 1) % every == 0) {
                progress.advance(Unit.ROWS, i + 1, n);
            }
        }
        progress.advance(Unit.ROWS, n, n);
        double threshold;
        if (config.threshold().isPresent()) {
            threshold = config.threshold().getAsDouble();
        } else {
            double[] scores = new double[n];
            double scale = forest.referenceScale();
            for (int i = 0; i < n; i++) {
                source.copy(i, buf);
                scores[i] = HalfSpaceForest.normalize(forest.score(buf, 0), scale);
            }
            Arrays.sort(scores);
            threshold = scores[Math.min(n - 1, (int) Math.floor((1.0 - config.contamination()) * n))];
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Fitted {} on {} observations of {} dimensions in {} ms (reference {}, latest {}, "
                            + "threshold {})", name(), n, d, (System.nanoTime() - start) / 1_000_000,
                    forest.referenceSize(), forest.latestSize(), threshold);
        }
        return new Model(forest, schema, windowLength, threshold);
    }

    /**
     * @return values per observation, {@code windowRows × features}
     * @throws IllegalStateException if not fitted
     */
    public int dimensions() {
        return fitted().forest().dimensions();
    }

    /**
     * @return observations in the reference profile: ψ once the first window is complete
     * @throws IllegalStateException if not fitted
     */
    public int referenceSize() {
        return fitted().forest().referenceSize();
    }

    /**
     * @return observations learnt since the last profile swap, in [0, ψ); the next swap comes after ψ minus this
     * @throws IllegalStateException if not fitted
     */
    public int latestSize() {
        return fitted().forest().latestSize();
    }

    /**
     * @return the bytes the model holds (fixed; see {@link HalfSpaceForest#sizeInBytes()})
     * @throws IllegalStateException if not fitted
     */
    public long sizeInBytes() {
        Model m = fitted();
        return m.forest().sizeInBytes() + 16 + 8L * m.learnBuffer().length + 48;
    }

    @Override
    public AnomalyResult score(FeatureWindow window) {
        Model m = fittedFor(window);
        double[] buf = new double[m.forest().dimensions()];
        return score(m, window, buf);
    }

    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        Model m = fittedFor(windows);
        double[] buf = new double[m.forest().dimensions()];
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        for (FeatureWindow w : windows) {
            out.add(score(m, w, buf));
        }
        return out;
    }

    private AnomalyResult score(Model m, FeatureWindow w, double[] buf) {
        w.copyLastRowsTo(config().windowRows(), buf, 0);
        double raw = m.forest().score(buf, 0);
        return AnomalyResult.of(w, name(), raw, HalfSpaceForest.normalize(raw, m.forest().referenceScale()),
                m.threshold());
    }

    /**
     * Learns one window's observation (its last {@code windowRows} rows).
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if the window does not match the model
     */
    @Override
    public void learn(FeatureWindow window) {
        Model m = fittedFor(window);
        learn(m, window);
    }

    private void learn(Model m, FeatureWindow w) {
        w.copyLastRowsTo(config().windowRows(), m.learnBuffer(), 0);
        m.forest().learn(m.learnBuffer(), 0);
    }

    /**
     * Scores one window against the model as it is, then learns it.
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if the window does not match the model
     */
    @Override
    public AnomalyResult scoreAndLearn(FeatureWindow window) {
        Model m = fittedFor(window);
        return scoreAndLearn(m, window);
    }

    private AnomalyResult scoreAndLearn(Model m, FeatureWindow w) {
        w.copyLastRowsTo(config().windowRows(), m.learnBuffer(), 0);
        double scale = m.forest().referenceScale(); // before learning: a swap would change it
        double raw = m.forest().scoreAndLearn(m.learnBuffer(), 0);
        return AnomalyResult.of(w, name(), raw, HalfSpaceForest.normalize(raw, scale), m.threshold());
    }

    /**
     * Learns many windows in order; all are checked first, so a mismatch learns nothing.
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if a window does not match the model
     */
    @Override
    public void learnAll(List<FeatureWindow> windows) {
        Model m = fittedFor(windows);
        for (FeatureWindow w : windows) {
            learn(m, w);
        }
    }

    /**
     * Scores then learns each window in order; all are checked first, so a mismatch changes nothing.
     *
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException if a window does not match the model
     */
    @Override
    public List<AnomalyResult> scoreAndLearnAll(List<FeatureWindow> windows) {
        Model m = fittedFor(windows);
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        for (FeatureWindow w : windows) {
            out.add(scoreAndLearn(m, w));
        }
        return out;
    }

    /**
     * Scores one observation without learning it. Allocates nothing; safe from many threads while none learns.
     *
     * @param x {@link #dimensions()} finite values
     * @return the score in [0, 1], higher = more anomalous
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException for the wrong width or a non-finite value, naming its index
     */
    public double score(double[] x) {
        HalfSpaceForest f = fitted().forest();
        checkObservation(x, f.dimensions());
        return HalfSpaceForest.normalize(f.score(x, 0), f.referenceScale());
    }

    /**
     * The paper's raw mass score of one observation (low = anomalous). Allocates nothing.
     *
     * @param x {@link #dimensions()} finite values
     * @return {@code Σ_trees r · 2^depth}, &ge; 0
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException for the wrong width or a non-finite value, naming its index
     */
    public double rawScore(double[] x) {
        HalfSpaceForest f = fitted().forest();
        checkObservation(x, f.dimensions());
        return f.score(x, 0);
    }

    /**
     * Scores one observation, then learns it: the streaming step. Allocates nothing.
     *
     * @param x {@link #dimensions()} finite values
     * @return the score in [0, 1] before learning, higher = more anomalous
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException for the wrong width or a non-finite value, naming its index; nothing is
     *                                  learnt then
     */
    public double scoreAndLearn(double[] x) {
        HalfSpaceForest f = fitted().forest();
        checkObservation(x, f.dimensions());
        double scale = f.referenceScale();
        return HalfSpaceForest.normalize(f.scoreAndLearn(x, 0), scale);
    }

    /**
     * Learns one observation. Allocates nothing.
     *
     * @param x {@link #dimensions()} finite values
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException for the wrong width or a non-finite value, naming its index
     */
    public void learn(double[] x) {
        HalfSpaceForest f = fitted().forest();
        checkObservation(x, f.dimensions());
        f.learn(x, 0);
    }

    private static void checkObservation(double[] x, int d) {
        Objects.requireNonNull(x, "x");
        if (x.length != d) {
            throw new IllegalArgumentException("observation must have " + d + " values, got " + x.length);
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("observation value " + i + " must be finite, got " + x[i]);
            }
        }
    }

    /**
     * Snapshots the whole streaming state (structure seed, ranges, both mass profiles, counters, threshold).
     *
     * @throws IllegalStateException if not fitted
     */
    public HalfSpaceTreesState checkpoint() {
        return checkpoint(fitted());
    }

    private HalfSpaceTreesState checkpoint(Model m) {
        return HalfSpaceTreesStateMapper.toState(m.forest(), config(), m.schema(), m.windowLength(), m.threshold());
    }

    /**
     * Writes {@link #checkpoint()} in the format of {@link HalfSpaceTreesStateMapper}; read it back with
     * {@link HalfSpaceTreesProvider#load} or {@link io.ppcanomaly.api.Detectors#load}.
     */
    @Override
    protected void writeModel(Model model, OutputStream out) throws IOException {
        HalfSpaceTreesStateMapper.write(checkpoint(model), out);
    }
}
