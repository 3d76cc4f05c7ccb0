package io.ppcanomaly.server.api;

import java.util.List;
import java.util.Objects;

/**
 * A request the server refuses, with what the client needs to fix it; the handlers throw it and the server maps
 * it to a JSON error body ({@code {"error", "message", "field", "value", "allowed"}}). Never carries a stack trace
 * to the client.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;
    private final String value;
    private final List<String> allowed;
    private final long retryAfterSeconds;

    private ApiException(int status, String code, String message, String field, String value, List<String> allowed,
                         long retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.value = value;
        this.allowed = allowed == null ? List.of() : List.copyOf(allowed);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: a field's value is wrong; the message says the rule, e.g. "limit must be between 1 and 1000, got 0". */
    public static ApiException badField(String field, String value, String message) {
        return new ApiException(400, "bad_request", message, field, value, null, 0);
    }

    /** 400: a field's value is not one of {@code allowed}. */
    public static ApiException notOneOf(String field, String value, List<String> allowed) {
        return new ApiException(400, "bad_request", field + " must be one of " + allowed + ", got '" + value + "'",
                field, value, allowed, 0);
    }

    /** 400 without a single field to blame (a body that is not JSON, a rule across fields). */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, null, null, null, 0);
    }

    /** 401: no key, or a key that does not authenticate (the reason is not told). */
    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized", "an API key is required: send 'Authorization: Bearer <key>' "
                + "or 'X-API-Key: <key>'; a key that is unknown, revoked or wrong is refused the same way",
                null, null, null, 0);
    }

    /** 403: the key authenticates but its role may not do this. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null, null, null, 0);
    }

    /** 404: no such thing - or one the key may not see, which looks exactly the same. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null, null, null, 0);
    }

    /** 409: the change conflicts with the resource's state or version. */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null, null, null, 0);
    }

    /** 413: the body is larger than the server accepts. */
    public static ApiException tooLarge(long max) {
        return new ApiException(413, "content_too_large", "request bodies must be at most " + max + " bytes",
                null, null, null, 0);
    }

    /** 429: too many requests for this key; try again after {@code seconds}. */
    public static ApiException rateLimited(long seconds, double perSecond, int burst) {
        return new ApiException(429, "rate_limited", "too many requests for this key (at most " + burst
                + " at once, " + perSecond + " per second): try again in " + seconds + " s", null, null, null,
                seconds);
    }

    /** 503: the server cannot take the work now; try again after {@code seconds}. */
    public static ApiException unavailable(String message, long seconds) {
        return new ApiException(503, "unavailable", message, null, null, null, seconds);
    }

    /** Any status with a message. */
    public static ApiException of(int status, String code, String message) {
        return new ApiException(status, code, message, null, null, null, 0);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable error code, e.g. {@code bad_request} */
    public String code() {
        return code;
    }

    /** @return the request field at fault, or {@code null} */
    public String field() {
        return field;
    }

    /** @return the value the client sent for it, or {@code null} */
    public String value() {
        return value;
    }

    /** @return the values the field accepts, empty when not an enumeration */
    public List<String> allowed() {
        return allowed;
    }

    /** @return seconds for {@code Retry-After}, 0 for none */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
