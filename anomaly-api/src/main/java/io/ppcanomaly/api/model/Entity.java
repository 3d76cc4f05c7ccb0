package io.ppcanomaly.api.model;

import java.util.Objects;

/**
 * One node of the account hierarchy: a profile, portfolio, campaign, ad group, keyword or product target.
 *
 * @param id       unique, non-blank identifier (an id column, or the path {@code portfolio/campaign/...})
 * @param type     level in the hierarchy
 * @param name     display name (defaults to the id when blank)
 * @param parentId id of the parent entity, or {@code null} for a root
 */
public record Entity(String id, EntityType type, String name, String parentId) {

    /** Validates the fields; a blank name becomes the id. */
    public Entity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (id.isBlank()) {
            throw new IllegalArgumentException("entity id must not be blank, got '" + id + "'");
        }
        if (name == null || name.isBlank()) {
            name = id;
        }
        if (parentId != null && parentId.equals(id)) {
            throw new IllegalArgumentException("entity " + id + " must not be its own parent");
        }
    }

    /** Creates a root entity (no parent). */
    public static Entity root(String id, EntityType type, String name) {
        return new Entity(id, type, name, null);
    }

    /** @return whether this entity has no parent */
    public boolean isRoot() {
        return parentId == null;
    }
}
