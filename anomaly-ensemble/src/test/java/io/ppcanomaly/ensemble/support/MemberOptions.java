package io.ppcanomaly.ensemble.support;

import io.ppcanomaly.api.Detectors;
import java.util.List;
import java.util.Properties;

/** Small, fast, seeded options for the detectors the tests create by name. */
public final class MemberOptions {

    /** The default members, in the ensemble's order. */
    public static final List<String> DEFAULT_MEMBERS = List.of("lstm-autoencoder", "half-space-trees",
            "isolation-forest");

    private MemberOptions() {
    }

    /** @return whether every default member is on the test class path */
    public static boolean defaultMembersPresent() {
        return Detectors.available().containsAll(DEFAULT_MEMBERS);
    }

    /**
     * @return options for a detector by name: for the ensemble, the real default members when they are all
     *         present, else the test-only ones
     */
    public static Properties forTest(String name) {
        Properties p = new Properties();
        if (name.equals("ensemble") && !defaultMembersPresent()) {
            p.setProperty("members", "test-zscore:0.5,test-ewma:0.3,test-mad:0.2");
        }
        return p;
    }
}
