package io.ppcanomaly.streaming;

import io.ppcanomaly.api.contract.DetectorContractTest;

/** The shared detector contract, run against {@code half-space-trees} at the paper's defaults. */
class HalfSpaceTreesContractTest extends DetectorContractTest {

    @Override
    protected String providerName() {
        return HalfSpaceTreesProvider.NAME;
    }
}
