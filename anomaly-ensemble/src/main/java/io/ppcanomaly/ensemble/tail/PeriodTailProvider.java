package io.ppcanomaly.ensemble.tail;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.spi.DetectorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Provider {@value PeriodTailDetector#NAME}: how rare the judged period (a window's last row) is, feature by
 * feature, among the training windows' last rows ({@link PeriodTailDetector}), configured by
 * {@link PeriodTailConfig}'s keys. Registered for {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class PeriodTailProvider implements DetectorProvider {

    /** For {@link java.util.ServiceLoader}. */
    public PeriodTailProvider() {
    }

    @Override
    public String name() {
        return PeriodTailDetector.NAME;
    }

    @Override
    public String description() {
        return "Rarity of the judged period: each feature of the window's last row placed in its distribution "
                + "over the training windows' last rows (two-sided, robust exponential tails); the rarest feature counts.";
    }

    /** @throws IllegalArgumentException for an unknown key or a bad value */
    @Override
    public Detector create(Properties options) {
        return new PeriodTailDetector(PeriodTailConfig.of(options));
    }

    @Override
    public Detector load(InputStream in) throws IOException {
        return PeriodTailDetector.load(in);
    }
}
