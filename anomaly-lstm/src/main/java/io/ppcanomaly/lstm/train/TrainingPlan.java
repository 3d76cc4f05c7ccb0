package io.ppcanomaly.lstm.train;

/**
 * What a fit is about to do.
 *
 * @param totalWindows      windows passed to {@code fit}
 * @param poolWindows       windows not held out, which each epoch draws from
 * @param trainingWindows   windows one epoch trains on
 * @param validationWindows windows held out for early stopping (0 when early stopping uses the training loss)
 * @param maxEpochs         most epochs that will run
 * @param batchesPerEpoch   minibatches per epoch
 */
public record TrainingPlan(int totalWindows, int poolWindows, int trainingWindows, int validationWindows, int maxEpochs,
                           int batchesPerEpoch) {
}
