package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.store.ProfileId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One monitored advertiser profile. Immutable.
 *
 * @param id            the tenant in the store
 * @param sourceProfile the profile's id in the metric source (its {@code profile_id} column, or the sample's
 *                      {@code pr-01}), or {@code null} when the source holds this profile only
 * @param levels        the levels judged, each with its own model and watermark: {@code keyword} (every leaf),
 *                      {@code ad_group}, {@code campaign}, {@code portfolio}; at least one, no duplicates
 */
public record ProfileSettings(ProfileId id, String sourceProfile, List<EntityType> levels) {

    /** Validates and freezes. */
    public ProfileSettings {
        Objects.requireNonNull(id, "id");
        if (sourceProfile != null && sourceProfile.isBlank()) {
            throw new IllegalArgumentException("sourceProfile must be null or not blank, got '" + sourceProfile + "'");
        }
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("levels of profile " + id + " must name at least one level, got none");
        }
        if (new LinkedHashSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("levels of profile " + id + " must not repeat, got " + levels);
        }
        for (EntityType t : levels) {
            if (t == EntityType.PROFILE || t == EntityType.PRODUCT_TARGET) {
                throw new IllegalArgumentException("levels of profile " + id + " must be keyword, ad_group, campaign "
                        + "or portfolio, got " + t.wireName());
            }
        }
    }

    /** @return a profile whose id is the same in the store and the source, judged at the keyword level */
    public static ProfileSettings of(String id) {
        return new ProfileSettings(ProfileId.of(id), id, List.of(EntityType.KEYWORD));
    }
}
