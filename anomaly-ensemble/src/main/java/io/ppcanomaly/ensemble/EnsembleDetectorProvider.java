package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * Provider {@value #NAME}: a calibrated weighted vote of other detectors ({@link EnsembleDetector}), configured
 * by {@link EnsembleConfig}'s keys. Registered for {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class EnsembleDetectorProvider implements DetectorProvider {

    /** The provider name. */
    public static final String NAME = "ensemble";

    private final MemberLookup lookup;

    /** Finds members through {@link io.ppcanomaly.api.Detectors} (what {@link java.util.ServiceLoader} uses). */
    public EnsembleDetectorProvider() {
        this.lookup = MemberLookup.DETECTORS;
    }

    /**
     * Finds members in the given registry instead, for an application that assembles its own set of providers
     * (and for tests).
     */
    public EnsembleDetectorProvider(ProviderRegistry<DetectorProvider> members) {
        this.lookup = MemberLookup.of(Objects.requireNonNull(members, "members"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Calibrated weighted vote of other detectors (default period-tail 0.7, lstm-autoencoder 0.15, "
                + "half-space-trees 0.1, isolation-forest 0.05); each member's score is mapped to its rarity among "
                + "held-out normal windows before weighting, with incidents screened out of the training data.";
    }

    @Override
    public Detector create(Properties options) {
        return createEnsemble(options);
    }

    /**
     * {@link #create} with the concrete type, for callers that want the member weights and calibrators.
     *
     * @throws IllegalArgumentException for a bad option or an explicit member that is not available
     * @throws IllegalStateException    when no member is available at all
     */
    public EnsembleDetector createEnsemble(Properties options) {
        return new EnsembleDetector(EnsembleConfig.of(options), lookup);
    }

    @Override
    public Detector load(InputStream in) throws IOException {
        return EnsembleDetector.load(in, lookup);
    }
}
