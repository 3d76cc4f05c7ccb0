package io.ppcanomaly.monitor.registry;

import java.util.Locale;

/** Where a model version stands in the registry. */
public enum VersionStatus {
    /** The model the monitor judges with; at most one per profile and level. */
    CHAMPION,
    /** Trained, not yet decided (a retraining in progress, or kept for a manual decision). */
    CHALLENGER,
    /** A former champion, kept for rollback. */
    RETIRED,
    /** A challenger that lost its shadow evaluation, kept with its figures. */
    REJECTED;

    /** @return the stored name, e.g. {@code champion} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the status of a stored name
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static VersionStatus parse(String s) {
        for (VersionStatus v : values()) {
            if (v.wireName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("status must be champion, challenger, retired or rejected, got '" + s + "'");
    }
}
