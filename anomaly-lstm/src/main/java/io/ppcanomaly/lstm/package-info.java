/**
 * LSTM sequence autoencoder detector, provider {@code lstm-autoencoder}: trained on DeepLearning4j, scored by a
 * plain-Java forward pass.
 *
 * <pre>{@code
 * Detector d = Detectors.create("lstm-autoencoder", new Properties());   // or with keys of LstmAutoencoderConfig
 * d.fit(historyWindows, p -> bar.update(p.fraction(), p.validationLoss()));  // one global model, epochs reported
 * List<AnomalyResult> today = d.scoreAll(currentWindows);
 * ReconstructionError why = ((LstmAutoencoderDetector) d).reconstructionError(currentWindows.get(0));
 * d.save(out);                                 // Detectors.load(in) reads it back without ND4J
 * }</pre>
 *
 * <p>{@link io.ppcanomaly.lstm.LstmAutoencoderDetector} is the facade; {@link io.ppcanomaly.lstm.LstmModel} the
 * immutable fitted model; {@link io.ppcanomaly.lstm.LstmAutoencoderConfig} the options. The subpackages hold
 * the forward pass ({@code inference}), standardisation and score calibration ({@code model}), DL4J training
 * ({@code train}, the only code that touches ND4J) and persistence ({@code state}).
 *
 * <p>References: P. Malhotra, A. Ramakrishnan, G. Anand, L. Vig, P. Agarwal, G. Shroff, "LSTM-based
 * Encoder-Decoder for Multi-sensor Anomaly Detection", ICML 2016 Anomaly Detection Workshop
 * (arXiv:1607.00148); N. Srivastava, E. Mansimov, R. Salakhutdinov, "Unsupervised Learning of Video
 * Representations using LSTMs", ICML 2015.
 */
package io.ppcanomaly.lstm;
