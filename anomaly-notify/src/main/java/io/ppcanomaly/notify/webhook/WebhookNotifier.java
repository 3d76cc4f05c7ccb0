package io.ppcanomaly.notify.webhook;

import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.http.HttpPoster;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.message.NotificationJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each message as JSON ({@link NotificationJson}: the report's alert schema plus the incident and the
 * message's fields, {@code delivery_id} first) to a receiver. Headers:
 * <ul>
 *   <li>{@code X-Delivery-Id}: the delivery id, the same on every attempt — receivers deduplicate on it;</li>
 *   <li>{@code X-Delivery-Attempt}: 1, 2, … (the body is the same on every attempt);</li>
 *   <li>{@code X-Signature: sha256=<hex>} when a secret is set: HMAC-SHA256 of the exact body bytes with the
 *       secret (UTF-8) as key; a receiver recomputes it over the raw body and compares in constant time;</li>
 *   <li>{@code X-PPC-Anomaly-Kind}: {@code incident}, {@code digest} or {@code test};</li>
 *   <li>any {@code header.<Name>} option (an API key, say).</li>
 * </ul>
 * Thread-safe.
 */
public final class WebhookNotifier implements Notifier {

    /** The signature header. */
    public static final String SIGNATURE = "X-Signature";
    /** The delivery id header. */
    public static final String DELIVERY_ID = "X-Delivery-Id";
    /** The attempt header. */
    public static final String ATTEMPT = "X-Delivery-Attempt";
    /** The message kind header. */
    public static final String KIND = "X-PPC-Anomaly-Kind";

    private final HttpPoster poster;
    private final byte[] secret;
    private final String linkBase;
    private final Map<String, String> headers;

    /**
     * @param url      the receiver
     * @param timeout  per attempt
     * @param secret   the signing secret, or {@code null} for unsigned bodies
     * @param linkBase the dashboard's base URL (each alert gets a {@code link}), or {@code null}
     * @param headers  further headers
     */
    public WebhookNotifier(URI url, Duration timeout, String secret, String linkBase, Map<String, String> headers) {
        this.poster = new HttpPoster(url, timeout);
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.linkBase = linkBase;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public String type() {
        return WebhookNotifierProvider.NAME;
    }

    @Override
    public void send(Notification n, Delivery d) throws DeliveryException {
        byte[] body = NotificationJson.bytes(n, d.deliveryId(), linkBase);
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(DELIVERY_ID, d.deliveryId());
        h.put(ATTEMPT, Integer.toString(d.attempt()));
        h.put(KIND, n.kind().wireName());
        if (secret != null) {
            h.put(SIGNATURE, "sha256=" + hmac(secret, body));
        }
        poster.post(body, "application/json; charset=utf-8", h);
    }

    /**
     * @return the lower-case hex HMAC-SHA256 of {@code body} under {@code key}: what {@code X-Signature} carries
     *         after {@code sha256=}
     */
    public static String hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String describe() {
        return "webhook at " + poster.origin() + (secret != null ? ", signed" : ", unsigned");
    }

    @Override
    public String toString() {
        return "WebhookNotifier[" + poster.origin() + "]";
    }
}
