/**
 * Training on DeepLearning4j: the network configuration and weight export
 * ({@link io.ppcanomaly.lstm.train.Dl4jNetworks}), the training loop with a hold-out split and early stopping
 * ({@link io.ppcanomaly.lstm.train.LstmTrainer}), and the progress callbacks a caller can hook
 * ({@link io.ppcanomaly.lstm.train.TrainingListener}). The only package that touches ND4J: nothing else in the
 * module loads it, so loading and scoring a saved model never start the native backend.
 */
package io.ppcanomaly.lstm.train;
