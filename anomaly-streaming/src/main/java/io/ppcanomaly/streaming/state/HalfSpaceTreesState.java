package io.ppcanomaly.streaming.state;

import io.ppcanomaly.streaming.HalfSpaceTreesConfig;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link io.ppcanomaly.streaming.HalfSpaceTreesDetector} needs to continue exactly where it stopped:
 * what a stream processor checkpoints. Restoring it and continuing gives bit-identical scores to never having
 * stopped.
 *
 * <p>The tree structure is not stored: it is a pure function of the seed, the config and the warm-up ranges, and is
 * rebuilt from them (so a checkpoint holds the masses, not 13 MB of split values). The masses are stored sparsely:
 * only nodes holding mass in either profile — at most {@code 2ψ · (maxDepth + 1)} per tree, typically far fewer. Arrays are held as given, not copied: treat a state
 * as read-only.
 *
 * @param config        the detector's settings (including the seed)
 * @param featureNames  the schema the model was fitted on
 * @param windowLength  the window length (periods) the model expects, &ge; {@code config.windowRows()}
 * @param featureMin    per-dimension warm-up minimum; {@code windowRows × features} values
 * @param featureMax    per-dimension warm-up maximum; same length
 * @param threshold     the fitted threshold on the [0, 1] score
 * @param referenceSize observations in the reference profile, in [1, ψ]
 * @param latestSize    observations in the latest profile, in [0, ψ)
 * @param scale         the normalisation scale {@code m} in force, &ge; 1
 * @param latestScores  raw scores recorded so far for the latest window (its sampled observations)
 * @param warmUp        while the first reference fills ({@code referenceSize < ψ}), its sampled observations,
 *                      row after row; empty afterwards
 * @param trees         the masses of each tree, {@code config.numberOfTrees()} of them
 */
public record HalfSpaceTreesState(HalfSpaceTreesConfig config, List<String> featureNames, int windowLength,
                                  double[] featureMin, double[] featureMax, double threshold, int referenceSize,
                                  int latestSize, double scale, double[] latestScores, double[] warmUp,
                                  List<TreeMasses> trees) {

    /** The binary format version {@link HalfSpaceTreesStateMapper} writes; it reads this one only. */
    public static final int FORMAT_VERSION = 1;

    /** Validates shapes and ranges; mass consistency is checked when the model is rebuilt. */
    public HalfSpaceTreesState {
        Objects.requireNonNull(config, "config");
        featureNames = List.copyOf(featureNames);
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("featureNames must not be empty");
        }
        if (windowLength < config.windowRows()) {
            throw new IllegalArgumentException("windowLength must be >= windowRows " + config.windowRows()
                    + ", got " + windowLength);
        }
        int dims = config.windowRows() * featureNames.size();
        Objects.requireNonNull(featureMin, "featureMin");
        Objects.requireNonNull(featureMax, "featureMax");
        if (featureMin.length != dims || featureMax.length != dims) {
            throw new IllegalArgumentException("feature ranges must have windowRows × features = " + dims
                    + " values, got " + featureMin.length + " and " + featureMax.length);
        }
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (referenceSize < 1 || referenceSize > config.windowSize()) {
            throw new IllegalArgumentException("referenceSize must be in [1, " + config.windowSize() + "], got "
                    + referenceSize);
        }
        if (latestSize < 0 || latestSize >= config.windowSize()) {
            throw new IllegalArgumentException("latestSize must be in [0, " + (config.windowSize() - 1)
                    + "], got " + latestSize);
        }
        if (!(scale >= 1.0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and >= 1, got " + scale);
        }
        Objects.requireNonNull(latestScores, "latestScores");
        Objects.requireNonNull(warmUp, "warmUp");
        trees = List.copyOf(trees);
        if (trees.size() != config.numberOfTrees()) {
            throw new IllegalArgumentException("trees must hold " + config.numberOfTrees() + " mass lists, got "
                    + trees.size());
        }
    }

    /**
     * The masses of one tree, sparse: the nodes (heap indices, ascending) where {@code r} or {@code l} is non-zero.
     *
     * @param nodes     node indices, strictly ascending
     * @param reference reference mass {@code r} per listed node
     * @param latest    latest mass {@code l} per listed node
     */
    public record TreeMasses(int[] nodes, int[] reference, int[] latest) {

        /** Checks the three lists have one length. */
        public TreeMasses {
            Objects.requireNonNull(nodes, "nodes");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(latest, "latest");
            if (reference.length != nodes.length || latest.length != nodes.length) {
                throw new IllegalArgumentException("mass lists must have " + nodes.length + " entries, got "
                        + reference.length + " and " + latest.length);
            }
        }
    }
}
