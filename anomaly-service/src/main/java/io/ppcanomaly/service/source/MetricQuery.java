package io.ppcanomaly.service.source;

import java.time.LocalDateTime;

/**
 * What a {@link MetricSource} should load. Immutable.
 *
 * @param profileId the advertiser profile to load, or {@code null} for every profile in the source
 * @param until     the last period to load (inclusive), or {@code null} for all; periods after it are left
 *                  out so that a causal run cannot read the future
 */
public record MetricQuery(String profileId, LocalDateTime until) {

    /** Everything the source holds. */
    public static final MetricQuery ALL = new MetricQuery(null, null);

    /** Validates the profile id. */
    public MetricQuery {
        if (profileId != null && profileId.isBlank()) {
            throw new IllegalArgumentException("profileId must be null or non-blank, got '" + profileId + "'");
        }
    }

    /** @return whether a row of {@code profile} at {@code period} is selected */
    public boolean selects(String profile, LocalDateTime period) {
        return (profileId == null || profileId.equals(profile)) && (until == null || !period.isAfter(until));
    }
}
