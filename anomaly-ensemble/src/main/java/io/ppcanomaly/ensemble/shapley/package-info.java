/**
 * Model-agnostic Shapley explanations: {@link io.ppcanomaly.ensemble.shapley.MonteCarloShapleyExplainer}
 * (provider {@code monte-carlo-shapley}), exact for few features and permutation-sampled beyond.
 */
package io.ppcanomaly.ensemble.shapley;
