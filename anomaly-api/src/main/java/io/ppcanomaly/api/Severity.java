package io.ppcanomaly.api;

import java.util.Locale;

/** How urgently an alert needs a person, from the score and the money at stake. Ordered LOW to CRITICAL. */
public enum Severity {
    /** Worth a look when convenient. */
    LOW,
    /** Look today. */
    MEDIUM,
    /** Look within the hour. */
    HIGH,
    /** Money is burning now. */
    CRITICAL;

    /** @return the lower-case name used in reports, e.g. {@code high} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
