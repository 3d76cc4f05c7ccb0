package io.ppcanomaly.ensemble;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One configured ensemble member: a detector provider name, its weight, and the options passed to that
 * provider. Immutable.
 *
 * @param name    provider name as registered with {@link io.ppcanomaly.api.Detectors}, non-blank, without
 *                {@code .}, {@code :} or {@code ,} (they delimit the Properties keys)
 * @param weight  relative weight, finite and &gt; 0 (weights are normalised over the members that vote)
 * @param options the member provider's own options ({@code member.<name>.<key>} in the ensemble's Properties,
 *                passed as {@code <key>}), sorted by key
 */
public record MemberSpec(String name, double weight, Map<String, String> options) {

    /** Validates and freezes. */
    public MemberSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains(".") || name.contains(":") || name.contains(",")) {
            throw new IllegalArgumentException("member name must be non-blank without '.', ':' or ',', got '"
                    + name + "'");
        }
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight of member '" + name + "' must be finite and > 0, got "
                    + weight);
        }
        options = Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    /** Creates a member with no options. */
    public static MemberSpec of(String name, double weight) {
        return new MemberSpec(name, weight, Map.of());
    }

    /** @return the options as a fresh {@link Properties} for the member's provider */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(options);
        return p;
    }
}
