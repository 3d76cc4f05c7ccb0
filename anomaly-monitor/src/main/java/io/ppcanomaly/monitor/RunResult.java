package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.store.ProfileId;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What one detection run of a profile did ({@link AnomalyMonitor#runOnce}). Immutable.
 *
 * @param profile     the profile
 * @param outcome     completed (every level judged or up to date), partial (a level failed), skipped (another
 *                    instance held the lease, or no data) or failed (nothing written)
 * @param asOf        the last period the run could judge: the requested as-of, cut at the data's last period;
 *                    {@code null} when no data was read
 * @param granularity the data's period length, or {@code null} when no data was read
 * @param levels      per level, in the profile's order
 * @param loadMillis  time reading the metrics
 * @param millis      wall time of the whole run
 * @param detail      why it was skipped or failed, or empty
 */
public record RunResult(ProfileId profile, Outcome outcome, LocalDateTime asOf, Granularity granularity,
                        List<LevelRun> levels, long loadMillis, long millis, String detail) {

    /** How a run ended. */
    public enum Outcome {
        /** Every level was judged or up to date. */
        COMPLETED,
        /** Some level failed (nothing written for it); the others completed. */
        PARTIAL,
        /** Not run: another monitor instance held the profile's lease, or the source had no data. */
        SKIPPED,
        /** Nothing was written: reading the metrics or every level failed. */
        FAILED
    }

    /** Checks the fields and freezes. */
    public RunResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(outcome, "outcome");
        levels = List.copyOf(levels);
        Objects.requireNonNull(detail, "detail");
    }

    /** @return alerts raised over every level */
    public int alerts() {
        int n = 0;
        for (LevelRun l : levels) {
            n += l.alerts();
        }
        return n;
    }

    /** @return the run in one line, as logged */
    public String summary() {
        StringJoiner j = new StringJoiner("; ");
        for (LevelRun l : levels) {
            j.add(l.describe(granularity == null ? Granularity.DAY : granularity));
        }
        String head = "Profile " + profile + " " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                + (asOf == null ? "" : " as of " + (granularity == null ? asOf : granularity.format(asOf)));
        return head + (detail.isEmpty() ? "" : " (" + detail + ")") + (levels.isEmpty() ? "" : ": " + j)
                + " [load " + loadMillis + " ms, total " + millis + " ms]";
    }
}
