package io.ppcanomaly.forest;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.spi.DetectorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Provider {@value IsolationForestDetector#NAME}: Isolation Forest (Liu, Ting &amp; Zhou, ICDM 2008), by default
 * with scikit-learn's split rule in this module's compact trees, or on Smile's trees with {@code split.rule=smile}.
 * Registered in {@code META-INF/services/io.ppcanomaly.api.spi.DetectorProvider}; stateless and thread-safe.
 * The options are the keys of {@link IsolationForestConfig}.
 */
public final class IsolationForestProvider implements DetectorProvider {

    /** Cheap: creates nothing until asked. */
    public IsolationForestProvider() {
    }

    @Override
    public String name() {
        return IsolationForestDetector.NAME;
    }

    @Override
    public String description() {
        return "Isolation Forest (Liu et al. 2008; scikit-learn's split rule, or Smile's trees): batch outlier "
                + "scoring of feature windows or tables; "
                + "fast to fit on large histories, no distribution assumed";
    }

    /**
     * @param options keys of {@link IsolationForestConfig} ({@code trees}, {@code sample.size}, {@code max.depth},
     *                {@code extension.level}, {@code split.rule}, {@code contamination}, {@code window.rows},
     *                {@code threshold.sample.size}, {@code parallel}, {@code seed}); {@code null} for defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming both
     */
    @Override
    public IsolationForestDetector create(Properties options) {
        return new IsolationForestDetector(IsolationForestConfig.of(options));
    }

    @Override
    public Detector load(InputStream in) throws IOException {
        return IsolationForestDetector.load(in);
    }
}
