package io.ppcanomaly.forest;

import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.spi.FittedModel;
import java.util.Objects;
import java.util.stream.IntStream;
import smile.anomaly.IsolationForest;

/**
 * A fitted forest and everything needed to score with it: immutable, so any number of threads may score at once.
 *
 * <p>The raw score of a row is its mean path length E[h(x)] over the trees; the score is
 * {@code 2^(−E[h(x)] / c(ψ))}, computed exactly as Smile's {@link IsolationForest#score(double[])} does (trees
 * summed in order, then divided), so with {@code split.rule=smile} the two agree to the bit. The trees are
 * Smile's or {@link CompactTree}s, by the split rule; see {@link TreeEnsemble}.
 */
final class FittedForest implements FittedModel {

    /** Batches smaller than this are scored on the calling thread: forking costs more than it saves. */
    static final int PARALLEL_MIN_ROWS = 2_048;
    /** Rows per block: the unit of both parallel work and tree-by-tree scoring. */
    private static final int CHUNK_ROWS = 512;
    /** Smile's rounding of the Euler–Mascheroni constant, used so our c(ψ) equals Smile's to the bit. */
    private static final double EULER = 0.5772156649;

    private final IsolationForestConfig config;
    private final TreeEnsemble trees;
    private final int psi;
    private final int depth;
    private final double c;
    private final double threshold;
    private final FeatureSchema schema;
    private final int windowLength;
    private final long trainingRows;

    FittedForest(IsolationForestConfig config, TreeEnsemble trees, int psi, int depth, double threshold,
                 FeatureSchema schema, int windowLength, long trainingRows) {
        this.config = Objects.requireNonNull(config, "config");
        this.trees = Objects.requireNonNull(trees, "trees");
        this.psi = psi;
        this.depth = depth;
        this.c = averagePathLength(psi);
        this.threshold = threshold;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.windowLength = windowLength;
        this.trainingRows = trainingRows;
        assert trees.size() == config.trees() : "tree count " + trees.size() + " vs " + config.trees();
        assert (trees instanceof TreeEnsemble.Smile) == (config.splitRule() == IsolationForestConfig.SplitRule.SMILE)
                : "trees of the wrong kind for " + config.splitRule();
        assert windowLength >= config.windowRows() : "window length below window.rows";
    }

    /**
     * c(n), the average path length of an unsuccessful search in a binary search tree of n keys
     * (Liu et al. 2008, eq. 1): {@code 2 H(n − 1) − 2 (n − 1) / n} with {@code H(i) ≈ ln i + γ}, written as Smile
     * 3.1.1 writes it.
     *
     * @param n keys, &ge; 2
     */
    static double averagePathLength(int n) {
        assert n >= 2 : "n must be >= 2, got " + n;
        return 2.0 * ((Math.log(n - 1) + EULER) - (n - 1.0) / n);
    }

    /** @return the configuration the model was fitted with */
    IsolationForestConfig config() {
        return config;
    }

    /** @return the trees (for persistence) */
    TreeEnsemble trees() {
        return trees;
    }

    /**
     * @return Smile's model
     * @throws IllegalStateException when the model was grown with {@code split.rule=non-constant}
     */
    IsolationForest smileForest() {
        if (trees instanceof TreeEnsemble.Smile s) {
            return s.forest();
        }
        throw new IllegalStateException("a " + IsolationForestConfig.KEY_SPLIT_RULE + "=" + config.splitRule().value()
                + " model holds no Smile forest");
    }

    /** @return rows each tree was grown from, ψ */
    int psi() {
        return psi;
    }

    /** @return the depth limit the trees were grown with */
    int depth() {
        return depth;
    }

    /** @return the normaliser c(ψ) */
    double normaliser() {
        return c;
    }

    /** @return the score at or above which a row is flagged, in [0, 1] */
    @Override
    public double threshold() {
        return threshold;
    }

    /** @return the feature schema of the windows the model was fitted on */
    @Override
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the window length the model expects */
    @Override
    public int windowLength() {
        return windowLength;
    }

    /** @return the number of rows the model was fitted on */
    long trainingRows() {
        return trainingRows;
    }

    /** @return the length of the model's input vectors: window rows × features */
    int width() {
        return config.windowRows() * schema.size();
    }

    /** @return E[h(x)], the mean path length of {@code x} over the trees, &ge; 0 */
    double meanPathLength(double[] x) {
        return trees.pathSum(x) / trees.size();
    }

    /** @return the anomaly score {@code 2^(−meanPath / c(ψ))}, in (0, 1] for a non-negative path length */
    double score(double meanPath) {
        return Math.pow(2.0, -meanPath / c);
    }

    /**
     * Fills {@code out[i]} with the mean path length of row {@code i}.
     *
     * <p>Rows are taken in blocks of {@value #CHUNK_ROWS}, and each block is run tree by tree, so one tree's nodes
     * stay in cache while the block streams past (about twice as fast as row by row on a 100-tree forest, whose
     * nodes are megabytes). Every row still sums its trees in tree order from 0.0 and divides once, exactly as
     * {@link #meanPathLength} does, so block, row-by-row, parallel and sequential results are bit-identical.
     */
    void meanPathLengths(RowSource rows, double[] out) {
        int n = rows.size();
        assert out.length == n : "out has " + out.length + " slots for " + n + " rows";
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (!config.parallel() || n < PARALLEL_MIN_ROWS) {
            for (int k = 0; k < chunks; k++) {
                block(rows, out, k * CHUNK_ROWS, Math.min(n, (k + 1) * CHUNK_ROWS));
            }
            return;
        }
        IntStream.range(0, chunks).parallel()
                .forEach(k -> block(rows, out, k * CHUNK_ROWS, Math.min(n, (k + 1) * CHUNK_ROWS)));
    }

    private void block(RowSource rows, double[] out, int from, int to) {
        int m = to - from;
        double[][] x = new double[m][];
        boolean copy = rows.needsScratch();
        for (int i = 0; i < m; i++) {
            x[i] = rows.row(from + i, copy ? new double[rows.width()] : null);
        }
        double[] sum = new double[m];
        trees.addPathSums(x, m, sum);
        int size = trees.size();
        for (int i = 0; i < m; i++) {
            out[from + i] = sum[i] / size;
        }
    }

    @Override
    public String toString() {
        return "psi " + psi + ", depth " + depth + ", threshold " + threshold;
    }
}
