package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.RootCauseAnalyzer;
import java.util.Properties;

/**
 * A factory of one kind of {@link RootCauseAnalyzer}, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ppcanomaly.api.spi.RootCauseAnalyzerProvider}).
 */
public interface RootCauseAnalyzerProvider {

    /** @return the stable name, e.g. {@code hierarchy} */
    String name();

    /** @return one line on what the analyzer does */
    String description();

    /**
     * @param options provider-specific keys; {@code null} means defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value
     */
    RootCauseAnalyzer create(Properties options);
}
