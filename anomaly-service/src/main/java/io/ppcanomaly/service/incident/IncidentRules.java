package io.ppcanomaly.service.incident;

import io.ppcanomaly.api.model.Granularity;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * When alerts of one root "touch in time": how long an incident may go without an alert and still continue.
 * Immutable.
 *
 * <p>An alert continues an incident with the same root when its period is no more than {@code 1 + gap} periods
 * after the incident's last alerted period, where {@code gap} = {@link #maxGapPeriods(Granularity)} is
 * {@code maxGap} in whole periods. An incident is <em>ongoing</em> as of a period while that period is at most
 * {@code gap} periods after its last alert: a later run may still continue it. Once a run judges a period
 * further on without an alert of it, the incident has ended at its last alerted period.
 *
 * <p>Why a gap at all: an alert confirms that the judged period carries the anomaly itself, so a period in the
 * middle of a running incident whose move is no larger than the days before it is counted as an echo, not
 * alerted. On the built-in sample's 30-day backtest with flat baselines, with no allowance three of the eleven
 * labelled incidents (two CTR collapses, a conversion drop) split in two at such a quiet day, and one quiet day
 * joined each again. With seasonal baselines none splits at a quiet day; the allowance then only joins three
 * days of one keyword's alerts to the CPC spike that follows them on the same keyword (72 incidents become
 * 71). The default, one day, is one period of daily data and 24 of hourly data, where a budget that runs dry
 * every afternoon leaves quiet nights inside one incident.
 *
 * @param maxGap the longest stretch without an alert that an incident bridges, &ge; 0 and at most 90 days
 */
public record IncidentRules(Duration maxGap) {

    private static final Duration MAX = Duration.ofDays(90);

    /** Default gap allowance: one day. */
    public static final Duration DEFAULT_MAX_GAP = Duration.ofDays(1);

    /** The defaults: an incident bridges one quiet day. */
    public static final IncidentRules DEFAULT = new IncidentRules(DEFAULT_MAX_GAP);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException for a negative gap or one above 90 days
     */
    public IncidentRules {
        Objects.requireNonNull(maxGap, "maxGap");
        if (maxGap.isNegative() || maxGap.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("maxGap must be in [PT0S, " + MAX + "], got " + maxGap);
        }
    }

    /**
     * @param g the period length
     * @return {@code maxGap} in whole periods of {@code g}, rounded down, &ge; 0
     */
    public int maxGapPeriods(Granularity g) {
        Objects.requireNonNull(g, "granularity");
        // Whole periods in long nanoseconds (the gap is at most 90 days, far inside a long): Duration.dividedBy
        // divides in BigDecimal, and grouping a report of 10,000 alerts asks this for every pair it compares.
        LocalDateTime t = LocalDateTime.of(2000, 1, 1, 0, 0);
        long period = Duration.between(t, g.plus(t, 1)).toNanos();
        return (int) (maxGap.toNanos() / period);
    }

    /**
     * @param last the incident's last alerted period
     * @param next the period of a later alert with the same root
     * @param g    the period length
     * @return whether that alert continues the incident rather than opening a new one: at most {@code 1 + gap}
     *         periods after {@code last} (a period at or before {@code last} — a re-run — continues it too)
     */
    public boolean continues(LocalDateTime last, LocalDateTime next, Granularity g) {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(next, "next");
        return g.between(last, next) <= 1L + maxGapPeriods(g);
    }

    /**
     * @param last the incident's last alerted period
     * @param asOf the last period judged
     * @param g    the period length
     * @return whether a run judging the period after {@code asOf} may still continue the incident
     */
    public boolean isOngoing(LocalDateTime last, LocalDateTime asOf, Granularity g) {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(asOf, "asOf");
        return g.between(last, asOf) <= maxGapPeriods(g);
    }
}
