package io.ppcanomaly.store;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.incident.Incident;
import java.time.Instant;
import java.util.Objects;

/**
 * An incident as the store keeps it: the service's {@link Incident} (rebuilt from its row: id, kind, root, start,
 * end or ongoing, affected entities, peak severity, money at stake, its alerts as grouping sees them) and when the
 * store first and last wrote it. Immutable.
 *
 * @param profile     the tenant it is stored under
 * @param granularity the period length of the data it was found in
 * @param incident    the incident
 * @param firstSeen   when the store first saved it (the store's clock)
 * @param updatedAt   when a save last changed it (continued or ended it)
 * @param version     0 when first saved, +1 per change
 */
public record StoredIncident(ProfileId profile, Granularity granularity, Incident incident, Instant firstSeen,
                             Instant updatedAt, long version) {

    /** Validates. */
    public StoredIncident {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return the incident's id ({@code inc-} and 16 hex digits) */
    public String id() {
        return incident.id();
    }
}
