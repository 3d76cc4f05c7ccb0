package io.ppcanomaly.streaming.tree;

import java.util.Arrays;
import java.util.Objects;

/**
 * The engine of Streaming Half-Space Trees: an ensemble of full binary half-space trees over a fixed work-space,
 * each node holding a reference mass {@code r} and a latest mass {@code l}. From Tan, Ting &amp; Liu, "Fast Anomaly
 * Detection for Streaming Data", IJCAI 2011 (Algorithms 1–4).
 *
 * <h2>What it does, step by step as in the paper</h2>
 * <ul>
 *   <li><b>Work-space</b> (InitialiseWorkSpace, once per tree): for each dimension {@code q} with warm-up range
 *       {@code [min_q, max_q]}, draw {@code s_q} uniformly in that range and use {@code [s_q − w, s_q + w]} with
 *       {@code w = 2·max(s_q − min_q, max_q − s_q)}. The paper states it for data in [0, 1]; this is the same rule
 *       on the observed range. A dimension that was constant ({@code c}) over the warm-up first gets the range
 *       {@code [c − a, c + a]}, {@code a = max(|c|, 1)}.</li>
 *   <li><b>Trees</b> (BuildSingleHS-Tree): every internal node picks a dimension uniformly at random and splits
 *       its range at the midpoint ({@link SplitRule#MIDPOINT}, the paper) or at a uniform point
 *       ({@link SplitRule#UNIFORM}); {@code x_q < p} goes left. Built once, without data.</li>
 *   <li><b>Mass</b> (UpdateMass): learning an observation adds one to every node on its root-to-leaf path (in
 *       effect: the deep part is deferred, see below). The
 *       first ψ observations learnt fill the reference profile {@code r}; after that they go into the latest
 *       profile {@code l}, and every ψ of them the profiles are swapped: {@code r ← l, l ← 0}.</li>
 *   <li><b>Score</b> (Score): descend until a node with {@code r < sizeLimit} or a leaf, and add
 *       {@code r · 2^depth} over the trees: the raw <em>mass score</em>, low = anomalous.</li>
 * </ul>
 *
 * <h2>Normalisation</h2>
 * {@link #normalize} maps a raw score to [0, 1], higher = more anomalous: {@code m / (m + raw)}, strictly
 * decreasing in the raw score. The scale {@code m} ({@link #referenceScale()}) is the median raw score of recent
 * ordinary traffic: every observation learnt after the first window is also scored against the reference in force
 * (the learning walk yields that score for free), and when its window becomes the reference, {@code m} becomes
 * the median of those scores; the first window uses the median of its observations' scores against itself. So a
 * typical observation scores about 0.5, one in empty space 1, one in a dense cluster less. For ψ above 4096,
 * every ⌈ψ/4096⌉-th observation is sampled. {@code m} is at least 1.
 *
 * <h2>Deferred learning of the latest profile</h2>
 * Scoring never reads a count below the first node under {@code sizeLimit}, so once the first reference is
 * complete an observation is counted only along the path its score walk visits, and the rest of each path is
 * added when the window closes, only as deep as the new reference will be read ({@link DeferredLearning}). Every
 * score is bit-identical to eager learning, without walking the deep levels (mostly cache misses) for every
 * observation. {@link #referenceMass}, {@link #latestMass} and {@link #massiveNodes} (what a checkpoint stores)
 * first complete the deferred counts, so they report exactly the paper's masses. Cost: the two windows' rows and
 * stop nodes, {@code 2 · ψ · (8 · dimensions + 4 · trees)} bytes (74 KB at the defaults with 6 features); shapes
 * above {@value DeferredLearning#MAX_VALUES} values learn eagerly.
 *
 * <h2>Layout and cost</h2>
 * Heap layout (node {@code i} has children {@code 2i+1}, {@code 2i+2}; root at depth 0, leaves at {@code maxDepth})
 * in two flat arrays shared by all trees and sized at construction: 16 bytes per internal node, 8 per leaf (see
 * {@link NodeArrays}). Scoring and learning allocate nothing; a swap clears only the nodes holding mass.
 *
 * <h2>Threads</h2>
 * Not thread-safe for learning. {@link #score} only reads, so any number of threads may score while no thread
 * learns. The mass accessors complete deferred additions (counts scoring never reads, in 64-bit words written
 * whole), so call them from the learning thread, never while it learns.
 */
