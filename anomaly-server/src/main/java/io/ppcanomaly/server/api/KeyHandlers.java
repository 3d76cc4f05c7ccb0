package io.ppcanomaly.server.api;

import io.javalin.http.Context;
import io.ppcanomaly.server.auth.ApiKey;
import io.ppcanomaly.server.auth.ApiKeys;
import io.ppcanomaly.server.auth.CreatedKey;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.store.ProfileId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Key management for admin keys: list the keys of a profile, create a key for some of the admin's own profiles,
 * revoke a key all of whose profiles the admin covers. An admin never reaches beyond its profiles: a key bound to
 * another profile is answered 404 like an unknown one. Thread-safe.
 */
public final class KeyHandlers {

    private final ApiKeys keys;

    /** Handlers over the key store. */
    public KeyHandlers(ApiKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** {@code GET /api/keys}: the keys bound to a profile, without secrets. */
    public void list(Context ctx, Caller caller) {
        Params.allowOnly(ctx, "profile_id");
        ProfileId profile = caller.profile(Params.text(ctx, "profile_id"));
        List<ApiKey> list = keys.list(profile);
        ctx.contentType("application/json").result(Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("profile_id", profile.value());
            g.writeArrayFieldStart("keys");
            for (ApiKey k : list) {
                Wire.key(g, visible(k, caller));
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** @return the key with only the profiles the caller covers: a shared key must not name other tenants */
    private static ApiKey visible(ApiKey k, Caller caller) {
        Set<ProfileId> shown = new LinkedHashSet<>(k.profiles());
        shown.retainAll(caller.key().profiles());
        return new ApiKey(k.keyId(), k.role(), shown, k.name(), k.createdBy(), k.createdAt(), k.revokedAt());
    }

    /** {@code POST /api/keys}: creates a key; its secret is in this response only. */
    public void create(Context ctx, Caller caller) {
        JsonBody body = JsonBody.parse(ctx.body(), "role", "profiles", "name");
        String roleText = body.text("role");
        if (roleText == null) {
            throw ApiException.badField("role", null, "role is required: one of [read, write, admin]");
        }
        Role role = Params.enumValue("role", roleText, Role::parse, Role.values(), Role::wireName);
        List<String> requested = body.texts("profiles");
        Set<ProfileId> profiles = new LinkedHashSet<>();
        if (requested == null || requested.isEmpty()) {
            if (caller.key().profiles().size() != 1) {
                throw ApiException.badField("profiles", null, "profiles is required: this key covers "
                        + caller.key().profiles().size() + " profiles");
            }
            profiles.addAll(caller.key().profiles());
        } else {
            for (String p : requested) {
                profiles.add(caller.profile(p));
            }
        }
        String name = body.text("name");
        if (name == null || name.isBlank() || name.length() > ApiKeys.MAX_NAME) {
            throw ApiException.badField("name", name, "name must be 1 to " + ApiKeys.MAX_NAME
                    + " characters, got " + (name == null ? "none" : "'" + name + "'"));
        }
        CreatedKey created = keys.create(role, profiles, name, "key " + caller.key().keyId());
        ctx.status(201).header("Cache-Control", "no-store").contentType("application/json")
                .result(Json.bytes(g -> {
                    g.writeStartObject();
                    g.writeFieldName("key");
                    Wire.key(g, created.key());
                    g.writeStringField("secret", created.secret());
                    g.writeEndObject();
                }));
    }

    /** {@code DELETE /api/keys/{key_id}}: revokes a key all of whose profiles the caller covers. */
    public void revoke(Context ctx, Caller caller) {
        Params.allowOnly(ctx);
        String id = ctx.pathParam("key_id");
        Optional<ApiKey> key = keys.get(id).filter(k -> caller.key().profiles().containsAll(k.profiles()));
        if (key.isEmpty()) {
            throw ApiException.notFound("key '" + id + "' not found");
        }
        ApiKey revoked = keys.revoke(id);
        ctx.contentType("application/json").result(Json.bytes(g -> Wire.key(g, revoked)));
    }
}
