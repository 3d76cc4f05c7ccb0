package io.ppcanomaly.notify;

import io.ppcanomaly.api.spi.ProviderRegistry;
import io.ppcanomaly.notify.spi.NotifierProvider;
import java.util.List;
import java.util.Properties;

/**
 * The notifiers on the class path, by name ({@code slack}, {@code webhook}, {@code email} and any a jar adds).
 * Thread-safe.
 *
 * <pre>{@code
 * Properties o = new Properties();
 * o.setProperty("url", "https://hooks.slack.com/services/T000/B000/XXXX");
 * try (Notifier slack = Notifiers.create("slack", o)) { ... }
 * }</pre>
 *
 * <p>Providers are discovered once, on first use, with the detectors' {@link ProviderRegistry}: one that fails to
 * load is logged and skipped, two with one name fail naming both classes, an unknown name fails listing the names
 * available.
 */
public final class Notifiers {

    private static volatile ProviderRegistry<NotifierProvider> registry;

    private Notifiers() {
    }

    private static ProviderRegistry<NotifierProvider> registry() {
        ProviderRegistry<NotifierProvider> r = registry;
        if (r == null) {
            synchronized (Notifiers.class) {
                r = registry;
                if (r == null) {
                    r = ProviderRegistry.load(NotifierProvider.class, "notifier", NotifierProvider::name);
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

    /** @return the available notifier names, sorted */
    public static List<String> available() {
        return registry().names();
    }

    /** @return the available providers, sorted by name */
    public static List<NotifierProvider> providers() {
        return registry().providers();
    }

    /**
     * @return the provider of this name
     * @throws IllegalArgumentException for an unknown name, listing the available ones
     */
    public static NotifierProvider provider(String name) {
        return registry().get(name);
    }

    /**
     * Creates a notifier.
     *
     * @throws IllegalArgumentException for an unknown name (listing the available ones) or bad options (naming the
     *                                  key and value)
     */
    public static Notifier create(String name, Properties options) {
        return provider(name).create(options);
    }
}
