package io.ppcanomaly.notify.email;

import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.http.HttpPoster;
import io.ppcanomaly.notify.spi.NotifierOptions;
import io.ppcanomaly.notify.spi.NotifierProvider;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * {@code email}: SMTP with STARTTLS and AUTH (Eclipse Angus Mail), HTML and plain-text parts. Options:
 * <table>
 *   <caption>email options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code host}</td><td>required</td><td>the SMTP server</td></tr>
 *   <tr><td>{@code port}</td><td>587 (465 with {@code ssl=true})</td><td></td></tr>
 *   <tr><td>{@code starttls}</td><td>{@code required}</td><td>{@code required}, {@code optional} or {@code off}
 *       ({@code off} is refused with a username)</td></tr>
 *   <tr><td>{@code ssl}</td><td>{@code false}</td><td>TLS from the first byte (SMTPS) instead of STARTTLS</td></tr>
 *   <tr><td>{@code ssl.trust}</td><td>none</td><td>hosts (space-separated) whose certificate is trusted without a
 *       CA: a relay with a self-signed certificate</td></tr>
 *   <tr><td>{@code username}, {@code password}</td><td>none</td><td>AUTH (PLAIN/LOGIN) credentials</td></tr>
 *   <tr><td>{@code from}</td><td>required</td><td>sender address</td></tr>
 *   <tr><td>{@code to}, {@code cc}</td><td>{@code to} required</td><td>comma-separated addresses</td></tr>
 *   <tr><td>{@code subject-prefix}</td><td>{@code [PPC Anomaly] }</td><td>before each title</td></tr>
 *   <tr><td>{@code base-url}</td><td>none</td><td>the dashboard's base URL for links</td></tr>
 *   <tr><td>{@code timeout}</td><td>{@code 20s}</td><td>connect, read and write (100ms to 5m)</td></tr>
 *   <tr><td>{@code max-alerts}</td><td>{@code 20}</td><td>alerts listed per message (1 to 200)</td></tr>
 * </table>
 */
public final class EmailNotifierProvider implements NotifierProvider {

    /** The provider's name. */
    public static final String NAME = "email";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "email over SMTP (STARTTLS, AUTH) with HTML and plain-text parts, through Eclipse Angus Mail";
    }

    @Override
    public Set<String> options() {
        return Set.of("host", "port", "starttls", "ssl", "ssl.trust", "username", "password", "from", "to", "cc",
                "subject-prefix", "base-url", "timeout", "max-alerts");
    }

    @Override
    public Notifier create(Properties options) {
        NotifierOptions o = new NotifierOptions(options);
        o.requireKnown(options());
        boolean ssl = o.typed().getBoolean("ssl", false);
        String starttls = o.string("starttls", "required").toLowerCase(Locale.ROOT);
        EmailNotifier.Tls tls;
        if (ssl) {
            tls = EmailNotifier.Tls.IMPLICIT;
        } else {
            tls = switch (starttls) {
                case "required" -> EmailNotifier.Tls.STARTTLS_REQUIRED;
                case "optional" -> EmailNotifier.Tls.STARTTLS_OPTIONAL;
                case "off" -> EmailNotifier.Tls.NONE;
                default -> throw new IllegalArgumentException("starttls must be required, optional or off, got '"
                        + starttls + "'");
            };
        }
        String username = o.string("username", null);
        String password = o.secret("password", false);
        if (username != null && password == null) {
            throw new IllegalArgumentException("password must be set when username is, got none");
        }
        String base = o.string("base-url", null);
        if (base != null) {
            HttpPoster.parseUrl("base-url", base);
        }
        String prefix = options == null ? null : options.getProperty("subject-prefix");
        return new EmailNotifier(new EmailNotifier.Settings(o.required("host", "the SMTP server"),
                o.integer("port", ssl ? 465 : 587, 1, 65535), tls, o.string("ssl.trust", null), username, password,
                address("from", o.required("from", "the sender address")), addresses("to", o.list("to"), true),
                addresses("cc", o.list("cc"), false), prefix == null ? "[PPC Anomaly] " : prefix,
                o.duration("timeout", Duration.ofSeconds(20), Duration.ofMillis(100), Duration.ofMinutes(5)), base,
                o.integer("max-alerts", 20, 1, 200)));
    }

    private static InternetAddress address(String key, String value) {
        try {
            InternetAddress a = new InternetAddress(value, true);
            a.validate();
            return a;
        } catch (AddressException e) {
            throw new IllegalArgumentException(key + " must be an email address, got '" + value + "'", e);
        }
    }

    private static List<InternetAddress> addresses(String key, List<String> values, boolean required) {
        if (required && values.isEmpty()) {
            throw new IllegalArgumentException(key + " must name at least one address, got none");
        }
        List<InternetAddress> out = new ArrayList<>();
        for (String v : values) {
            out.add(address(key, v));
        }
        return out;
    }
}
