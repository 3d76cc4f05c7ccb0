package io.ppcanomaly.lstm.train;

/**
 * What a fit is about to do.
 *
 * @param totalWindows      windows passed to {@code fit}
 * @param trainingWindows   windows used for gradient descent
 * @param validationWindows windows held out for early stopping (0 when early stopping uses the training loss)
 * @param maxEpochs         most epochs that will run
 * @param batchesPerEpoch   minibatches per epoch
 */
public record TrainingPlan(int totalWindows, int trainingWindows, int validationWindows, int maxEpochs,
                           int batchesPerEpoch) {
}
