package io.ppcanomaly.api;

import io.ppcanomaly.api.spi.ExplainerProvider;
import io.ppcanomaly.api.spi.ProviderRegistry;
import java.util.List;
import java.util.Properties;

/** The explainers on the class path, by name. Thread-safe; discovered once, on first use. */
public final class Explainers {

    private static volatile ProviderRegistry<ExplainerProvider> registry;

    private Explainers() {
    }

    private static ProviderRegistry<ExplainerProvider> registry() {
        ProviderRegistry<ExplainerProvider> r = registry;
        if (r == null) {
            synchronized (Explainers.class) {
                r = registry;
                if (r == null) {
                    r = ProviderRegistry.load(ExplainerProvider.class, "explainer", ExplainerProvider::name);
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

    /** @return the available explainer names, sorted */
    public static List<String> available() {
        return registry().names();
    }

    /** @return the available providers, sorted by name */
    public static List<ExplainerProvider> providers() {
        return registry().providers();
    }

    /**
     * @throws IllegalArgumentException for an unknown name (listing the available ones) or bad options
     */
    public static Explainer create(String name, Properties options) {
        return registry().get(name).create(options);
    }
}
