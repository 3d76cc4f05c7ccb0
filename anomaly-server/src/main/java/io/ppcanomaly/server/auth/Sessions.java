package io.ppcanomaly.server.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The dashboard's sign-ins: a person pastes an API key once, the browser then holds a random session id in an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie. The key's text is not kept: the session names the key id, and
 * the key is looked up again (so a revoked key ends its sessions). Each session has a CSRF token the pages send
 * back in {@code X-CSRF-Token} with every change. Kept in memory: a restart signs everyone out. Thread-safe.
 */
public final class Sessions {

    /** The session cookie's name. */
    public static final String COOKIE = "ppca_session";

    private final Duration idle;
    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    /**
     * A signed-in browser.
     *
     * @param id    the cookie's value
     * @param keyId the key it signed in with
     * @param csrf  the token its pages send with every change
     */
    public record Session(String id, String keyId, String csrf) {
    }

    private record Entry(Session session, long lastUsed) {
    }

    /**
     * @param idle how long an unused session lasts, &gt; 0
     */
    public Sessions(Duration idle) {
        this(idle, System::nanoTime);
    }

    /** As {@link #Sessions(Duration)} with a clock for tests. */
    public Sessions(Duration idle, LongSupplier nanoTime) {
        this.idle = Objects.requireNonNull(idle, "idle");
        if (idle.isZero() || idle.isNegative()) {
            throw new IllegalArgumentException("idle must be > 0, got " + idle);
        }
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** @return a new session of {@code keyId} */
    public Session open(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        Session s = new Session(token(), keyId, token());
        long now = nanoTime.getAsLong();
        sessions.put(s.id(), new Entry(s, now));
        if (sessions.size() > 10_000) {
            sessions.values().removeIf(e -> now - e.lastUsed() > idle.toNanos());
        }
        return s;
    }

    /** @return the live session with this id, its idle time restarted; empty when unknown or expired */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        Entry e = sessions.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (now - e.lastUsed() > idle.toNanos()) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Entry(e.session(), now));
        return Optional.of(e.session());
    }

    /** Ends a session (signing out). */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
