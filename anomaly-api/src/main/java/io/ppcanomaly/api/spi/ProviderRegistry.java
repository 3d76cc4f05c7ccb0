package io.ppcanomaly.api.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the providers of one SPI through {@link ServiceLoader} and indexes them by name. Immutable once built;
 * the public registries ({@code Detectors}, {@code Explainers}, {@code RootCauseAnalyzers}) wrap one each.
 *
 * <p>A provider that fails to load is logged at WARN and skipped, so one broken jar does not hide the rest.
 * Two providers with one name fail fast naming both classes. An unknown name fails listing the available ones.
 *
 * @param <P> the provider interface
 */
public final class ProviderRegistry<P> {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
    private static final int MAX_ERRORS = 100;

    private final String kind;
    private final Map<String, P> byName;

    private ProviderRegistry(String kind, Map<String, P> byName) {
        this.kind = kind;
        this.byName = byName;
    }

    /**
     * Loads every provider visible to the thread's context class loader (or this class's, when unset).
     *
     * @param type   the SPI interface
     * @param kind   what the providers make, for messages ("detector")
     * @param nameOf how to read a provider's name
     * @throws IllegalStateException when two providers share a name
     */
    public static <P> ProviderRegistry<P> load(Class<P> type, String kind, Function<P, String> nameOf) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = ProviderRegistry.class.getClassLoader();
        }
        return of(ServiceLoader.load(type, cl), kind, nameOf);
    }

    /** Indexes the given providers (a test seam; {@link #load} is the usual entry). */
    public static <P> ProviderRegistry<P> of(Iterable<P> providers, String kind, Function<P, String> nameOf) {
        Map<String, P> byName = new TreeMap<>();
        Iterator<P> it = providers.iterator();
        int errors = 0;
        while (true) {
            P p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("Skipping a {} provider that failed to load: {}", kind, e.toString());
                if (++errors >= MAX_ERRORS) {
                    break;
                }
                continue;
            }
            String name;
            try {
                name = Objects.requireNonNull(nameOf.apply(p), "name()");
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Skipping {} provider {} whose name() failed: {}", kind, p.getClass().getName(), e.toString());
                continue;
            }
            P prev = byName.putIfAbsent(name, p);
            if (prev != null && prev.getClass() != p.getClass()) {
                throw new IllegalStateException(kind + " provider name '" + name + "' must be unique, got "
                        + prev.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new ProviderRegistry<>(kind, java.util.Collections.unmodifiableMap(byName));
    }

    /** @return the provider names, sorted */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** @return the providers, sorted by name */
    public List<P> providers() {
        return new ArrayList<>(byName.values());
    }

    /** @return whether a provider of this name exists */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * @return the provider of this name
     * @throws IllegalArgumentException naming the unknown name and the available ones
     */
    public P get(String name) {
        Objects.requireNonNull(name, kind + " name");
        P p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException(kind + " name must be one of " + byName.keySet() + ", got '" + name
                    + "'");
        }
        return p;
    }
}
