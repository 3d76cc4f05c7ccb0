package io.ppcanomaly.api.spi;

import io.ppcanomaly.api.Detector;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * A factory of one kind of {@link Detector}, found through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations have a cheap public no-arg constructor and are registered in
 * {@code META-INF/services/io.ppcanomaly.api.spi.DetectorProvider}. They are stateless and thread-safe.
 */
public interface DetectorProvider {

    /** @return the stable name users select the detector by, e.g. {@code isolation-forest} */
    String name();

    /** @return one line on what the detector is and when to use it */
    String description();

    /**
     * Creates an unfitted detector.
     *
     * @param options provider-specific keys, documented by each provider; {@code null} means defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming both
     */
    Detector create(Properties options);

    /**
     * Reads a detector written by {@link Detector#save}, fitted and ready to score.
     *
     * @throws IOException for a stream from another detector, another format version, or a truncated or corrupt
     *                     stream, with a message saying which
     */
    Detector load(InputStream in) throws IOException;
}
