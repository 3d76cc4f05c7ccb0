/**
 * Small, real, test-only providers — a robust z-score detector, a streaming z-score detector, an exact Shapley
 * explainer and a sibling-rollup analyzer — so the workflow and the command line are tested fast and
 * independently of the real engines. Shipped in this module's test-jar; never on a production class path.
 */
package io.ppcanomaly.service.testing;
