package io.ppcanomaly.service.testing;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.api.spi.ProviderOptions;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;

/** Providers of the test-only detectors, registered in the test class path's META-INF/services. */
public final class TestDetectorProviders {

    private TestDetectorProviders() {
    }

    /**
     * {@code test-robust-z}: options {@code quantile} (default 0.99), {@code multiplier} (default 2) and
     * {@code scope} ({@code last}, the default, or {@code window}).
     */
    public static final class RobustZ implements DetectorProvider {
        @Override
        public String name() {
            return RobustZDetector.NAME;
        }

        @Override
        public String description() {
            return "test only: robust z-score of the judged period";
        }

        @Override
        public Detector create(Properties options) {
            ProviderOptions o = new ProviderOptions(options);
            o.requireKnown(Set.of("quantile", "multiplier", "scope"));
            double q = o.getDouble("quantile", 0.99);
            double m = o.getDouble("multiplier", 2.0);
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("quantile must be in (0, 1), got " + q);
            }
            if (!(m > 0)) {
                throw new IllegalArgumentException("multiplier must be > 0, got " + m);
            }
            String scope = o.getString("scope", "last");
            if (!scope.equals("last") && !scope.equals("window")) {
                throw new IllegalArgumentException("scope must be last or window, got '" + scope + "'");
            }
            return new RobustZDetector(q, m, scope.equals("window"));
        }

        @Override
        public Detector load(InputStream in) throws IOException {
            return RobustZDetector.read(new DataInputStream(in));
        }
    }

    /** {@code test-running-z}: no options. */
    public static final class RunningZ implements DetectorProvider {
        @Override
        public String name() {
            return RunningZDetector.NAME;
        }

        @Override
        public String description() {
            return "test only: streaming z-score with running mean and variance";
        }

        @Override
        public Detector create(Properties options) {
            new ProviderOptions(options).requireKnown(Set.of());
            return new RunningZDetector();
        }

        @Override
        public Detector load(InputStream in) throws IOException {
            return RunningZDetector.read(new DataInputStream(in));
        }
    }
}
