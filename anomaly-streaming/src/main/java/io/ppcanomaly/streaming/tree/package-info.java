/**
 * The Half-Space Trees engine: {@link io.ppcanomaly.streaming.tree.HalfSpaceForest} keeps every tree of the
 * ensemble in flat primitive arrays (heap layout) and implements the paper's work-space, tree building, mass
 * update, profile swap and scoring without allocating. Most users want
 * {@link io.ppcanomaly.streaming.HalfSpaceTreesDetector} instead, which validates input and manages the lifecycle.
 */
package io.ppcanomaly.streaming.tree;
