package io.ppcanomaly.monitor.source;

import io.ppcanomaly.monitor.MetricSourceFactory;
import java.util.Properties;

/**
 * A kind of metric source the monitor's configuration file can name ({@code source.type=<name>}), found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.ppcanomaly.monitor.source.MetricSourceProvider}): how a
 * database source, a data-lake reader or any {@link io.ppcanomaly.service.source.MetricSource} becomes configurable
 * without the monitor knowing it. The monitor ships {@code csv} and {@code sample} ({@link MonitorSources}).
 */
public interface MetricSourceProvider {

    /** @return the name used as {@code source.type}, e.g. {@code jdbc} */
    String name();

    /**
     * @param keys every {@code source.*} key, prefix removed ({@code type} included)
     * @return the sources of the profiles
     * @throws IllegalArgumentException naming the key ({@code source.<key>}) and the value of a bad setting
     */
    MetricSourceFactory create(Properties keys);
}