public final class HalfSpaceForest {

    private final int trees;
    private final int depth;
    private final int windowSize;
    private final double sizeLimitFraction;
    private final int sizeLimit;
    private final SplitRule splitRule;
    private final long seed;
    private final int dimensions;
    private final double[] featureMin;
    private final double[] featureMax;
    private final NodeArrays nodes;
    private final Calibration calibration;

    /** Deferred learning of the latest profile (see the class documentation); null when learning is eager. */
    private final DeferredLearning deferred;

    /** Which counter (0 or 1) holds r; the other holds l. */
    private int refSlot;
    private int referenceSize;
    private int latestSize;

    /**
     * Builds the trees over a work-space derived from the warm-up ranges; both profiles start empty.
     *
     * @param trees             number of trees, &gt; 0
     * @param depth             depth of every leaf, in [1, {@link ForestShape#MAX_DEPTH}]
     * @param windowSize        ψ, observations per profile, in [1, {@link ForestShape#MAX_WINDOW_SIZE}]
     * @param sizeLimitFraction sizeLimit as a fraction of ψ, in (0, 1]
     * @param splitRule         where nodes split
     * @param seed              seed of the work-space and tree draws
     * @param featureMin        per-dimension minimum over the warm-up, finite (copied)
     * @param featureMax        per-dimension maximum over the warm-up, finite, &ge; the minimum (copied)
     * @throws IllegalArgumentException for any value outside its range
     */
    public HalfSpaceForest(int trees, int depth, int windowSize, double sizeLimitFraction, SplitRule splitRule,
                           long seed, double[] featureMin, double[] featureMax) {
        this(trees, depth, windowSize, sizeLimitFraction, splitRule, seed, featureMin, featureMax,
                featureMin != null && DeferredLearning.applies(trees, windowSize, featureMin.length));
    }

    /** As the public constructor, choosing deferred or eager learning (tests compare the two). */
    HalfSpaceForest(int trees, int depth, int windowSize, double sizeLimitFraction, SplitRule splitRule,
                    long seed, double[] featureMin, double[] featureMax, boolean deferLearning) {
        ForestShape.checkShape(trees, depth);
        ForestShape.checkWindow(windowSize, sizeLimitFraction);
        Objects.requireNonNull(splitRule, "splitRule");
        Objects.requireNonNull(featureMin, "featureMin");
        Objects.requireNonNull(featureMax, "featureMax");
        if (featureMin.length == 0 || featureMin.length > ForestShape.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("dimensions must be in [1, " + ForestShape.MAX_DIMENSIONS + "], got "
                    + featureMin.length);
        }
        if (featureMax.length != featureMin.length) {
            throw new IllegalArgumentException("featureMax must have " + featureMin.length + " values, got "
                    + featureMax.length);
        }
        for (int q = 0; q < featureMin.length; q++) {
            if (!Double.isFinite(featureMin[q]) || !Double.isFinite(featureMax[q]) || featureMin[q] > featureMax[q]) {
                throw new IllegalArgumentException("feature range " + q + " must be finite with min <= max, got ["
                        + featureMin[q] + ", " + featureMax[q] + "]");
            }
        }
        this.trees = trees;
        this.depth = depth;
        this.windowSize = windowSize;
        this.sizeLimitFraction = sizeLimitFraction;
        // r < f·ψ  <=>  r < ceil(f·ψ) for an integer r
        this.sizeLimit = (int) Math.ceil(sizeLimitFraction * windowSize);
        this.splitRule = splitRule;
        this.seed = seed;
        this.dimensions = featureMin.length;
        this.featureMin = featureMin.clone();
        this.featureMax = featureMax.clone();
        this.nodes = new NodeArrays(trees, depth);
        nodes.build(splitRule, seed, this.featureMin, this.featureMax);
        this.calibration = new Calibration(windowSize, dimensions);
        this.deferred = deferLearning ? new DeferredLearning(nodes, windowSize, dimensions, sizeLimit) : null;
    }

