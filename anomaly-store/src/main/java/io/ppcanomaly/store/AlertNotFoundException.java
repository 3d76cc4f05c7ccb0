package io.ppcanomaly.store;

import java.util.NoSuchElementException;

/**
 * No alert with this id in this profile. Another profile's alert gives exactly this exception, with the same
 * message shape, so a caller cannot learn that it exists.
 */
public class AlertNotFoundException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final transient ProfileId profile;
    private final long alertId;

    /**
     * @param profile the profile asked
     * @param alertId the id asked
     */
    public AlertNotFoundException(ProfileId profile, long alertId) {
        super("alert " + alertId + " not found in profile " + profile);
        this.profile = profile;
        this.alertId = alertId;
    }

    /** @return the profile asked */
    public ProfileId profile() {
        return profile;
    }

    /** @return the id asked */
    public long alertId() {
        return alertId;
    }
}
