package io.ppcanomaly.notify.http;

import io.ppcanomaly.notify.DeliveryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs a body to one URL with the JDK's {@link HttpClient} and reads the answer the way the outbox needs it:
 * 2xx is delivered; {@code 429} and {@code 503} with {@code Retry-After} come back after that delay; {@code 408}, any
 * other 5xx, a time-out or a refused connection may pass later; every other status (400, 401, 403, 404, 410, a
 * redirect) will not, and the message goes dead at once with the receiver's answer as its error.
 *
 * <p>Error messages name the host, never the URL's path or query (a Slack webhook's path is its secret). Redirects
 * are not followed: a receiver that moved must be configured at its new URL. Thread-safe.
 */
public final class HttpPoster {

    /** The longest {@code Retry-After} honoured; longer asks are cut to it. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

    private static final int BODY_IN_ERROR = 300;

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param url     where to post: an absolute {@code http} or {@code https} URL
     * @param timeout the whole exchange's limit (connect, send, answer), &gt; 0
     */
    public HttpPoster(URI url, Duration timeout) {
        this.url = checkUrl(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Parses and checks a URL option.
     *
     * @param key the option's name, for the message
     * @return the URL
     * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host (the value is not repeated
     *                                  past its host: it may carry a secret)
     */
    public static URI parseUrl(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be set to an http(s) URL, got none");
        }
        try {
            return checkUrl(new URI(value.trim()), key);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " must be an http(s) URL, got a malformed one (" + e.getReason()
                    + ")", e);
        }
    }

    private static URI checkUrl(URI u, String key) {
        Objects.requireNonNull(u, key);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL with a host, got scheme '"
                    + scheme + "' and host '" + u.getHost() + "'");
        }
        return u;
    }

    /** @return {@code https://host[:port]}: where it posts, without path or query */
    public String origin() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /**
     * Posts once.
     *
     * @param body        the body
     * @param contentType its content type
     * @param headers     further headers
     * @throws DeliveryException when the receiver did not answer 2xx, saying whether to retry
     */
    public void post(byte[] body, String contentType, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "ppc-anomaly-notify/0.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw DeliveryException.retryable("POST to " + origin() + ": no connection within " + seconds(timeout), 0,
                    e);
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable("POST to " + origin() + ": no answer within " + seconds(timeout), 0, e);
        } catch (ConnectException e) {
            throw DeliveryException.retryable("POST to " + origin() + ": cannot connect ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", 0, e);
        } catch (IOException e) {
            throw DeliveryException.retryable("POST to " + origin() + " failed: " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("POST to " + origin() + " interrupted", 0, e);
        }
        classify(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body(), Instant.now());
    }

    /**
     * Turns a non-2xx answer into the failure the outbox acts on (public for the notifiers' tests and for other
     * HTTP notifiers).
     *
     * @param status     the HTTP status
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param body       the answer's body, for the message
     * @param now        now, for an HTTP-date {@code Retry-After}
     * @throws DeliveryException unless {@code status} is 2xx
     */
    public void classify(int status, String retryAfter, byte[] body, Instant now) throws DeliveryException {
        if (status >= 200 && status < 300) {
            return;
        }
        String what = "POST to " + origin() + " answered HTTP " + status + answer(body);
        Duration after = retryAfter == null ? null : parseRetryAfter(retryAfter, now);
        if ((status == 429 || status == 503) && after != null) {
            throw DeliveryException.retryAfter(what + " (Retry-After " + retryAfter.trim() + ")", status, after);
        }
        if (status == 429 || status == 408 || status >= 500) {
            throw DeliveryException.retryable(what, status, null);
        }
        throw DeliveryException.permanent(what + (status >= 300 && status < 400 ? " (redirects are not followed: "
                + "configure the receiver's final URL)" : ""), status, null);
    }

    /**
     * @param value {@code 120} (seconds) or an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT})
     * @return the delay, cut to {@link #MAX_RETRY_AFTER} and at least 0; {@code null} when unreadable
     */
    public static Duration parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private static String answer(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s = new String(body, 0, Math.min(body.length, BODY_IN_ERROR * 4), StandardCharsets.UTF_8).strip()
                .replaceAll("\\s+", " ");
        return s.isEmpty() ? "" : ": " + (s.length() > BODY_IN_ERROR ? s.substring(0, BODY_IN_ERROR) + "…" : s);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
