package io.ppcanomaly.server.auth;

import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Database;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's API keys, kept in the alert store's database (tables {@code anomaly_api_keys} and
 * {@code anomaly_api_key_profiles}, schema version 5): created, authenticated, listed and revoked. Thread-safe.
 *
 * <h2>Keys and hashes</h2>
 * A key reads {@code ppca_<keyId>_<secret>}: {@code keyId} is 16 random base-32 characters that find the row,
 * {@code secret} 32 random bytes (base64url). Only the SHA-256 of the secret is stored, so the database never
 * holds a usable key; a fast hash suffices because the secret has 256 random bits (no dictionary to try, unlike a
 * password). Comparison is constant-time.
 *
 * <h2>Cache</h2>
 * A key authenticated once is remembered for {@link #DEFAULT_CACHE_TTL} (10 s) so a busy client does not cost a
 * database round trip per request; a key revoked through this instance is forgotten at once, one revoked through
 * another server instance stops working within the TTL.
 *
 * <h2>Row-level security (PostgreSQL)</h2>
 * Every transaction sets {@code ppc_anomaly.api_key_id} (and {@code ppc_anomaly.profile_id} where a profile is
 * named), the settings the tables' policies compare with, so a database role restricted by row-level security
 * sees a key only when it names it.
 */
public final class ApiKeys {

    /** Prefix of every key's text. */
    public static final String PREFIX = "ppca_";
    /** How long an authenticated key is remembered. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);
    /** Longest key name. */
    public static final int MAX_NAME = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final String KEY_SETTING = "ppc_anomaly.api_key_id";
    private static final String TENANT_SETTING = "ppc_anomaly.profile_id";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int KEY_ID_LENGTH = 16;
    private static final int SECRET_BYTES = 32;

    private final AlertStore store;
    private final Clock clock;
    private final Duration cacheTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(byte[] hash, ApiKey key, long expiresNanos) {
    }

    private ApiKeys(AlertStore store, Clock clock, Duration cacheTtl) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must be >= 0, got " + cacheTtl);
        }
    }

    /** @return the keys kept in {@code store}'s database, cached for {@link #DEFAULT_CACHE_TTL} */
    public static ApiKeys on(AlertStore store) {
        return new ApiKeys(store, Clock.systemUTC(), DEFAULT_CACHE_TTL);
    }

    /**
     * @param clock    stamps creation and revocation
     * @param cacheTtl how long an authenticated key is remembered ({@link Duration#ZERO}: never)
     * @return the keys kept in {@code store}'s database
     */
    public static ApiKeys on(AlertStore store, Clock clock, Duration cacheTtl) {
        return new ApiKeys(store, clock, cacheTtl);
    }

    /**
     * Creates a key. Its full text is returned once and never stored.
     *
     * @param role      what it may do
     * @param profiles  the profiles it may see, at least one
     * @param name      what it is for (1 to {@value #MAX_NAME} characters)
     * @param createdBy who creates it (a key id or a description)
     * @throws IllegalArgumentException for no profiles or a blank or too long name
     */
    public CreatedKey create(Role role, Set<ProfileId> profiles, String name, String createdBy) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(profiles, "profiles");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("profiles must name at least one profile, got none");
        }
        name = text("name", name);
        createdBy = text("createdBy", createdBy);
        String keyId = keyId();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ApiKey key = new ApiKey(keyId, role, new LinkedHashSet<>(profiles), name, createdBy, now, null);
        String hash = HexFormat.of().formatHex(sha256(secretText));
        store.inSharedTransaction(tx -> {
            Connection c = tx.connection();
            setting(tx, KEY_SETTING, keyId);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_api_keys (key_id, secret_hash, role, "
                    + "name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, keyId);
                ps.setString(2, hash);
                ps.setString(3, role.wireName());
                ps.setString(4, key.name());
                ps.setString(5, key.createdBy());
                ps.setTimestamp(6, Timestamp.from(now));
                ps.executeUpdate();
            }
            for (ProfileId p : key.profiles()) {
                setting(tx, TENANT_SETTING, p.value());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO anomaly_api_key_profiles (key_id, profile_id) VALUES (?, ?)")) {
                    ps.setString(1, keyId);
                    ps.setString(2, p.value());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        LOG.info("Created {} key {} ('{}') for profiles {} by {}", role.wireName(), keyId, key.name(),
                key.profiles(), key.createdBy());
        return new CreatedKey(key, PREFIX + keyId + "_" + secretText);
    }

    /**
     * Checks a key's text.
     *
     * @param presented the key as a client sent it (may be {@code null} or malformed)
     * @return the key when it exists, is not revoked and its secret matches; empty otherwise (the reason is not
     *         told: a client learns nothing from a failed attempt)
     */
    public Optional<ApiKey> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int sep = presented.indexOf('_', PREFIX.length());
        if (sep != PREFIX.length() + KEY_ID_LENGTH || sep == presented.length() - 1 || presented.length() > 128) {
            return Optional.empty();
        }
        String keyId = presented.substring(PREFIX.length(), sep);
        byte[] hash = sha256(presented.substring(sep + 1));
        long now = System.nanoTime();
        Cached c = cache.get(keyId);
        if (c == null || now - c.expiresNanos() > 0) {
            Optional<Stored> stored = load(keyId);
            if (stored.isEmpty()) {
                cache.remove(keyId);
                return Optional.empty();
            }
            c = new Cached(stored.get().hash(), stored.get().key(), now + cacheTtl.toNanos());
            if (!cacheTtl.isZero() && stored.get().key().isActive()) {
                cache.put(keyId, c);
            }
        }
        if (!MessageDigest.isEqual(c.hash(), hash) || !c.key().isActive()) {
            return Optional.empty();
        }
        return Optional.of(c.key());
    }

    /** @return the key with this id (active or revoked), without its secret */
    public Optional<ApiKey> get(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return load(keyId).map(Stored::key);
    }

    /** @return the keys bound to {@code profile}, active and revoked, oldest first */
    public List<ApiKey> list(ProfileId profile) {
        Objects.requireNonNull(profile, "profile");
        List<String> ids = store.inSharedTransaction(tx -> {
            setting(tx, TENANT_SETTING, profile.value());
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "SELECT key_id FROM anomaly_api_key_profiles WHERE profile_id = ? ORDER BY key_id")) {
                ps.setString(1, profile.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        List<ApiKey> keys = new ArrayList<>();
        for (String id : ids) {
            load(id).ifPresent(s -> keys.add(s.key()));
        }
        keys.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return keys;
    }

    /**
     * Revokes a key: it authenticates nothing from now on (on other server instances within the cache TTL).
     * Revoking a revoked key changes nothing.
     *
     * @return the key as revoked
     * @throws IllegalArgumentException when no key has this id
     */
    public ApiKey revoke(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.inSharedTransaction(tx -> {
            setting(tx, KEY_SETTING, keyId);
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "UPDATE anomaly_api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, keyId);
                ps.executeUpdate();
            }
            return null;
        });
        cache.remove(keyId);
        ApiKey k = get(keyId).orElseThrow(() -> new IllegalArgumentException("key must exist, got '" + keyId + "'"));
        LOG.info("Revoked key {} ('{}')", keyId, k.name());
        return k;
    }

    private record Stored(ApiKey key, byte[] hash) {
    }

    private Optional<Stored> load(String keyId) {
        return store.inSharedTransaction(tx -> {
            setting(tx, KEY_SETTING, keyId);
            Connection c = tx.connection();
            String hash;
            Role role;
            String name;
            String createdBy;
            Instant createdAt;
            Instant revokedAt;
            try (PreparedStatement ps = c.prepareStatement("SELECT secret_hash, role, name, created_by, created_at, "
                    + "revoked_at FROM anomaly_api_keys WHERE key_id = ?")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Stored>empty();
                    }
                    hash = rs.getString(1);
                    role = Role.parse(rs.getString(2));
                    name = rs.getString(3);
                    createdBy = rs.getString(4);
                    createdAt = rs.getTimestamp(5).toInstant();
                    Timestamp r = rs.getTimestamp(6);
                    revokedAt = r == null ? null : r.toInstant();
                }
            }
            Set<ProfileId> profiles = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT profile_id FROM anomaly_api_key_profiles WHERE key_id = ? ORDER BY profile_id")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        profiles.add(ProfileId.of(rs.getString(1)));
                    }
                }
            }
            if (profiles.isEmpty()) {
                return Optional.<Stored>empty();
            }
            return Optional.of(new Stored(new ApiKey(keyId, role, profiles, name, createdBy, createdAt, revokedAt),
                    HexFormat.of().parseHex(hash)));
        });
    }

    private static void setting(StoreTransaction tx, String name, String value) throws SQLException {
        if (tx.database() != Database.POSTGRESQL) {
            return;
        }
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT set_config(?, ?, true)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    private String keyId() {
        char[] out = new char[KEY_ID_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(out);
    }

    private static String text(String what, String v) {
        Objects.requireNonNull(v, what);
        String t = v.strip();
        if (t.isEmpty() || t.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME + " characters, got '" + v + "'");
        }
        return t;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
