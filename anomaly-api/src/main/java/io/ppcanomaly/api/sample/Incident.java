package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One labelled incident injected into a {@link SampleAccount}: the ground truth a detector should find and a
 * root-cause analyzer should trace back to {@code rootEntityId}.
 *
 * <p>Most incidents cover one contiguous range of periods. Some hourly ones recur: a campaign whose budget runs
 * dry every afternoon for three days is one incident with one {@link Span} per day, and the hours between (the
 * mornings, when the budget is fresh) are not part of it.
 *
 * @param id                 unique id within the account ({@code inc-01}, … in order of start)
 * @param kind               what happened
 * @param rootEntityId       the entity where it originates; its type is {@code kind.rootType()}
 * @param start              first affected period (midnight for daily data, the top of an hour for hourly)
 * @param end                last affected period, inclusive, not before {@code start}
 * @param affectedKeywordIds the keywords whose metrics were changed; non-empty, iterated in sorted order,
 *                           immutable (a copy is kept)
 * @param magnitude          the multiplier applied: to CPC for a CPC spike, to CTR for a CTR collapse, to the
 *                           conversion rate for a conversion drop, to impressions for a budget exhaustion, and
 *                           0 for a reporting outage (every metric zeroed) or a conversion-tracking outage (orders
 *                           and sales zeroed); finite and &ge; 0
 * @param granularity        the period length of the account
 * @param spans              the ranges of affected periods, in order, disjoint, the first starting at
 *                           {@code start} and the last ending at {@code end}; immutable (a copy is kept)
 */
public record Incident(String id, IncidentKind kind, String rootEntityId, LocalDateTime start, LocalDateTime end,
                       Set<String> affectedKeywordIds, double magnitude, Granularity granularity, List<Span> spans) {

    /**
     * A range of consecutive affected periods, both ends inclusive.
     *
     * @param start first period
     * @param end   last period, not before {@code start}
     */
    public record Span(LocalDateTime start, LocalDateTime end) {

        /** Validates. */
        public Span {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("span end must not be before its start (" + start + "), got "
                        + end);
            }
        }

        /** @return whether {@code period} lies in [start, end] */
        public boolean contains(LocalDateTime period) {
            return !period.isBefore(start) && !period.isAfter(end);
        }
    }

    /**
     * A daily incident covering every day from {@code start} to {@code end}.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Incident(String id, IncidentKind kind, String rootEntityId, LocalDateTime start, LocalDateTime end,
                    Set<String> affectedKeywordIds, double magnitude) {
        this(id, kind, rootEntityId, start, end, affectedKeywordIds, magnitude, Granularity.DAY,
                wholeRange(id, start, end));
    }

    /** The one span of a contiguous incident; an end before the start is reported as the incident's. */
    private static List<Span> wholeRange(String id, LocalDateTime start, LocalDateTime end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end of incident " + id + " must not be before its start (" + start
                    + "), got " + end);
        }
        return List.of(new Span(start, end));
    }

    /**
     * Validates the fields and freezes the keyword set and the spans.
     *
     * @throws IllegalArgumentException for a blank id, periods not aligned to the granularity (midnight for days,
     *                                  the top of an hour for hours), an end before the start, spans out of order,
     *                                  overlapping or not running from start to end, no affected keyword, or a
     *                                  negative or non-finite magnitude
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rootEntityId, "rootEntityId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(affectedKeywordIds, "affectedKeywordIds");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(spans, "spans");
        if (id.isBlank()) {
            throw new IllegalArgumentException("incident id must not be blank, got '" + id + "'");
        }
        if (rootEntityId.isBlank()) {
            throw new IllegalArgumentException("rootEntityId of incident " + id + " must not be blank, got '"
                    + rootEntityId + "'");
        }
        String aligned = granularity == Granularity.DAY ? "at midnight" : "at the top of an hour";
        if (!granularity.isAligned(start)) {
            throw new IllegalArgumentException("start of incident " + id + " must be " + aligned + ", got " + start);
        }
        if (!granularity.isAligned(end)) {
            throw new IllegalArgumentException("end of incident " + id + " must be " + aligned + ", got " + end);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end of incident " + id + " must not be before its start (" + start
                    + "), got " + end);
        }
        spans = List.copyOf(spans);
        if (spans.isEmpty() || !spans.get(0).start().equals(start) || !spans.get(spans.size() - 1).end().equals(end)) {
            throw new IllegalArgumentException("spans of incident " + id + " must run from its start " + start
                    + " to its end " + end + ", got " + spans);
        }
        for (int k = 0; k < spans.size(); k++) {
            Span s = spans.get(k);
            if (!granularity.isAligned(s.start()) || !granularity.isAligned(s.end())) {
                throw new IllegalArgumentException("spans of incident " + id + " must be " + aligned + ", got " + s);
            }
            if (k > 0 && !s.start().isAfter(spans.get(k - 1).end())) {
                throw new IllegalArgumentException("spans of incident " + id + " must be in order and disjoint, got "
                        + spans.get(k - 1) + " then " + s);
            }
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

    /** @return whether {@code period} is one of the affected periods: inside one of the spans */
    public boolean activeAt(LocalDateTime period) {
        Objects.requireNonNull(period, "period");
        if (period.isBefore(start) || period.isAfter(end)) {
            return false;
        }
        for (Span s : spans) {
            if (s.contains(period)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether this incident changed the metrics of {@code keywordId} at {@code period} */
    public boolean covers(String keywordId, LocalDateTime period) {
        Objects.requireNonNull(keywordId, "keywordId");
        return activeAt(period) && affectedKeywordIds.contains(keywordId);
    }

    /** @return the number of calendar days from the start's to the end's, inclusive, &ge; 1 */
    public int days() {
        return (int) Granularity.DAY.between(start.toLocalDate().atStartOfDay(), end.toLocalDate().atStartOfDay())
                + 1;
    }

    /** @return the number of affected periods (days or hours), summed over the spans, &ge; 1 */
    public int periods() {
        long n = 0;
        for (Span s : spans) {
            n += granularity.between(s.start(), s.end()) + 1;
        }
        return (int) n;
    }

    /** @return whether the two incidents share at least one period of their [start, end] ranges */
    public boolean overlapsInTime(Incident other) {
        return !other.end.isBefore(start) && !other.start.isAfter(end);
    }
}