    /**
     * The paper's mass score of {@code x[offset .. offset + dimensions)} against the reference profile. Reads
     * only: safe from many threads while none learns. Allocates nothing.
     *
     * @param x      holds the observation
     * @param offset index of its first value in {@code x}
     * @return {@code Σ_trees r · 2^depth} at the first node with {@code r < sizeLimit}, or the leaf; &ge; 0
     */
    public double score(double[] x, int offset) {
        return nodes.score(x, offset, refSlot, sizeLimit);
    }

    /**
     * Learns one observation: into the reference profile while it holds fewer than ψ observations, otherwise into
     * the latest profile, swapping the profiles when the latest reaches ψ. Allocates nothing. While the first
     * reference fills, each call also re-derives the scale from the window so far (O(window) scores); use
     * {@link #learnAll} to learn many observations at once.
     *
     * @param x      holds the observation
     * @param offset index of its first value in {@code x}
     */
    public void learn(double[] x, int offset) {
        learnOne(x, offset);
        if (referenceSize < windowSize) {
            calibration.inSample(nodes, refSlot, sizeLimit, referenceSize);
        }
    }

    /**
     * Learns {@code count} observations stored one after another in {@code rows} ({@link #dimensions()} values
     * each); equivalent to {@link #learn} on each, but re-derives a warm-up scale only once.
     *
     * @param rows  the observations, row after row
     * @param count how many to learn from the start of {@code rows}
     * @throws IllegalArgumentException when {@code rows} holds fewer than {@code count} observations
     */
    public void learnAll(double[] rows, int count) {
        if (count < 0 || (long) count * dimensions > rows.length) {
            throw new IllegalArgumentException("count must be in [0, " + rows.length / dimensions + "], got " + count);
        }
        for (int i = 0; i < count; i++) {
            learnOne(rows, i * dimensions);
        }
        if (referenceSize < windowSize && count > 0) {
            calibration.inSample(nodes, refSlot, sizeLimit, referenceSize);
        }
    }

    private void learnOne(double[] x, int offset) {
        if (referenceSize < windowSize) {
            nodes.add(x, offset, refSlot);
            calibration.recordWarmUp(referenceSize, x, offset);
            if (++referenceSize == windowSize) {
                calibration.inSample(nodes, refSlot, sizeLimit, referenceSize);
                calibration.warmUp = null; // needed no more: later windows calibrate on their own scores
            }
            return;
        }
        calibration.recordScore(latestSize, learnLatest(x, offset));
        if (++latestSize == windowSize) {
            swapProfiles();
        }
    }

    /**
     * Adds one observation to the latest profile and returns its score against the reference. Deferred: the
     * score walk stops where the paper's does, and the row is kept for the swap; otherwise one walk per tree
     * both scores and adds the full path.
     */
    private double learnLatest(double[] x, int offset) {
        if (deferred != null) {
            return deferred.scoreAndLearn(x, offset, refSlot, latestSize);
        }
        return nodes.scoreAndAdd(x, offset, refSlot, sizeLimit);
    }

    /**
     * Scores, then learns, one observation in a single walk per tree; identical to {@link #score} followed by
     * {@link #learn}. Normalise the result with the {@link #referenceScale()} read <em>before</em> this call,
     * since learning may swap the profiles. Allocates nothing.
     *
     * @param x      holds the observation
     * @param offset index of its first value in {@code x}
     * @return the raw mass score before learning
     */
    public double scoreAndLearn(double[] x, int offset) {
        if (referenceSize < windowSize) {
            double s = score(x, offset);
            learn(x, offset);
            return s;
        }
        double s = learnLatest(x, offset);
        calibration.recordScore(latestSize, s);
        if (++latestSize == windowSize) {
            swapProfiles();
        }
        return s;
    }

    /** r ← l, l ← 0 (Algorithm 1, "update model"): flip the slots, clear the old reference, re-derive the scale. */
    private void swapProfiles() {
        if (deferred != null) { // l gets the rest of its rows' paths, as deep as scoring will read
            deferred.closeWindow(refSlot ^ 1, latestSize);
        }
        int oldRef = refSlot;
        refSlot = oldRef ^ 1;
        nodes.clear(oldRef);
        referenceSize = latestSize;
        latestSize = 0;
        calibration.closeWindow(referenceSize);
    }

