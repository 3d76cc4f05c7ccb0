package io.ppcanomaly.monitor;

import io.ppcanomaly.store.ProfileId;
import java.util.Objects;

/**
 * What the daily clean-up did for a profile ({@link AnomalyMonitor#cleanUp}). Immutable.
 *
 * @param profile        the profile
 * @param done           whether it ran (false: another instance held the lease, or it failed)
 * @param archived       resolved alerts moved to history
 * @param historyDeleted history rows deleted by retention
 * @param ledgerDeleted  judged-period ledger rows deleted by retention
 * @param versionsPruned old model versions deleted
 * @param detail         why it did not run, or empty
 */
public record CleanupResult(ProfileId profile, boolean done, int archived, int historyDeleted, int ledgerDeleted,
                            int versionsPruned, String detail) {

    /** Checks the fields. */
    public CleanupResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the result in one line, as logged */
    public String summary() {
        return done ? "Clean-up of profile " + profile + ": " + archived + " alerts archived, " + historyDeleted
                + " history rows deleted, " + ledgerDeleted + " ledger rows deleted, " + versionsPruned
                + " model versions pruned" : "Clean-up of profile " + profile + " not run: " + detail;
    }
}
