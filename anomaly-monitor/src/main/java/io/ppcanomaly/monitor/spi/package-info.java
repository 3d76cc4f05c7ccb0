/**
 * Seams for modules that run inside the monitor — notifications first: {@link
 * io.ppcanomaly.monitor.spi.MonitorExtension} (save hooks in each run's transaction, jobs of its own, a callback
 * after each run) created by a {@link io.ppcanomaly.monitor.spi.MonitorExtensionProvider} found through
 * {@link java.util.ServiceLoader}, which claims configuration key prefixes ({@code notify.}, {@code route.}) the
 * monitor passes to it unparsed.
 */
package io.ppcanomaly.monitor.spi;
