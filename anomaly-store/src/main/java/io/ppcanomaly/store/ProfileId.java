package io.ppcanomaly.store;

import java.util.Objects;

/**
 * An advertiser profile: the tenant every stored row belongs to and every store call names. Immutable.
 *
 * @param value 1 to 128 characters, not blank, no control characters (an Amazon Ads profile id such as
 *              {@code 3712345678901234}, or any id the host uses for an advertiser)
 */
public record ProfileId(String value) {

    /** The longest id the store's columns hold. */
    public static final int MAX_LENGTH = 128;

    /** Validates. */
    public ProfileId {
        Objects.requireNonNull(value, "profile id");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("profile id must be 1 to " + MAX_LENGTH + " characters and not blank, got '"
                    + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("profile id must not contain control characters, got '"
                        + value.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
    }

    /**
     * @return the profile with this id
     * @throws IllegalArgumentException for a blank, too long or control-character id
     */
    public static ProfileId of(String value) {
        return new ProfileId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
