package io.ppcanomaly.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a stored alert is in its life: {@code open → acknowledged → resolved}, and back to {@code open} by
 * {@link AlertStore#reopen}. An alert that is open or acknowledged is <em>active</em>.
 */
public enum AlertStatus {
    /** Raised and not yet seen by a person. */
    OPEN,
    /** A person has seen it and is on it. */
    ACKNOWLEDGED,
    /** Dealt with; archived to history after the retention period. */
    RESOLVED;

    /** @return the lower-case name stored and used in the API, e.g. {@code acknowledged} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the alert is open or acknowledged */
    public boolean isActive() {
        return this != RESOLVED;
    }

    /**
     * Parses a status by its wire or enum name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static AlertStatus parse(String value) {
        Objects.requireNonNull(value, "status");
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (AlertStatus s : values()) {
            if (s.name().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be one of [open, acknowledged, resolved], got '" + value + "'");
    }
}
