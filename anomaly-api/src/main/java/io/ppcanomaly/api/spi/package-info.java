/**
 * The plugin SPI. A provider module implements
 * {@link io.ppcanomaly.api.spi.DetectorProvider}, {@link io.ppcanomaly.api.spi.ExplainerProvider} or
 * {@link io.ppcanomaly.api.spi.RootCauseAnalyzerProvider} — a factory with a cheap no-arg constructor and a stable
 * {@code name()} — and registers it in {@code META-INF/services/<interface name>}. Jars carry an
 * {@code Automatic-Module-Name}, and automatic modules honour {@code META-INF/services}, so registration works on
 * the class path and the module path alike.
 *
 * <p>Helpers shared by every provider live here too, so no provider re-implements them:
 * {@link io.ppcanomaly.api.spi.AbstractDetector} (the fitted-model lifecycle: publish a model atomically, answer
 * "not fitted" and the schema, window length and threshold of a {@link io.ppcanomaly.api.spi.FittedModel}),
 * {@link io.ppcanomaly.api.spi.FitReporter} (the progress a fit reports to a {@link io.ppcanomaly.api.FitListener}),
 * {@link io.ppcanomaly.api.spi.ProviderOptions} (typed, validated {@code Properties}),
 * {@link io.ppcanomaly.api.spi.ModelStreams} (the persisted-model header) and
 * {@link io.ppcanomaly.api.spi.WindowChecks} (boundary checks of windows).
 */
package io.ppcanomaly.api.spi;
