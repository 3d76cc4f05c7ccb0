package io.ppcanomaly.server.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.ppcanomaly.server.auth.ApiKey;
import io.ppcanomaly.server.auth.ApiKeys;
import io.ppcanomaly.server.auth.RateLimiter;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.server.auth.Sessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call: every API request is authenticated (a key in {@code Authorization: Bearer} or {@code X-API-Key},
 * or a dashboard session cookie), rate-limited per key, checked against the route's role, and - for a session -
 * checked for its CSRF token on every change. In that order: 401, 429, 403. Thread-safe.
 */
public final class Gate {

    /** The header the dashboard's scripts send the session's CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final ApiKeys keys;
    private final Sessions sessions;
    private final RateLimiter limiter;
    private final long maxBody;
    private final Counter unauthorized;
    private final Counter limited;

    /** A gate over the key store, the dashboard's sessions and a per-key rate limiter. */
    public Gate(ApiKeys keys, Sessions sessions, RateLimiter limiter, long maxBody, MeterRegistry meters) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.maxBody = maxBody;
        this.unauthorized = Counter.builder("ppca.auth.failures").description("requests refused with 401")
                .register(meters);
        this.limited = Counter.builder("ppca.rate.limited").description("requests refused with 429")
                .register(meters);
    }

    /**
     * Lets a request through or throws.
     *
     * @param needed the role the route needs
     * @return the caller
     * @throws ApiException 413, 401, 429, 403
     */
    public Caller admit(Context ctx, Role needed) {
        if (ctx.contentLength() > maxBody) {
            throw ApiException.tooLarge(maxBody);
        }
        Caller caller = authenticate(ctx).orElseThrow(() -> {
            unauthorized.increment();
            return ApiException.unauthorized();
        });
        long wait = limiter.acquire(caller.key().keyId());
        if (wait > 0) {
            limited.increment();
            throw ApiException.rateLimited(wait, limiter.perSecond(), limiter.burst());
        }
        caller.require(needed);
        boolean change = !ctx.method().equals(HandlerType.GET) && !ctx.method().equals(HandlerType.HEAD);
        if (caller.session() != null && change) {
            String token = ctx.header(CSRF_HEADER);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    caller.session().csrf().getBytes(StandardCharsets.UTF_8))) {
                throw ApiException.forbidden("a signed-in browser must send the page's " + CSRF_HEADER
                        + " header with every change");
            }
        }
        return caller;
    }

    /** @return the caller the request authenticates as: its key, else its session's key; empty when neither */
    public Optional<Caller> authenticate(Context ctx) {
        String presented = presentedKey(ctx);
        if (presented != null) {
            return keys.authenticate(presented).map(k -> new Caller(k, null));
        }
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(Sessions.COOKIE));
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> k = keys.get(s.get().keyId()).filter(ApiKey::isActive);
        if (k.isEmpty()) {
            sessions.close(s.get().id());
            return Optional.empty();
        }
        return Optional.of(new Caller(k.get(), s.get()));
    }

    private static String presentedKey(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String key = ctx.header("X-API-Key");
        return key == null ? null : key.trim();
    }

    /** @return the key store */
    public ApiKeys keys() {
        return keys;
    }

    /** @return the dashboard's sessions */
    public Sessions sessions() {
        return sessions;
    }
}
