package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.Explainer;
import java.util.Properties;

/**
 * A factory of one kind of {@link Explainer}, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ppcanomaly.api.spi.ExplainerProvider}).
 */
public interface ExplainerProvider {

    /** @return the stable name, e.g. {@code monte-carlo-shapley} */
    String name();

    /** @return one line on what the explainer does */
    String description();

    /**
     * @param options provider-specific keys; {@code null} means defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value
     */
    Explainer create(Properties options);
}