    /**
     * Maps a raw mass score to [0, 1], higher = more anomalous: {@code m / (m + raw)}.
     *
     * @param raw            a raw score from {@link #score}, &ge; 0
     * @param referenceScale {@link #referenceScale()} at the time of scoring, &gt; 0
     * @return 1 for an observation in empty space, about 0.5 for a typical one, towards 0 in dense cells
     */
    public static double normalize(double raw, double referenceScale) {
        return referenceScale / (referenceScale + raw);
    }

    /** @return the scale {@code m}: the median raw score of recent ordinary traffic, &ge; 1 once one is learnt */
    public double referenceScale() {
        return calibration.scale();
    }

    /**
     * @return the raw scores recorded for the latest window so far (its sampled observations, in order): part of
     *         the state a checkpoint must keep
     */
    public double[] latestWindowScores() {
        return Arrays.copyOf(calibration.windowScores, calibration.sampledCount(latestSize));
    }

    /**
     * @return the sampled observations of the first reference window while it fills ({@link #dimensions()} values
     *         each, in order), empty once it is complete: part of the state a checkpoint must keep
     */
    public double[] warmUpObservations() {
        return referenceSize < windowSize
                ? Arrays.copyOf(calibration.warmUp, calibration.sampledCount(referenceSize) * dimensions)
                : new double[0];
    }

    /** @return observations in the reference profile, in [0, ψ] (ψ once the first window is complete) */
    public int referenceSize() {
        return referenceSize;
    }

    /** @return observations in the latest profile since the last swap, in [0, ψ) */
    public int latestSize() {
        return latestSize;
    }

    /** @return the number of dimensions of an observation */
    public int dimensions() {
        return dimensions;
    }

    /** @return the number of trees */
    public int trees() {
        return trees;
    }

    /** @return ψ */
    public int windowSize() {
        return windowSize;
    }

    /** @return the node mass under which scoring stops descending, {@code ceil(fraction · ψ)} */
    public int sizeLimit() {
        return sizeLimit;
    }

    /** @return the split rule the trees were built with */
    public SplitRule splitRule() {
        return splitRule;
    }

    /** @return the seed the trees were built from */
    public long seed() {
        return seed;
    }

    /** @return a copy of the per-dimension warm-up minimum the work-spaces came from */
    public double[] featureMin() {
        return featureMin.clone();
    }

    /** @return a copy of the per-dimension warm-up maximum the work-spaces came from */
    public double[] featureMax() {
        return featureMax.clone();
    }

    /** @return nodes per tree, {@code 2^(depth+1) − 1}; node indices are in [0, this) */
    public int nodesPerTree() {
        return nodes.internalPerTree + nodes.leavesPerTree;
    }

    /**
     * @param tree a tree index, in [0, trees)
     * @param node a heap index, in [0, {@link #nodesPerTree()})
     * @return the reference mass {@code r} of the node
     */
    public int referenceMass(int tree, int node) {
        checkNode(tree, node, nodesPerTree());
        completeReference();
        return nodes.mass(tree, node, refSlot);
    }

    /**
     * @param tree a tree index, in [0, trees)
     * @param node a heap index, in [0, {@link #nodesPerTree()})
     * @return the latest mass {@code l} of the node
     */
    public int latestMass(int tree, int node) {
        checkNode(tree, node, nodesPerTree());
        flushLatest();
        return nodes.mass(tree, node, refSlot ^ 1);
    }

    /**
     * @param tree a tree index, in [0, trees)
     * @param node an internal node's heap index, in [0, 2^depth − 1)
     * @return the dimension the node splits on
     */
    public int splitDimension(int tree, int node) {
        checkNode(tree, node, nodes.internalPerTree);
        return nodes.splitDimension(tree, node);
    }

    /**
     * @param tree a tree index, in [0, trees)
     * @param node an internal node's heap index, in [0, 2^depth − 1)
     * @return the value the node splits at ({@code x < value} goes left)
     */
    public double splitValue(int tree, int node) {
        checkNode(tree, node, nodes.internalPerTree);
        return nodes.splitValue(tree, node);
    }

    /** Adds to r what deferred learning left out, so that r holds the paper's counts at every node. */
    private void completeReference() {
        if (deferred != null) {
            deferred.completeReference(refSlot);
        }
    }

