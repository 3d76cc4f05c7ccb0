/**
 * The persisted form of the ensemble ({@link io.ppcanomaly.ensemble.state.EnsembleState}), kept apart from the
 * live model and versioned.
 */
package io.ppcanomaly.ensemble.state;
