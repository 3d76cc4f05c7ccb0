package io.ppcanomaly.streaming.tree;

/** Where a half-space tree node splits its range on the chosen dimension. */
public enum SplitRule {

    /**
     * The node's range is halved: {@code p = (min + max) / 2}, as in Tan, Ting &amp; Liu (2011), Algorithm 2. The
     * randomness then comes from the per-tree perturbed work-space and the random choice of dimension. Default.
     */
    MIDPOINT,

    /**
     * {@code p} is drawn uniformly in the node's range {@code [min, max)}, as some later implementations do
     * (River's padded trees). Not the paper's rule; offered for comparison.
     */
    UNIFORM
}
