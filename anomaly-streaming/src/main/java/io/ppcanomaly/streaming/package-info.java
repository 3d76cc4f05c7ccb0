/**
 * Streaming Half-Space Trees — Tan, Ting &amp; Liu, "Fast Anomaly Detection for Streaming Data", IJCAI 2011 —
 * behind the detector SPI as provider {@code half-space-trees}.
 *
 * <pre>{@code
 * StreamingDetector hst = (StreamingDetector) Detectors.create("half-space-trees", new Properties());
 * hst.fit(history);                               // warm-up: work-space ranges, then the first windows
 * AnomalyResult r = hst.scoreAndLearn(todayWindow);   // score against the reference, then learn
 *
 * HalfSpaceTreesDetector raw = new HalfSpaceTreesDetector(HalfSpaceTreesConfig.builder().seed(7).build());
 * raw.fit(table);                                  // double[][] rows
 * double s = raw.scoreAndLearn(row);               // double[] in, score in [0, 1] out; allocates nothing
 * }</pre>
 *
 * <p>{@link io.ppcanomaly.streaming.HalfSpaceTreesDetector} is the facade (lifecycle, windows, thresholds,
 * threads); {@link io.ppcanomaly.streaming.tree} holds the engine over flat primitive arrays;
 * {@link io.ppcanomaly.streaming.state} the versioned checkpoint.
 */
package io.ppcanomaly.streaming;
