package io.ppcanomaly.store;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * Which incidents {@link AlertStore#incidents} lists; every criterion is optional ({@code null} = any).
 * Immutable; {@link #ALL} or the factory methods.
 *
 * @param ongoing     only ongoing ({@code true}) or only ended ({@code false}) incidents
 * @param minSeverity only incidents whose peak severity is this or higher
 * @param kind        only this root-cause kind
 * @param since       only incidents whose last alerted period is at or after this one
 */
public record IncidentFilter(Boolean ongoing, Severity minSeverity, RootCauseKind kind, LocalDateTime since) {

    /** Every incident. */
    public static final IncidentFilter ALL = new IncidentFilter(null, null, null, null);

    /** Ongoing incidents only. */
    public static final IncidentFilter ONGOING = new IncidentFilter(true, null, null, null);

    /** @return this filter, only incidents at or above {@code s} */
    public IncidentFilter withMinSeverity(Severity s) {
        return new IncidentFilter(ongoing, s, kind, since);
    }

    /**
     * @param k a kind's wire name ({@code budget_exhaustion}, {@code cpc_spike}…)
     * @return this filter, only incidents of that kind
     * @throws IllegalArgumentException for an unknown kind, listing the names
     */
    public IncidentFilter withKind(String k) {
        try {
            return new IncidentFilter(ongoing, minSeverity, RootCauseKind.valueOf(k.strip().toUpperCase(Locale.ROOT)),
                    since);
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (RootCauseKind x : RootCauseKind.values()) {
                names.append(names.length() == 0 ? "" : ", ").append(x.wireName());
            }
            throw new IllegalArgumentException("kind must be one of " + names + ", got '" + k + "'", e);
        }
    }

    /** @return this filter, only incidents whose last alerted period is at or after {@code p} */
    public IncidentFilter withSince(LocalDateTime p) {
        return new IncidentFilter(ongoing, minSeverity, kind, p);
    }
}
