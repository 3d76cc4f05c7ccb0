/**
 * The numeric pieces around the network: per-feature standardisation
 * ({@link io.ppcanomaly.lstm.model.FeatureScaler}) and the map from reconstruction error to a [0, 1] score
 * through the empirical distribution of the training errors ({@link io.ppcanomaly.lstm.model.ErrorCalibration}).
 * Plain Java, immutable.
 */
package io.ppcanomaly.lstm.model;
