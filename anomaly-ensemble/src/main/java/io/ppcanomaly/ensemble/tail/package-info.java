/**
 * The {@code period-tail} detector: how rare the judged period is, each feature placed in its own distribution
 * over the training periods ({@link io.ppcanomaly.ensemble.tail.PeriodTailDetector}). A member of the default
 * ensemble beside the window detectors; usable on its own by name.
 */
package io.ppcanomaly.ensemble.tail;
