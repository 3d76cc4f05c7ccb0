/**
 * The translation from PPC metrics to numbers a detector scores: scale-free
 * {@link io.ppcanomaly.api.features.FeatureWindow}s built by
 * {@link io.ppcanomaly.api.features.FeatureExtractor}, so one model serves every entity whatever its size or
 * currency.
 */
package io.ppcanomaly.api.features;
