package io.ppcanomaly.monitor.registry;

import java.util.Locale;

/** How a model version came to be. */
public enum VersionOrigin {
    /** The first model of a profile and level, trained by the monitor when it found none. */
    INITIAL,
    /** A challenger of the scheduled (or requested) retraining. */
    RETRAINED,
    /** Registered by a caller (a model trained elsewhere, e.g. with {@code anomaly train}). */
    IMPORTED;

    /** @return the stored name, e.g. {@code retrained} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the origin of a stored name
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static VersionOrigin parse(String s) {
        for (VersionOrigin v : values()) {
            if (v.wireName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("origin must be initial, retrained or imported, got '" + s + "'");
    }
}
