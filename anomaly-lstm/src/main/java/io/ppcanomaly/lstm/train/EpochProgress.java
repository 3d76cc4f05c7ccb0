package io.ppcanomaly.lstm.train;

/**
 * The state of training after one epoch. Losses are mean squared reconstruction errors per cell (period ×
 * feature) of standardised features — the same unit as the detector's raw score.
 *
 * @param epoch              the epoch just finished, 1-based
 * @param maxEpochs          the most epochs that can run
 * @param trainingLoss       mean minibatch loss over the epoch
 * @param validationLoss     loss on the held-out windows (the training loss when nothing is held out)
 * @param bestValidationLoss lowest validation loss so far, this epoch included
 * @param bestEpoch          epoch of that loss
 * @param elapsedMillis      time since training started
 */
public record EpochProgress(int epoch, int maxEpochs, double trainingLoss, double validationLoss,
                            double bestValidationLoss, int bestEpoch, long elapsedMillis) {

    /** @return whether this epoch set a new best validation loss */
    public boolean improved() {
        return bestEpoch == epoch;
    }
}
