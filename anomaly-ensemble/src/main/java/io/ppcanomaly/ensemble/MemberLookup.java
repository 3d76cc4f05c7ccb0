package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Where the ensemble finds its members by name: {@link Detectors} by default, or a given registry. */
interface MemberLookup {

    /** The providers visible through {@link Detectors} (ServiceLoader). */
    MemberLookup DETECTORS = new MemberLookup() {
        @Override
        public List<String> available() {
            return Detectors.available();
        }

        @Override
        public DetectorProvider provider(String name) {
            return Detectors.provider(name);
        }
    };

    /** @return detector names, sorted */
    List<String> available();

    /** @throws IllegalArgumentException for an unknown name, listing the available ones */
    DetectorProvider provider(String name);

    /** @return the available names that can be members (all but the ensemble itself) */
    default List<String> memberCandidates() {
        List<String> out = new ArrayList<>(available());
        out.remove(EnsembleDetectorProvider.NAME);
        return out;
    }

    /** @return a lookup over the given registry */
    static MemberLookup of(ProviderRegistry<DetectorProvider> registry) {
        Objects.requireNonNull(registry, "registry");
        return new MemberLookup() {
            @Override
            public List<String> available() {
                return registry.names();
            }

            @Override
            public DetectorProvider provider(String name) {
                return registry.get(name);
            }
        };
    }
}
