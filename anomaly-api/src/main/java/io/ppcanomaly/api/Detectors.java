package io.ppcanomaly.api;

import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ModelStreams;
import io.ppcanomaly.api.spi.ProviderRegistry;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * The detectors on the class path (or module path), by name. Thread-safe.
 *
 * <pre>{@code
 * Detector d = Detectors.create("isolation-forest", new Properties());
 * d.fit(history);
 * List<AnomalyResult> results = d.scoreAll(today);
 * }</pre>
 *
 * <p>Providers are discovered once, on first use; {@link #reload()} discovers them again (after a plugin jar is
 * added at run time).
 */
public final class Detectors {

    private static volatile ProviderRegistry<DetectorProvider> registry;

    private Detectors() {
    }

    private static ProviderRegistry<DetectorProvider> registry() {
        ProviderRegistry<DetectorProvider> r = registry;
        if (r == null) {
            synchronized (Detectors.class) {
                r = registry;
                if (r == null) {
                    r = ProviderRegistry.load(DetectorProvider.class, "detector", DetectorProvider::name);
                    registry = r;
                }
            }
        }
        return r;
    }

    /** Forgets the discovered providers; the next call discovers them again. */
    public static void reload() {
        registry = null;
    }

    /** @return the available detector names, sorted */
    public static List<String> available() {
        return registry().names();
    }

    /** @return the available providers, sorted by name */
    public static List<DetectorProvider> providers() {
        return registry().providers();
    }

    /**
     * @return the provider of this name
     * @throws IllegalArgumentException for an unknown name, listing the available ones
     */
    public static DetectorProvider provider(String name) {
        return registry().get(name);
    }

    /**
     * Creates an unfitted detector.
     *
     * @throws IllegalArgumentException for an unknown name (listing the available ones) or bad options
     */
    public static Detector create(String name, Properties options) {
        return provider(name).create(options);
    }

    /**
     * Reads a saved detector of any kind: the header names the provider that reads the rest.
     *
     * @throws IOException              for a stream that is not a model, truncated or corrupt
     * @throws IllegalArgumentException when the provider named in the stream is not available
     */
    public static Detector load(InputStream in) throws IOException {
        BufferedInputStream buf = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
        buf.mark(1 << 16);
        String name = ModelStreams.readName(new DataInputStream(buf));
        buf.reset();
        return provider(name).load(buf);
    }
}
