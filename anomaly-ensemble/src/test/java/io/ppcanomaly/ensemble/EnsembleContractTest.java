package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.contract.DetectorContractTest;
import java.util.Properties;

/** The detector contract kit run against provider {@code ensemble}. */
class EnsembleContractTest extends DetectorContractTest {

    @Override
    protected String providerName() {
        return EnsembleDetectorProvider.NAME;
    }

    @Override
    protected Properties options() {
        Properties p = new Properties();
        p.setProperty("members", "test-zscore:0.5,test-ewma:0.3,test-mad:0.2");
        return p;
    }
}
