package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.spi.DetectorProvider;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured member whose provider was found.
 *
 * @param spec     the configuration
 * @param provider the provider that creates its detectors
 */
record ResolvedMember(MemberSpec spec, DetectorProvider provider) {

    private static final Logger LOG = LoggerFactory.getLogger(ResolvedMember.class);

    /**
     * Finds every configured member. A member named by the user (in {@code members} or by a
     * {@code member.<name>.*} option) that is missing, or whose options its provider rejects, is an error; a
     * default member that is missing or cannot be created is left out with a WARN.
     *
     * @throws IllegalArgumentException for an explicit member that is missing (listing the available names) or
     *                                  badly configured
     * @throws IllegalStateException    when no member at all is available
     */
    static List<ResolvedMember> resolve(EnsembleConfig config, MemberLookup lookup) {
        List<String> available = lookup.memberCandidates();
        List<ResolvedMember> out = new ArrayList<>();
        for (MemberSpec m : config.members()) {
            boolean explicit = config.explicitMembers() || !m.options().isEmpty();
            if (!available.contains(m.name())) {
                if (explicit) {
                    throw new IllegalArgumentException("ensemble member must be one of the available detectors "
                            + available + ", got '" + m.name() + "'");
                }
                LOG.warn("Default ensemble member '{}' is not on the class path: left out, the weights are "
                        + "renormalised over the others. Available detectors: {}", m.name(), available);
                continue;
            }
            DetectorProvider p = lookup.provider(m.name());
            try {
                p.create(m.toProperties()); // validates the member's options now rather than at fit time
            } catch (IllegalArgumentException e) {
                if (explicit) {
                    throw new IllegalArgumentException("options of ensemble member '" + m.name()
                            + "' are invalid: " + e.getMessage(), e);
                }
                LOG.warn("Default ensemble member '{}' cannot be created, left out: {}", m.name(), e.toString());
                continue;
            } catch (RuntimeException | LinkageError e) {
                if (explicit) {
                    throw new IllegalStateException("ensemble member '" + m.name() + "' cannot be created: " + e,
                            e);
                }
                LOG.warn("Default ensemble member '{}' cannot be created, left out: {}", m.name(), e.toString());
                continue;
            }
            out.add(new ResolvedMember(m, p));
        }
        if (out.isEmpty()) {
            List<String> names = new ArrayList<>();
            config.members().forEach(m -> names.add(m.name()));
            throw new IllegalStateException("ensemble needs at least one member: none of " + names
                    + " is available; available detectors are " + available + " (add anomaly-forest, "
                    + "anomaly-streaming or anomaly-lstm to the class path, or set '" + EnsembleConfig.KEY_MEMBERS
                    + "')");
        }
        return List.copyOf(out);
    }
}
