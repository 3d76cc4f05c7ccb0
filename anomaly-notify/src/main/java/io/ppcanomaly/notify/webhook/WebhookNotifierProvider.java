package io.ppcanomaly.notify.webhook;

import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.http.HttpPoster;
import io.ppcanomaly.notify.spi.NotifierOptions;
import io.ppcanomaly.notify.spi.NotifierProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code webhook}: a JSON POST of each message, signed. Options:
 * <table>
 *   <caption>webhook options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code url}</td><td>required</td><td>the receiver ({@code http} or {@code https})</td></tr>
 *   <tr><td>{@code secret}</td><td>none (unsigned)</td><td>HMAC-SHA256 key: {@code X-Signature: sha256=<hex>} of the
 *       body</td></tr>
 *   <tr><td>{@code base-url}</td><td>none</td><td>the dashboard's base URL: each alert gets a {@code link}</td></tr>
 *   <tr><td>{@code timeout}</td><td>{@code 10s}</td><td>per attempt (100ms to 5m)</td></tr>
 *   <tr><td>{@code header.<Name>}</td><td></td><td>a header sent with every request (e.g.
 *       {@code header.Authorization=Bearer …})</td></tr>
 * </table>
 */
public final class WebhookNotifierProvider implements NotifierProvider {

    /** The provider's name. */
    public static final String NAME = "webhook";

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "content-type", "x-signature", "x-delivery-id", "x-delivery-attempt", "x-ppc-anomaly-kind");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JSON POST of the alerts and their incident, HMAC-SHA256 signed (X-Signature), with a delivery id";
    }

    @Override
    public Set<String> options() {
        return Set.of("url", "secret", "base-url", "timeout", "header.");
    }

    @Override
    public Notifier create(Properties options) {
        NotifierOptions o = new NotifierOptions(options);
        o.requireKnown(options());
        String base = o.string("base-url", null);
        if (base != null) {
            HttpPoster.parseUrl("base-url", base);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Properties p = options == null ? new Properties() : options;
        for (String k : new TreeSet<>(p.stringPropertyNames())) {
            if (k.startsWith("header.")) {
                String name = k.substring("header.".length());
                if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                    throw new IllegalArgumentException(k + " must name an HTTP header (letters, digits, '-'), got '"
                            + name + "'");
                }
                if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(k + " must not set a header the notifier or HTTP sets itself, "
                            + "got '" + name + "'");
                }
                headers.put(name, p.getProperty(k).trim());
            }
        }
        String secret = o.secret("secret", false);
        return new WebhookNotifier(HttpPoster.parseUrl("url", o.secret("url", true)),
                o.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)), secret,
                base, headers);
    }
}
