/**
 * The autoencoder's forward pass over plain Java {@code float} arrays: no ND4J, no allocation per window,
 * bit-identical on every platform. {@link io.ppcanomaly.lstm.inference.LstmNetwork} holds the weights in
 * DeepLearning4j's layout (see {@link io.ppcanomaly.lstm.inference.LstmLayer}) and computes exactly what DL4J's
 * {@code MultiLayerNetwork.output()} computes for the same network, within 10<sup>-5</sup> (a test checks it on
 * random windows), at a small fraction of the cost.
 *
 * <p>The LSTM equations are those of Hochreiter and Schmidhuber (1997) with a forget gate (Gers et al., 2000)
 * and no peepholes, as in Greff et al., "LSTM: A Search Space Odyssey" (2017), variant NP.
 */
package io.ppcanomaly.lstm.inference;
