package io.ppcanomaly.store;

import io.ppcanomaly.service.DetectionReport;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link AlertStore#save} wrote, as seen inside its transaction by {@link SaveHook}s and returned after
 * the commit. Each stored alert the report touched appears once, in its state after the save. Immutable.
 *
 * @param profile       the tenant
 * @param report        the report saved
 * @param opened        alerts this save opened (an alert opened and continued by the same report is here only)
 * @param continued     already-stored active alerts this save continued (more occurrences), escalated or not
 * @param escalated     the continued alerts whose severity rose, each also in {@code continued}; with
 *                      {@code opened}, what a notifier announces
 * @param alreadyStored report alerts skipped because the store already held their entity and period (saving a
 *                      report twice stores nothing new)
 */
public record SaveResult(ProfileId profile, DetectionReport report, List<StoredAlert> opened,
                         List<StoredAlert> continued, List<StoredAlert> escalated, int alreadyStored) {

    /** Validates and freezes. */
    public SaveResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(report, "report");
        opened = List.copyOf(opened);
        continued = List.copyOf(continued);
        escalated = List.copyOf(escalated);
        if (alreadyStored < 0) {
            throw new IllegalArgumentException("alreadyStored must be >= 0, got " + alreadyStored);
        }
    }

    /** @return whether the save changed nothing */
    public boolean isEmpty() {
        return opened.isEmpty() && continued.isEmpty();
    }
}
