package io.ppcanomaly.lstm.train;

/**
 * How a fit went; kept with the model and persisted with it.
 *
 * @param totalWindows       windows passed to {@code fit} (all of them set the normalisation and threshold)
 * @param trainingWindows    windows each epoch trained on
 * @param validationWindows  windows held out for early stopping
 * @param epochs             epochs run
 * @param bestEpoch          epoch whose weights were kept
 * @param bestValidationLoss validation loss of the kept weights
 * @param trainingMillis     wall-clock time of the whole fit
 * @param stoppedEarly       whether early stopping ended training before the epoch limit
 */
public record TrainingSummary(int totalWindows, int trainingWindows, int validationWindows, int epochs,
                              int bestEpoch, double bestValidationLoss, long trainingMillis,
                              boolean stoppedEarly) {
}
