package io.ppcanomaly.server.auth;

import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored API key, without its secret (the store keeps only a hash of it). Immutable.
 *
 * @param keyId     the public half of the key ({@code ppca_<keyId>_<secret>}), 16 lower-case letters and digits
 * @param role      what the key may do
 * @param profiles  the profiles (tenants) it may see, at least one; every request it makes is scoped to them
 * @param name      what it is for, for people (1 to 256 characters)
 * @param createdBy who created it: another key's id, or a description such as {@code "command line"}
 * @param createdAt when
 * @param revokedAt when it was revoked, or {@code null} while it is valid
 */
public record ApiKey(String keyId, Role role, Set<ProfileId> profiles, String name, String createdBy,
                     Instant createdAt, Instant revokedAt) {

    /** Validates and freezes. */
    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(role, "role");
        profiles = Set.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("profiles must name at least one profile, got none");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return whether the key still authenticates */
    public boolean isActive() {
        return revokedAt == null;
    }

    /** @return whether the key may see {@code profile} */
    public boolean covers(ProfileId profile) {
        return profiles.contains(profile);
    }
}
