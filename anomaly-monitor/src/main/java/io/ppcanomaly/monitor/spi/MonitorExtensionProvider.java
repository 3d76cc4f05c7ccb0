package io.ppcanomaly.monitor.spi;

import java.util.Properties;
import java.util.Set;

/**
 * A factory of {@link MonitorExtension}s, found through {@link java.util.ServiceLoader} (register it in
 * {@code META-INF/services/io.ppcanomaly.monitor.spi.MonitorExtensionProvider}). It claims configuration key
 * prefixes: the monitor's configuration file passes every key under them to it unparsed instead of refusing them as
 * unknown. The notifications module claims {@code notify.} and {@code route.} ({@code route.<name>.*} per route).
 *
 * <p>A cheap public no-arg constructor, a stable {@link #name()}; two providers claiming one prefix fail start-up
 * naming both.
 */
public interface MonitorExtensionProvider {

    /** @return a stable name, e.g. {@code notify} */
    String name();

    /** @return the key prefixes it claims, each ending with a dot, e.g. {@code notify.} */
    Set<String> keyPrefixes();

    /**
     * Creates the extension for one monitor.
     *
     * @param context the monitor's store, configuration and clock
     * @param keys    every configuration key under its prefixes, full names, values as written
     * @return the extension; or {@code null} when the keys configure nothing (no routes: notifications off)
     * @throws IllegalArgumentException naming the key and the value of a bad setting: start-up stops
     */
    MonitorExtension create(MonitorContext context, Properties keys);
}
