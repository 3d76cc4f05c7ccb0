package io.ppcanomaly.lstm;

import io.ppcanomaly.api.spi.DetectorProvider;
import io.ppcanomaly.lstm.state.LstmModelCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * Provider {@value #NAME}: creates {@link LstmAutoencoderDetector}s from the options of
 * {@link LstmAutoencoderConfig} and reads saved ones. Stateless; the no-arg constructor does no work (in
 * particular it does not start ND4J — only {@code fit} does).
 */
public final class LstmAutoencoderProvider implements DetectorProvider {

    /** The provider name. */
    public static final String NAME = LstmModelCodec.NAME;

    /** Creates the provider (cheap). */
    public LstmAutoencoderProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LSTM sequence autoencoder (trained on DeepLearning4j, scored in plain Java): flags windows whose "
                + "KPI sequences it cannot reconstruct";
    }

    /**
     * @param options keys of {@link LstmAutoencoderConfig}; {@code null} means defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value
     */
    @Override
    public LstmAutoencoderDetector create(Properties options) {
        return new LstmAutoencoderDetector(LstmAutoencoderConfig.of(options));
    }

    /** Reads a saved model without touching ND4J. */
    @Override
    public LstmAutoencoderDetector load(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return new LstmAutoencoderDetector(LstmModelCodec.read(in));
    }
}
