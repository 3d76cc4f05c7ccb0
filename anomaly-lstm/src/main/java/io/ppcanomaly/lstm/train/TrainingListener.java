package io.ppcanomaly.lstm.train;

/**
 * Hears how training of an LSTM autoencoder progresses, for a progress bar or a log. Callbacks run on the
 * training thread, in order: {@link #onStart} once, {@link #onBatch} after every minibatch, {@link #onEpoch}
 * after every epoch, {@link #onFinish} once. Keep them quick; an exception thrown by a listener aborts the fit
 * (the detector keeps its previous model).
 */
public interface TrainingListener {

    /** Called once, before the first minibatch. */
    default void onStart(TrainingPlan plan) {
    }

    /**
     * Called after each minibatch.
     *
     * @param epoch   the epoch, 1-based
     * @param batch   the minibatch just fitted, 1-based
     * @param batches minibatches per epoch
     */
    default void onBatch(int epoch, int batch, int batches) {
    }

    /** Called after each epoch, with its losses. */
    void onEpoch(EpochProgress progress);

    /** Called once, after the best weights have been restored and the threshold set. */
    default void onFinish(TrainingSummary summary) {
    }
}
