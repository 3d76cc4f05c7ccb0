package io.ppcanomaly.lstm;

import io.ppcanomaly.api.contract.DetectorContractTest;
import java.util.Properties;

/** The shared detector contract, run against {@code lstm-autoencoder} with a small, quick network. */
class LstmAutoencoderContractTest extends DetectorContractTest {

    @Override
    protected String providerName() {
        return LstmAutoencoderProvider.NAME;
    }

    @Override
    protected Properties options() {
        // The kit fits about a dozen models: two epochs of three minibatches keep that to seconds.
        return TestModels.small().toBuilder().epochs(2).batchSize(128).build().toProperties();
    }
}
