/**
 * The notifier SPI: {@link io.ppcanomaly.notify.spi.NotifierProvider} factories found through
 * {@link java.util.ServiceLoader} by name, as detectors are ({@code io.ppcanomaly.api.spi}). Three ship with the
 * module: {@code slack}, {@code webhook}, {@code email}; another jar adds one by registering its provider.
 */
package io.ppcanomaly.notify.spi;
