/**
 * The Numenta Anomaly Benchmark's scoring, reimplemented from its published method (Lavin &amp; Ahmad, IEEE ICMLA
 * 2015; NAB v1.1 {@code sweeper.py}, {@code optimizer.py}, {@code runner.py}).
 *
 * <pre>{@code
 * List<NabFile> files = NabCorpus.load(Path.of("../shared/data/nab-realAdExchange"));
 * List<double[]> scores = ...;   // one causal anomaly score in [0, 1] per row, per file
 * for (NabResult r : new NabScorer().evaluateAllProfiles("my-detector", files, scores)) {
 *     System.out.println(r.profile().name() + " " + r.normalizedScore());
 * }
 * }</pre>
 *
 * {@link io.ppcanomaly.bench.nab.Sweeper} holds the rules; {@link io.ppcanomaly.bench.nab.NabScorer} the
 * threshold optimisation and normalisation.
 */
package io.ppcanomaly.bench.nab;
