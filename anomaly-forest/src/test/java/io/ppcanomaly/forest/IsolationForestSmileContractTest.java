package io.ppcanomaly.forest;

import java.util.Properties;

/**
 * The detector contract kit again, with {@code split.rule=smile} (Smile's trees, Liu et al.'s rule verbatim); the
 * base class runs the default, {@code split.rule=non-constant}.
 */
class IsolationForestSmileContractTest extends IsolationForestContractTest {

    @Override
    protected Properties options() {
        Properties p = super.options();
        p.setProperty(IsolationForestConfig.KEY_SPLIT_RULE, IsolationForestConfig.SplitRule.SMILE.value());
        return p;
    }
}
