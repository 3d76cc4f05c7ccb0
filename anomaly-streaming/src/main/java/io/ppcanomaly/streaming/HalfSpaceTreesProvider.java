package io.ppcanomaly.streaming;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.streaming.state.HalfSpaceTreesState;
import io.ppcanomaly.streaming.state.HalfSpaceTreesStateMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * The {@value #NAME} provider: Streaming Half-Space Trees (Tan, Ting &amp; Liu, "Fast Anomaly Detection for
 * Streaming Data", IJCAI 2011). Options are the keys of {@link HalfSpaceTreesConfig}. Stateless and thread-safe.
 */
public final class HalfSpaceTreesProvider implements DetectorProvider {

    /** The provider name. */
    public static final String NAME = "half-space-trees";

    /** For {@link java.util.ServiceLoader}. */
    public HalfSpaceTreesProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Streaming Half-Space Trees (Tan, Ting & Liu 2011): constant-time score and learn per observation, "
                + "fixed memory, adapts to drift; for streams and frequent re-scoring";
    }

    /**
     * @param options keys of {@link HalfSpaceTreesConfig}, or {@code null} for the paper's defaults
     * @return an unfitted {@link HalfSpaceTreesDetector}
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming both
     */
    @Override
    public HalfSpaceTreesDetector create(Properties options) {
        return new HalfSpaceTreesDetector(HalfSpaceTreesConfig.of(options));
    }

    /**
     * Reads a detector written by {@link HalfSpaceTreesDetector#save}; it continues exactly where it was saved.
     *
     * @throws IOException for another detector's stream, another format version, a truncated or corrupt stream
     */
    @Override
    public Detector load(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        HalfSpaceTreesState state = HalfSpaceTreesStateMapper.read(in);
        try {
            return HalfSpaceTreesDetector.restore(state);
        } catch (IllegalArgumentException e) {
            throw new IOException("model stream of '" + NAME + "' is corrupt: " + e.getMessage(), e);
        }
    }
}
