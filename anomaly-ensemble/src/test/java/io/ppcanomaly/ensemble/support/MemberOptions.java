package io.ppcanomaly.ensemble.support;

import io.ppcanomaly.api.Detectors;
import java.util.List;
import java.util.Properties;

/** Small, fast, seeded options for the detectors the tests create by name. */
public final class MemberOptions {

    /** The default members, in the ensemble's order. */
    public static final List<String> DEFAULT_MEMBERS = List.of("period-tail", "lstm-autoencoder",
            "half-space-trees", "isolation-forest");
    /** The default members of other modules (test-scope dependencies), whose absence the stand-ins cover. */
    public static final List<String> WINDOW_MEMBERS = List.of("lstm-autoencoder", "half-space-trees",
            "isolation-forest");

    private MemberOptions() {
    }

    /** @return whether every default member is on the test class path */
    public static boolean defaultMembersPresent() {
        return Detectors.available().containsAll(DEFAULT_MEMBERS);
    }

    /** @return a small LSTM autoencoder's options (two epochs of a narrow network): seconds, not minutes */
    public static Properties smallLstm() {
        Properties p = new Properties();
        p.setProperty("encoder.size", "16");
        p.setProperty("bottleneck.size", "8");
        p.setProperty("decoder.size", "16");
        p.setProperty("epochs", "2");
        p.setProperty("batch.size", "128");
        return p;
    }

    /**
     * @return options for a detector by name in the default test run: a small LSTM; for the ensemble, its
     *         default members (the real ones present on the test class path, the LSTM kept small) or, when none
     *         is present, the test-only stand-ins
     */
    public static Properties forTest(String name) {
        Properties p = new Properties();
        if (name.equals("lstm-autoencoder")) {
            return smallLstm();
        }
        if (name.equals("ensemble")) {
            List<String> present = Detectors.available().stream().filter(WINDOW_MEMBERS::contains).toList();
            if (present.isEmpty()) {
                p.setProperty("members", "test-zscore:0.5,test-ewma:0.3,test-mad:0.2");
            } else if (present.contains("lstm-autoencoder")) {
                smallLstm().forEach((k, v) -> p.setProperty("member.lstm-autoencoder." + k, (String) v));
            }
        }
        return p;
    }
}
