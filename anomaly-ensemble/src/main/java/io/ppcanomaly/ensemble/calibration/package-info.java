/**
 * Score calibration: {@link io.ppcanomaly.ensemble.calibration.EmpiricalCalibrator} maps any detector's score
 * to the fraction of normal scores below it (empirical distribution plus a
 * {@link io.ppcanomaly.ensemble.calibration.GeneralizedPareto} tail), so that scores of different detectors can
 * be weighted against each other.
 */
package io.ppcanomaly.ensemble.calibration;
