package io.ppcanomaly.monitor.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Discovery of {@link MonitorExtensionProvider}s on the class path. Stateless. */
public final class MonitorExtensions {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorExtensions.class);

    private MonitorExtensions() {
    }

    /**
     * @return the providers found, by name; a provider that fails to load is logged and left out
     * @throws IllegalStateException when two providers share a name or a prefix, naming both classes
     */
    public static List<MonitorExtensionProvider> available() {
        List<MonitorExtensionProvider> out = new ArrayList<>();
        Map<String, MonitorExtensionProvider> byName = new TreeMap<>();
        Map<String, MonitorExtensionProvider> byPrefix = new TreeMap<>();
        var it = ServiceLoader.load(MonitorExtensionProvider.class, MonitorExtensions.class.getClassLoader())
                .iterator();
        while (true) {
            MonitorExtensionProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("A monitor extension could not be loaded and is left out: {}", e.getMessage());
                continue;
            }
            MonitorExtensionProvider twin = byName.put(p.name(), p);
            if (twin != null) {
                throw new IllegalStateException("monitor extension name '" + p.name() + "' must be unique, got "
                        + twin.getClass().getName() + " and " + p.getClass().getName());
            }
            for (String prefix : p.keyPrefixes()) {
                MonitorExtensionProvider other = byPrefix.put(prefix, p);
                if (other != null) {
                    throw new IllegalStateException("monitor config prefix '" + prefix + "' must be claimed by one "
                            + "extension, got " + other.getClass().getName() + " and " + p.getClass().getName());
                }
            }
            out.add(p);
        }
        return Collections.unmodifiableList(out);
    }

    /** @return every prefix the providers found claim */
    public static Set<String> prefixes() {
        Set<String> out = new java.util.TreeSet<>();
        for (MonitorExtensionProvider p : available()) {
            out.addAll(p.keyPrefixes());
        }
        return out;
    }
}
