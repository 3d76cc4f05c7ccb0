package io.ppcanomaly.ensemble.tail;

import io.ppcanomaly.api.contract.DetectorContractTest;

/** The detector contract kit run against provider {@code period-tail}. */
class PeriodTailContractTest extends DetectorContractTest {

    @Override
    protected String providerName() {
        return PeriodTailDetector.NAME;
    }
}
