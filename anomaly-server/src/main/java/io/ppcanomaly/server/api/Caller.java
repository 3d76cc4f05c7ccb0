package io.ppcanomaly.server.api;

import io.ppcanomaly.server.auth.ApiKey;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.server.auth.Sessions;
import io.ppcanomaly.store.ProfileId;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling: the authenticated key, and the dashboard session when the call comes from a signed-in browser.
 * Every query a handler makes is scoped through it. Immutable.
 *
 * @param key     the key (active, its secret checked)
 * @param session the browser session, or {@code null} for a client sending the key itself
 */
public record Caller(ApiKey key, Sessions.Session session) {

    /** Validates. */
    public Caller {
        Objects.requireNonNull(key, "key");
    }

    /**
     * @throws ApiException 403 when the key's role may not do what {@code needed} may
     */
    public void require(Role needed) {
        if (!key.role().allows(needed)) {
            throw ApiException.forbidden("this key's role is " + key.role().wireName() + "; this needs a "
                    + needed.wireName() + " key" + (needed == Role.WRITE ? " (or admin)" : ""));
        }
    }

    /**
     * The profile a request works on.
     *
     * @param requested the {@code profile_id} the client named, or {@code null}
     * @return it, when the key covers it; without one, the key's only profile
     * @throws ApiException 400 when none is named and the key covers several; 404 when the key does not cover the
     *                      named profile (exactly as for a profile that does not exist)
     */
    public ProfileId profile(String requested) {
        if (requested == null) {
            if (key.profiles().size() == 1) {
                return key.profiles().iterator().next();
            }
            throw ApiException.badField("profile_id", null, "profile_id is required: this key covers "
                    + key.profiles().size() + " profiles");
        }
        ProfileId p;
        try {
            p = ProfileId.of(requested);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("profile_id", requested, e.getMessage());
        }
        if (!key.covers(p)) {
            throw ApiException.notFound("profile '" + requested + "' not found");
        }
        return p;
    }

    /** @return the profiles an id lookup tries, in a stable order: the named one, or all the key's */
    public List<ProfileId> profiles(String requested) {
        if (requested != null) {
            return List.of(profile(requested));
        }
        return key.profiles().stream().sorted((a, b) -> a.value().compareTo(b.value())).toList();
    }

    /** @return who a change is recorded as: the name the client gave, or the key's name */
    public String who(String given) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return key.name();
    }
}
