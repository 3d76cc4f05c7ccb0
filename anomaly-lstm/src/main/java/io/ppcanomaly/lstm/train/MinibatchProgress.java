package io.ppcanomaly.lstm.train;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * DeepLearning4j's own hook into training, set on the network with {@code setListeners}: DL4J calls
 * {@link #iterationDone} once after every parameter update, that is once per {@code fit(DataSet)} minibatch, with
 * the network whose {@link Model#score()} is that minibatch's loss. Here it sums the epoch's loss (weighted by the
 * minibatch size, for the epoch's mean) and tells the {@link TrainingListener}s that a minibatch is done.
 *
 * <p>The trainer runs its own epochs (it draws each epoch's sample and validates on the plain-Java network), so
 * DL4J's {@code onEpochStart}/{@code onEpochEnd}, which only {@code fit(DataSetIterator)} calls, are not used:
 * {@link #beginEpoch} marks epochs instead. Listening changes nothing in the arithmetic: DL4J computes the score
 * whether or not a listener reads it.
 */
final class MinibatchProgress extends BaseTrainingListener {

    private final int batches;
    private final List<TrainingListener> listeners;
    private int epoch;
    private int batch;
    private double lossSum;

    MinibatchProgress(int batches, List<TrainingListener> listeners) {
        this.batches = batches;
        this.listeners = listeners;
    }

    /** Starts counting an epoch's minibatches and loss afresh. */
    void beginEpoch(int epoch) {
        this.epoch = epoch;
        this.batch = 0;
        this.lossSum = 0;
    }

    /** @return the sum over this epoch's minibatches of loss × minibatch size */
    double weightedLossSum() {
        return lossSum;
    }

    /** @return the minibatches fitted in this epoch so far */
    int batchesDone() {
        return batch;
    }

    @Override
    public void iterationDone(Model model, int iteration, int dl4jEpoch) {
        lossSum += model.score() * model.batchSize();
        batch++;
        for (TrainingListener l : listeners) {
            l.onBatch(epoch, batch, batches);
        }
    }
}
