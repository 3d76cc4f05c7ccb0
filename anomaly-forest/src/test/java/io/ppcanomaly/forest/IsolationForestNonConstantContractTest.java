package io.ppcanomaly.forest;

import java.util.Properties;

/** The detector contract kit again, with {@code split.rule=non-constant} (scikit-learn's rule, compact trees). */
class IsolationForestNonConstantContractTest extends IsolationForestContractTest {

    @Override
    protected Properties options() {
        Properties p = super.options();
        p.setProperty(IsolationForestConfig.KEY_SPLIT_RULE, IsolationForestConfig.SplitRule.NON_CONSTANT.value());
        return p;
    }
}
