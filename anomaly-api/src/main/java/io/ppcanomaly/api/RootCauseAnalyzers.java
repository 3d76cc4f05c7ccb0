package io.ppcanomaly.api;

import io.ppcanomaly.api.spi.ProviderRegistry;
import io.ppcanomaly.api.spi.RootCauseAnalyzerProvider;
import java.util.List;
import java.util.Properties;

/** The root-cause analyzers on the class path, by name. Thread-safe; discovered once, on first use. */
public final class RootCauseAnalyzers {

    private static volatile ProviderRegistry<RootCauseAnalyzerProvider> registry;

    private RootCauseAnalyzers() {
    }

    private static ProviderRegistry<RootCauseAnalyzerProvider> registry() {
        ProviderRegistry<RootCauseAnalyzerProvider> r = registry;
        if (r == null) {
            synchronized (RootCauseAnalyzers.class) {
                r = registry;
                if (r == null) {
                    r = ProviderRegistry.load(RootCauseAnalyzerProvider.class, "root-cause analyzer",
                            RootCauseAnalyzerProvider::name);
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

    /** @return the available analyzer names, sorted */
    public static List<String> available() {
        return registry().names();
    }

    /** @return the available providers, sorted by name */
    public static List<RootCauseAnalyzerProvider> providers() {
        return registry().providers();
    }

    /**
     * @throws IllegalArgumentException for an unknown name (listing the available ones) or bad options
     */
    public static RootCauseAnalyzer create(String name, Properties options) {
        return registry().get(name).create(options);
    }
}
