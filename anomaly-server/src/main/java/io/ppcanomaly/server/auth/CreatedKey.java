package io.ppcanomaly.server.auth;

import java.util.Objects;

/**
 * A key just created: the only time its full text exists outside the caller's hands. Immutable.
 *
 * @param key    the stored key
 * @param secret the full key to give to its user ({@code ppca_<keyId>_<secret>}); it cannot be read back later
 */
public record CreatedKey(ApiKey key, String secret) {

    /** Validates. */
    public CreatedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreatedKey[" + key.keyId() + ", " + key.role().wireName() + ", " + key.profiles() + "]";
    }
}
