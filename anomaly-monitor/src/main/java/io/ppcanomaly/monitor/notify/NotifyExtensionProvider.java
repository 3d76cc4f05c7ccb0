package io.ppcanomaly.monitor.notify;

import io.ppcanomaly.monitor.spi.MonitorContext;
import io.ppcanomaly.monitor.spi.MonitorExtension;
import io.ppcanomaly.monitor.spi.MonitorExtensionProvider;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.NotifyConfig;
import java.util.Properties;
import java.util.Set;

/**
 * The monitor extension of {@code anomaly-notify}: claims the {@code notify.} and {@code route.} keys of the monitor's
 * configuration and, when at least one route is configured, creates a {@link NotifyExtension}. It is not registered
 * for {@link java.util.ServiceLoader} in this module (the monitor's own tests install an extension of their own for
 * the same prefixes): the application registers it — {@code anomaly-cli} does, in its
 * {@code META-INF/services/io.ppcanomaly.monitor.spi.MonitorExtensionProvider} — or passes
 * {@link #create(MonitorContext, Properties)}'s result to {@code AnomalyMonitor.builder().extension(…)}.
 * Stateless; needs a public no-argument constructor.
 */
public final class NotifyExtensionProvider implements MonitorExtensionProvider {

    /** The extension's name. */
    public static final String NAME = "notify";

    /** Creates the provider (ServiceLoader). */
    public NotifyExtensionProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keyPrefixes() {
        return Set.of("notify.", "route.");
    }

    /**
     * @return the extension, or {@code null} when no route is configured (notifications off)
     * @throws IllegalArgumentException naming the key and value of a bad setting, or a route whose notifier cannot be
     *                                  created
     */
    @Override
    public MonitorExtension create(MonitorContext context, Properties keys) {
        NotifyConfig config = NotifyConfig.parse(keys);
        if (config.routes().isEmpty()) {
            return null;
        }
        return new NotifyExtension(context, Notifications.create(config));
    }
}
