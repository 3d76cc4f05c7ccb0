package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * One labelled incident injected into a {@link SampleAccount}: the ground truth a detector should find and a
 * root-cause analyzer should trace back to {@code rootEntityId}.
 *
 * @param id                 unique id within the account ({@code inc-01}, … in order of start)
 * @param kind               what happened
 * @param rootEntityId       the entity where it originates; its type is {@code kind.rootType()}
 * @param start              first affected day (midnight)
 * @param end                last affected day (midnight), inclusive, not before {@code start}
 * @param affectedKeywordIds the keywords whose metrics were changed; non-empty, iterated in sorted order,
 *                           immutable (a copy is kept)
 * @param magnitude          the multiplier applied: to CPC for a CPC spike, to CTR for a CTR collapse, to the
 *                           conversion rate for a conversion drop, to impressions for a budget exhaustion, and
 *                           0 for a reporting outage (every metric zeroed); finite and &ge; 0
 */
public record Incident(String id, IncidentKind kind, String rootEntityId, LocalDateTime start, LocalDateTime end,
                       Set<String> affectedKeywordIds, double magnitude) {

    /**
     * Validates the fields and freezes the keyword set.
     *
     * @throws IllegalArgumentException for a blank id, periods not at midnight, an end before the start, no
     *                                  affected keyword, or a negative or non-finite magnitude
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rootEntityId, "rootEntityId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(affectedKeywordIds, "affectedKeywordIds");
        if (id.isBlank()) {
            throw new IllegalArgumentException("incident id must not be blank, got '" + id + "'");
        }
        if (rootEntityId.isBlank()) {
            throw new IllegalArgumentException("rootEntityId of incident " + id + " must not be blank, got '"
                    + rootEntityId + "'");
        }
        if (!Granularity.DAY.isAligned(start)) {
            throw new IllegalArgumentException("start of incident " + id + " must be at midnight, got " + start);
        }
        if (!Granularity.DAY.isAligned(end)) {
            throw new IllegalArgumentException("end of incident " + id + " must be at midnight, got " + end);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end of incident " + id + " must not be before its start (" + start
                    + "), got " + end);
        }
        affectedKeywordIds = SortedIdSet.copyOf(affectedKeywordIds);
        if (affectedKeywordIds.isEmpty()) {
            throw new IllegalArgumentException("affectedKeywordIds of incident " + id + " must not be empty");
        }
        if (!Double.isFinite(magnitude) || magnitude < 0) {
            throw new IllegalArgumentException("magnitude of incident " + id + " must be finite and >= 0, got "
                    + magnitude);
        }
    }

    /** @return whether {@code period} lies in [start, end] */
    public boolean activeAt(LocalDateTime period) {
        Objects.requireNonNull(period, "period");
        return !period.isBefore(start) && !period.isAfter(end);
    }

    /** @return whether this incident changed the metrics of {@code keywordId} at {@code period} */
    public boolean covers(String keywordId, LocalDateTime period) {
        Objects.requireNonNull(keywordId, "keywordId");
        return activeAt(period) && affectedKeywordIds.contains(keywordId);
    }

    /** @return the number of affected days, &ge; 1 */
    public int days() {
        return (int) Granularity.DAY.between(start, end) + 1;
    }

    /** @return whether the two incidents share at least one day */
    public boolean overlapsInTime(Incident other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }
}
