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

    /**
     * Parses a severity by its wire name or enum name, case-insensitively ({@code high}, {@code CRITICAL}).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Severity parse(String value) {
        java.util.Objects.requireNonNull(value, "severity");
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.name().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity must be one of "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", got '" + value + "'");
    }
}
