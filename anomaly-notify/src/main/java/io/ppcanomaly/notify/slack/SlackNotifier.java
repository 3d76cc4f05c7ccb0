package io.ppcanomaly.notify.slack;

import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.http.HttpPoster;
import io.ppcanomaly.notify.message.Notification;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Posts messages to a Slack incoming webhook as Block Kit ({@link SlackBlocks}). Slack answers 200 {@code ok}, 400
 * {@code invalid_payload}, 403/404/410 for a revoked hook or an archived channel (dead at once), 429 with
 * {@code Retry-After} when rate-limited (about one message per second per hook), 5xx when it is down (retried).
 * Thread-safe.
 */
public final class SlackNotifier implements Notifier {

    private final HttpPoster poster;
    private final String linkBase;
    private final int maxAlerts;

    /**
     * @param url       the incoming webhook's URL (its path is a secret: never logged)
     * @param timeout   per attempt
     * @param linkBase  the dashboard's base URL for links to alerts, or {@code null}
     * @param maxAlerts alerts listed per message, 1 to 20
     */
    public SlackNotifier(URI url, Duration timeout, String linkBase, int maxAlerts) {
        this.poster = new HttpPoster(url, timeout);
        this.linkBase = linkBase;
        if (maxAlerts < 1 || maxAlerts > 20) {
            throw new IllegalArgumentException("max-alerts must be in [1, 20], got " + maxAlerts);
        }
        this.maxAlerts = maxAlerts;
    }

    @Override
    public String type() {
        return SlackNotifierProvider.NAME;
    }

    @Override
    public void send(Notification n, Delivery d) throws DeliveryException {
        poster.post(SlackBlocks.payload(n, d, linkBase, maxAlerts), "application/json; charset=utf-8", Map.of());
    }

    @Override
    public String describe() {
        return "Slack incoming webhook at " + poster.origin();
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + poster.origin() + "]";
    }
}