    /** Adds the latest window's waiting rows to l in full, so that l holds the paper's counts. */
    private void flushLatest() {
        if (deferred != null) {
            deferred.flushLatest(refSlot ^ 1, latestSize);
        }
    }

    private void checkNode(int tree, int node, int bound) {
        Objects.checkIndex(tree, trees);
        Objects.checkIndex(node, bound);
    }

    /**
     * Lists the nodes of one tree that hold mass in either profile (what a checkpoint stores), in ascending index
     * order, by a walk that visits only those nodes and their children.
     *
     * @param tree a tree index, in [0, trees)
     * @return {node indices, their r, their l}, three arrays of one length
     */
    public int[][] massiveNodes(int tree) {
        Objects.checkIndex(tree, trees);
        completeReference();
        flushLatest();
        // every observation held marks one node per level: that bounds the nodes with mass
        long bound = Math.min(nodesPerTree(), ((long) referenceSize + latestSize) * (depth + 1) + 1);
        int[][] buf = new int[3][(int) bound];
        int n = nodes.listMassive(tree, buf);
        int[] r = refSlot == 0 ? buf[1] : buf[2];
        int[] l = refSlot == 0 ? buf[2] : buf[1];
        return new int[][] {Arrays.copyOf(buf[0], n), Arrays.copyOf(r, n), Arrays.copyOf(l, n)};
    }

    /**
     * Replaces both profiles of one tree (used when restoring a checkpoint); call {@link #restoreSizes} after the
     * last tree.
     *
     * @param nodeIndices node indices holding mass, strictly ascending
     * @param reference   r of each listed node, in [0, ψ]
     * @param latest      l of each listed node, in [0, ψ]
     * @throws IllegalArgumentException for indices out of range or not ascending, or masses out of range
     */
    public void restoreTree(int tree, int[] nodeIndices, int[] reference, int[] latest) {
        Objects.checkIndex(tree, trees);
        if (reference.length != nodeIndices.length || latest.length != nodeIndices.length) {
            throw new IllegalArgumentException("tree " + tree + " mass lists must have " + nodeIndices.length
                    + " entries, got " + reference.length + " and " + latest.length);
        }
        nodes.replaceTree(tree, refSlot, nodeIndices, reference, latest, windowSize);
    }

    /**
     * Sets the profile sizes after {@link #restoreTree} and checks that every tree holds exactly that many
     * observations, each counted once on one root-to-leaf path.
     *
     * @throws IllegalArgumentException when the sizes are out of range or a tree's masses are inconsistent
     */
    public void restoreSizes(int referenceSize, int latestSize) {
        if (referenceSize < 1 || referenceSize > windowSize) {
            throw new IllegalArgumentException("referenceSize must be in [1, " + windowSize + "], got "
                    + referenceSize);
        }
        int maxLatest = referenceSize < windowSize ? 0 : windowSize - 1;
        if (latestSize < 0 || latestSize > maxLatest) {
            throw new IllegalArgumentException("latestSize must be in [0, " + maxLatest + "], got " + latestSize);
        }
        for (int t = 0; t < trees; t++) {
            nodes.checkMasses(t, refSlot, referenceSize, latestSize);
        }
        this.referenceSize = referenceSize;
        this.latestSize = latestSize;
        if (deferred != null) {
            deferred.restored(latestSize);
        }
        if (referenceSize == windowSize) {
            calibration.warmUp = null;
        }
    }

    /**
     * Restores the calibration after {@link #restoreSizes}: the scale, the latest window's recorded scores and,
     * while the first reference fills, its sampled observations (whose in-sample median must equal the scale).
     *
     * @throws IllegalArgumentException for lengths that do not match the sizes, or values out of range
     */
    public void restoreCalibration(double scale, double[] latestScores, double[] warmUp) {
        calibration.restore(scale, latestScores, latestSize, warmUp, referenceSize < windowSize ? referenceSize : 0,
                nodes, refSlot, sizeLimit);
    }

    /**
     * @return the bytes this forest holds once its first window is complete: node arrays, calibration, ranges,
     *         scratch, headers and fields (while the first window fills, its sampled observations add up to
     *         {@code min(ψ, 4096) · dimensions · 8} bytes)
     */
    public long sizeInBytes() {
        return ForestShape.sizeInBytes(trees, depth, dimensions, windowSize);
    }
}
