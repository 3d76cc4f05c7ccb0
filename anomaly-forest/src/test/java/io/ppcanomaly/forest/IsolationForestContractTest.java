package io.ppcanomaly.forest;

import io.ppcanomaly.api.contract.DetectorContractTest;
import java.util.Properties;

/**
 * The detector contract kit, run against {@code isolation-forest} as found through the registry, with the default
 * split rule ({@code non-constant}); {@link IsolationForestSmileContractTest} runs it with {@code smile}.
 */
class IsolationForestContractTest extends DetectorContractTest {

    @Override
    protected String providerName() {
        return IsolationForestDetector.NAME;
    }

    @Override
    protected Properties options() {
        Properties p = new Properties();
        p.setProperty(IsolationForestConfig.KEY_TREES, "50");
        p.setProperty(IsolationForestConfig.KEY_SEED, "11");
        return p;
    }
}
