package io.ppcanomaly.ensemble.support;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ProviderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Providers of the test-only detectors, under any name (so a test can stand them in for the default members in
 * its own registry). Option {@code fail} = {@code fit} makes the detector throw when fitted, {@code score} when
 * asked to score a batch holding a window of entity {@link #POISON}.
 */
public class TestDetectorProvider implements DetectorProvider {

    /** Entity id whose windows make a {@code fail=score} detector throw. */
    public static final String POISON = "poison";

    private final String name;
    private final Supplier<StatDetector> factory;

    /** A provider of {@code name} making detectors with {@code factory}. */
    public TestDetectorProvider(String name, java.util.function.Function<String, StatDetector> factory) {
        this.name = name;
        this.factory = () -> factory.apply(name);
    }

    /** @return a z-score detector provider called {@code name} */
    public static TestDetectorProvider zscore(String name) {
        return new TestDetectorProvider(name, n -> new StatDetector(n, StatDetector.Kind.ZSCORE));
    }

    /** @return a median/MAD detector provider called {@code name} */
    public static TestDetectorProvider mad(String name) {
        return new TestDetectorProvider(name, n -> new StatDetector(n, StatDetector.Kind.MAD));
    }

    /** @return a streaming EWMA detector provider called {@code name} */
    public static TestDetectorProvider ewma(String name) {
        return new TestDetectorProvider(name, n -> new EwmaDetector(n, 0.05));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test-only detector " + name;
    }

    @Override
    public Detector create(Properties options) {
        ProviderOptions o = new ProviderOptions(options);
        o.requireKnown(Set.of("fail"));
        String fail = o.getString("fail", "none");
        StatDetector d = factory.get();
        return switch (fail) {
            case "none" -> d;
            case "fit" -> new Failing(d, true);
            case "score" -> new Failing(d, false);
            default -> throw new IllegalArgumentException("fail must be none, fit or score, got '" + fail + "'");
        };
    }

    @Override
    public Detector load(InputStream in) throws IOException {
        return StatDetector.load(factory.get(), in);
    }

    /** A detector that throws at fit or at scoring, as a broken member would. */
    private static final class Failing extends StatDetector {
        private final boolean atFit;

        Failing(StatDetector d, boolean atFit) {
            super(d.name, d.kind);
            this.atFit = atFit;
        }

        @Override
        public void fit(List<FeatureWindow> windows) {
            if (atFit) {
                throw new IllegalStateException("simulated fit failure of " + name);
            }
            super.fit(windows);
        }

        @Override
        public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
            if (!atFit && windows.stream().anyMatch(w -> POISON.equals(w.entityId()))) {
                throw new IllegalStateException("simulated scoring failure of " + name);
            }
            return super.scoreAll(windows);
        }
    }

    /** ServiceLoader entry: z-score detector {@code test-zscore}. */
    public static final class ZScore extends TestDetectorProvider {
        /** No-arg for ServiceLoader. */
        public ZScore() {
            super("test-zscore", n -> new StatDetector(n, StatDetector.Kind.ZSCORE));
        }
    }

    /** ServiceLoader entry: median/MAD detector {@code test-mad}. */
    public static final class Mad extends TestDetectorProvider {
        /** No-arg for ServiceLoader. */
        public Mad() {
            super("test-mad", n -> new StatDetector(n, StatDetector.Kind.MAD));
        }
    }

    /** ServiceLoader entry: streaming EWMA detector {@code test-ewma}. */
    public static final class Ewma extends TestDetectorProvider {
        /** No-arg for ServiceLoader. */
        public Ewma() {
            super("test-ewma", n -> new EwmaDetector(n, 0.05));
        }
    }
}
