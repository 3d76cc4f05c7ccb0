package io.ppcanomaly.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What an API key may do. Ordered: each role may do everything the roles before it may.
 * <ul>
 *   <li>{@link #READ}: every {@code GET} - the alert feed, one alert, its series, statistics, jobs;</li>
 *   <li>{@link #WRITE}: also run detection, acknowledge, resolve, give feedback;</li>
 *   <li>{@link #ADMIN}: also create, list and revoke keys of its own profiles.</li>
 * </ul>
 */
public enum Role {
    /** Reads alerts, series, statistics and jobs. */
    READ,
    /** Also runs detection and changes alerts (acknowledge, resolve, feedback). */
    WRITE,
    /** Also manages the keys of its profiles. */
    ADMIN;

    /** @return the lower-case name used in the API and the database, e.g. {@code write} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether this role may do what {@code needed} may */
    public boolean allows(Role needed) {
        return compareTo(Objects.requireNonNull(needed, "needed")) >= 0;
    }

    /**
     * Parses a role by its wire name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Role parse(String value) {
        Objects.requireNonNull(value, "role");
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.name().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", got '" + value + "'");
    }
}
