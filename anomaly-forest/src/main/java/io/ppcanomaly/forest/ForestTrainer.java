package io.ppcanomaly.forest;

import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.spi.FitReporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * Grows an isolation forest from per-tree samples drawn here, and sets the threshold. With
 * {@code split.rule=smile} the trees are Smile's, grown through its public constructors — {@code new
 * IsolationTree(sample, depth, extensionLevel)} per tree, then {@code new IsolationForest(ψ, extensionLevel,
 * trees)}; with {@code split.rule=non-constant} they are grown by {@link NonConstantTreeGrower}.
 *
 * <p>Both rules draw the same samples for the same seed: one {@link SplittableRandom} seeded with the config
 * seed draws each tree's rows ({@link Subsampler}) and then the tree's own seed, which seeds Smile's generator or
 * the tree's {@link SplittableRandom}.
 *
 * <h2>Why not {@code IsolationForest.fit}</h2>
 * Smile 3.1.1's {@code fit(x, ntrees, depth, fraction, ext)} permutes all n rows for every tree and then adds
 * every permuted row to the tree's sample (the loop runs over the whole permutation, not its first
 * {@code fraction·n} entries), so each tree is grown on the whole table: O(trees · n · depth). It also passes n,
 * not ψ, to the forest's normaliser. Here each tree gets ψ rows drawn without replacement by
 * {@link Subsampler} (O(ψ) per tree), so fitting costs one validation pass over the table plus
 * O(trees · ψ · depth) plus the threshold (a bounded sample of rows scored once).
 *
 * <h2>Determinism</h2>
 * The non-constant grower draws only from its tree's {@link SplittableRandom}, so it needs nothing below. Smile
 * draws its split directions and values from {@link MathEx}'s per-thread generator, which we seed per
 * tree, but also from {@link GaussianDistribution#getInstance()}, a JVM-wide singleton that caches the second
 * value of each Box–Muller pair. A value left in that cache by an earlier fit (or by anyone else) would shift
 * every later draw, so two fits with one seed could differ. Before each tree we therefore empty the cache —
 * through public calls only, see {@link #drainGaussianCache()} — and all tree growing in this JVM runs under
 * one lock, so our own fits never interleave on the singleton. Code outside this module that draws from the
 * same singleton <em>at the same moment</em> could still perturb a fit; only Smile users in the same JVM can.
 */
final class ForestTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ForestTrainer.class);

    /** Serialises all use of Smile's process-wide Gaussian singleton by this module. */
    private static final Object SMILE_RANDOM_LOCK = new Object();

    /** Seed used only while probing the Gaussian cache; it never reaches a tree. */
    private static final long PROBE_SEED = 0x1F0E_57C0_FFEEL;

    private ForestTrainer() {
    }

    /** Fits a forest on validated rows, reporting to nobody (tables, tests). */
    static FittedForest fit(RowSource rows, IsolationForestConfig config, FeatureSchema schema, int windowLength) {
        return fit(rows, config, schema, windowLength, FitReporter.silent());
    }

    /**
     * Fits a forest on validated rows.
     *
     * @param rows         the model inputs, at least 2 rows, all finite
     * @param config       the settings
     * @param schema       feature schema of the windows (generic for tables)
     * @param windowLength window length the model will expect (1 for tables)
     * @param progress     hears the trees grown
     * @throws IllegalArgumentException when there are fewer than 2 rows or the extension level does not fit the
     *                                  input width
     */
    static FittedForest fit(RowSource rows, IsolationForestConfig config, FeatureSchema schema, int windowLength,
                            FitReporter progress) {
        long t0 = System.nanoTime();
        int n = rows.size();
        int width = rows.width();
        if (n < 2) {
            throw new IllegalArgumentException("training rows must be >= 2, got " + n);
        }
        if (config.extensionLevel() > width - 1) {
            throw new IllegalArgumentException(IsolationForestConfig.KEY_EXTENSION_LEVEL + " must be <= "
                    + (width - 1) + " (model inputs - 1), got " + config.extensionLevel());
        }
        int psi = config.effectiveSampleSize(n);
        int depth = config.effectiveDepth(psi);
        SplittableRandom rnd = new SplittableRandom(config.seed());

        TreeEnsemble trees = switch (config.splitRule()) {
            case SMILE -> smileTrees(rows, config, psi, depth, rnd);
            case NON_CONSTANT -> nonConstantTrees(rows, config, psi, depth, rnd, progress);
        };
        // Smile's trees grow under a JVM-wide lock, so no listener runs inside it: one report once they are grown.
        progress.advance(Unit.TREES, trees.size(), trees.size());
        long t1 = System.nanoTime();

        FittedForest unthresholded = new FittedForest(config, trees, psi, depth, 0.0, schema, windowLength, n);
        double threshold = threshold(unthresholded, rows, config, rnd);
        FittedForest model = new FittedForest(config, trees, psi, depth, threshold, schema, windowLength, n);
        if (LOG.isDebugEnabled()) {
            LOG.debug("isolation-forest fitted on {} rows x {} inputs: {} trees ({} split rule), psi {}, depth {},"
                            + " threshold {} ({} ms trees, {} ms threshold)", n, width, trees.size(),
                    config.splitRule(), psi, depth, threshold, (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
        }
        return model;
    }

    /** Smile's trees ({@code split.rule=smile}), grown under {@link #SMILE_RANDOM_LOCK}. */
    private static TreeEnsemble smileTrees(RowSource rows, IsolationForestConfig config, int psi, int depth,
                                           SplittableRandom rnd) {
        int n = rows.size();
        IsolationTree[] trees = new IsolationTree[config.trees()];
        synchronized (SMILE_RANDOM_LOCK) {
            for (int t = 0; t < trees.length; t++) {
                int[] idx = Subsampler.draw(n, psi, rnd);
                long treeSeed = rnd.nextLong();
                List<double[]> sample = new ArrayList<>(psi);
                for (int i : idx) {
                    // Smile keeps no reference to the sample rows (nodes hold only split planes)
                    sample.add(rows.row(i, null));
                }
                drainGaussianCache();
                MathEx.setSeed(treeSeed);
                trees[t] = new IsolationTree(sample, depth, config.extensionLevel());
            }
        }
        return new TreeEnsemble.Smile(new IsolationForest(psi, config.extensionLevel(), trees));
    }

    /** Compact trees by scikit-learn's rule ({@code split.rule=non-constant}), each from its own generator. */
    private static TreeEnsemble nonConstantTrees(RowSource rows, IsolationForestConfig config, int psi, int depth,
                                                 SplittableRandom rnd, FitReporter progress) {
        int n = rows.size();
        NonConstantTreeGrower grower = new NonConstantTreeGrower(rows.width(), psi, depth);
        double[] scratch = rows.needsScratch() ? new double[rows.width()] : null;
        CompactTree[] trees = new CompactTree[config.trees()];
        for (int t = 0; t < trees.length; t++) {
            int[] idx = Subsampler.draw(n, psi, rnd);
            long treeSeed = rnd.nextLong();
            for (int r = 0; r < psi; r++) {
                grower.setRow(r, rows.row(idx[r], scratch));
            }
            trees[t] = grower.grow(new SplittableRandom(treeSeed));
            progress.advance(Unit.TREES, t + 1, trees.length);
        }
        return new TreeEnsemble.Compact(trees);
    }

    /**
     * The (1 − contamination) quantile of the training scores, over all rows or a seeded sample of
     * {@code threshold.sample.size} of them, interpolated linearly between order statistics (the definition of
     * {@code numpy.percentile}, which scikit-learn uses for its offset).
     */
    private static double threshold(FittedForest model, RowSource rows, IsolationForestConfig config,
                                    SplittableRandom rnd) {
        int n = rows.size();
        int m = Math.min(n, config.thresholdSampleSize());
        RowSource sample = m == n ? rows : subset(rows, Subsampler.draw(n, m, rnd));
        double[] path = new double[m];
        model.meanPathLengths(sample, path);
        double[] scores = new double[m];
        for (int i = 0; i < m; i++) {
            scores[i] = model.score(path[i]);
        }
        Arrays.sort(scores);
        return quantile(scores, 1.0 - config.contamination());
    }

    /** Linear interpolation between the order statistics of sorted {@code v} at probability {@code q}. */
    static double quantile(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double v = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        return Math.min(1.0, Math.max(0.0, v));
    }

    private static RowSource subset(RowSource rows, int[] idx) {
        return new RowSource() {
            @Override
            public int size() {
                return idx.length;
            }

            @Override
            public int width() {
                return rows.width();
            }

            @Override
            public double[] row(int i, double[] scratch) {
                return rows.row(idx[i], scratch);
            }

            @Override
            public boolean needsScratch() {
                return rows.needsScratch();
            }
        };
    }

    /**
     * Leaves Smile's Gaussian singleton with an empty spare-value cache, using public calls only. {@code rand()}
     * either returns the cached value without touching this thread's {@link MathEx} generator, or draws a fresh
     * pair from it and caches one. Seeding the generator, calling {@code rand()} and comparing the generator's
     * next value with a freshly seeded one tells which happened; in the second case one more {@code rand()}
     * empties the cache. Must run under {@link #SMILE_RANDOM_LOCK}.
     */
    private static void drainGaussianCache() {
        GaussianDistribution gaussian = GaussianDistribution.getInstance();
        MathEx.setSeed(PROBE_SEED);
        gaussian.rand();
        double after = MathEx.random();
        MathEx.setSeed(PROBE_SEED);
        if (after != MathEx.random()) {
            gaussian.rand();
        }
    }
}
