package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.contract.DetectorContractTest;
import io.ppcanomaly.ensemble.support.MemberOptions;
import java.util.Properties;

/** The detector contract kit run against provider {@code ensemble}. */
class EnsembleContractTest extends DetectorContractTest {

    @Override
    protected String providerName() {
        return EnsembleDetectorProvider.NAME;
    }

    /** The default members found on the test class path (the LSTM kept small), else test-only stand-ins. */
    @Override
    protected Properties options() {
        return MemberOptions.forTest(providerName());
    }
}
