package io.ppcanomaly.service.table;

import java.util.Objects;

/**
 * A calendar cycle found in a series (a day or a week), or none. Immutable.
 *
 * <p>A row's <em>phase</em> is which of the cycle's {@code buckets} equal slices its wall-clock time falls in:
 * {@code floor(((time − origin) mod period) / (period / buckets))}, the origin being midnight for a day and Monday
 * midnight for a week. Hourly rows have 24 daily or 168 weekly phases; daily rows 7 weekly phases.
 *
 * @param name          {@code "none"}, {@code "day"} or {@code "week"}
 * @param periodSeconds the cycle's length in seconds, 0 for none
 * @param buckets       phases per cycle (rows per cycle at the series' usual step), 0 for none
 * @param strength      the share of the warm-up's within-cycle variance that the same phase of the other cycles
 *                      predicts, in (−∞, 1] (see {@code CycleFinder}); NaN for none
 */
public record Cycle(String name, long periodSeconds, int buckets, double strength) {

    /** Seconds in a day. */
    public static final long DAY = 86_400L;
    /** Seconds in a week. */
    public static final long WEEK = 7 * DAY;
    /** No cycle. */
    public static final Cycle NONE = new Cycle("none", 0, 0, Double.NaN);

    /** 1970-01-05, the first Monday of the epoch, so week phases start on Monday at midnight. */
    private static final long WEEK_ORIGIN = 4 * DAY;

    /** Validates. */
    public Cycle {
        Objects.requireNonNull(name, "name");
        if (periodSeconds < 0 || buckets < 0 || (periodSeconds == 0) != (buckets == 0)) {
            throw new IllegalArgumentException("periodSeconds and buckets must both be > 0 or both 0, got "
                    + periodSeconds + " and " + buckets);
        }
    }

    /** @return whether a cycle was found */
    public boolean present() {
        return buckets > 0;
    }

    /**
     * @param seconds wall-clock time in seconds since 1970-01-01T00:00
     * @return the phase, in [0, buckets)
     * @throws IllegalStateException for {@link #NONE}
     */
    public int phase(long seconds) {
        if (!present()) {
            throw new IllegalStateException("no cycle: no phase");
        }
        long origin = periodSeconds == WEEK ? WEEK_ORIGIN : 0;
        long into = Math.floorMod(seconds - origin, periodSeconds);
        return (int) Math.min(buckets - 1, into * buckets / periodSeconds);
    }

    /**
     * @param seconds wall-clock time in seconds since 1970-01-01T00:00
     * @return which cycle the time falls in (days or weeks since the origin)
     */
    long index(long seconds) {
        long origin = periodSeconds == WEEK ? WEEK_ORIGIN : 0;
        return Math.floorDiv(seconds - origin, periodSeconds);
    }
}
