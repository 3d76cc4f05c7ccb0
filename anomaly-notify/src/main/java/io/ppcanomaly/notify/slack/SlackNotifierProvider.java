package io.ppcanomaly.notify.slack;

import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.http.HttpPoster;
import io.ppcanomaly.notify.spi.NotifierOptions;
import io.ppcanomaly.notify.spi.NotifierProvider;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * {@code slack}: a Slack incoming webhook. Options:
 * <table>
 *   <caption>slack options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code url}</td><td>required</td><td>the incoming webhook URL ({@code https://hooks.slack.com/services/…};
 *       a secret: never logged)</td></tr>
 *   <tr><td>{@code base-url}</td><td>none</td><td>the dashboard's base URL: alerts link to {@code base/alerts/{id}}
 *       </td></tr>
 *   <tr><td>{@code timeout}</td><td>{@code 10s}</td><td>per attempt (100ms to 5m)</td></tr>
 *   <tr><td>{@code max-alerts}</td><td>{@code 5}</td><td>alerts listed per message (1 to 20)</td></tr>
 * </table>
 */
public final class SlackNotifierProvider implements NotifierProvider {

    /** The provider's name. */
    public static final String NAME = "slack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Slack incoming webhook, Block Kit: severity, money at stake, top KPI changes, root cause, links";
    }

    @Override
    public Set<String> options() {
        return Set.of("url", "base-url", "timeout", "max-alerts");
    }

    @Override
    public Notifier create(Properties options) {
        NotifierOptions o = new NotifierOptions(options);
        o.requireKnown(options());
        String base = o.string("base-url", null);
        if (base != null) {
            HttpPoster.parseUrl("base-url", base);
        }
        return new SlackNotifier(HttpPoster.parseUrl("url", o.secret("url", true)),
                o.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)), base,
                o.integer("max-alerts", 5, 1, 20));
    }
}
