package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What a {@link MetricSource} should load. Immutable.
 *
 * <h2>History</h2>
 * A caller that needs only the latest periods says how many in {@code history}: a one-period detection with a
 * fitted model needs its features' window and baseline, the look-back for an anomaly's start and the periods the
 * root-cause forecast compares with — about 60 days of a report that may hold years. The periods counted end at
 * {@code until}, or, when that is {@code null}, at the last period of the rows the query selects; a source may
 * then leave out every older row, counted in {@link LoadSummary#rowsFiltered()} (or, when its database leaves them
 * out, not counted at all). It is a bound on what the caller reads, not on what a source returns: loading older
 * periods as well is never wrong, so a source that ignores it (as one written before it did) stays correct.
 *
 * @param profileId the advertiser profile to load, or {@code null} for every profile in the source
 * @param until     the last period to load (inclusive), or {@code null} for all; periods after it are left
 *                  out so that a causal run cannot read the future
 * @param history   how many periods the caller needs, ending at {@code until} or at the last period selected,
 *                  &ge; 0; {@code 0} for every period
 */
public record MetricQuery(String profileId, LocalDateTime until, int history) {

    /** Everything the source holds. */
    public static final MetricQuery ALL = new MetricQuery(null, null, 0);

    /** Validates the profile id and the history. */
    public MetricQuery {
        if (profileId != null && profileId.isBlank()) {
            throw new IllegalArgumentException("profileId must be null or non-blank, got '" + profileId + "'");
        }
        if (history < 0) {
            throw new IllegalArgumentException("history must be >= 0 periods (0 for every period), got " + history);
        }
    }

    /**
     * A query of every period up to {@code until}.
     *
     * @param profileId the advertiser profile to load, or {@code null} for every profile in the source
     * @param until     the last period to load (inclusive), or {@code null} for all
     */
    public MetricQuery(String profileId, LocalDateTime until) {
        this(profileId, until, 0);
    }

    /**
     * @param periods how many periods the caller needs, &ge; 0 ({@code 0} for every period)
     * @return this query asking for {@code periods} periods of history
     */
    public MetricQuery withHistory(int periods) {
        return new MetricQuery(profileId, until, periods);
    }

    /** @return whether the caller needs only the last {@link #history()} periods */
    public boolean bounded() {
        return history > 0;
    }

    /** @return whether a row of {@code profile} at {@code period} is selected (its profile and {@code until}) */
    public boolean selects(String profile, LocalDateTime period) {
        return (profileId == null || profileId.equals(profile)) && (until == null || !period.isAfter(until));
    }

    /**
     * The first period the caller needs.
     *
     * @param last        the period the history ends at: {@link #until()} when set, otherwise the last period of
     *                    the rows selected
     * @param granularity the data's period length
     * @return {@code last} minus {@code history - 1} periods, or {@code null} when {@link #bounded() unbounded}
     */
    public LocalDateTime firstPeriod(LocalDateTime last, Granularity granularity) {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(granularity, "granularity");
        return history == 0 ? null : granularity.plus(last, -(history - 1L));
    }
}
