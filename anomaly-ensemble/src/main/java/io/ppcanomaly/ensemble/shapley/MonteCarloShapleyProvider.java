package io.ppcanomaly.ensemble.shapley;

import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.spi.ExplainerProvider;
import java.util.Properties;

/**
 * Provider {@value #NAME}: Shapley values of a window's features for any detector
 * ({@link MonteCarloShapleyExplainer}), configured by {@link ShapleyConfig}'s keys.
 */
public final class MonteCarloShapleyProvider implements ExplainerProvider {

    /** The provider name. */
    public static final String NAME = "monte-carlo-shapley";

    /** Cheap; the explainer is built by {@link #create}. */
    public MonteCarloShapleyProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Model-agnostic Shapley values of each feature (all periods of one KPI together) against the "
                + "entity's baseline: exact for up to 10 moving features, permutation sampling beyond.";
    }

    @Override
    public Explainer create(Properties options) {
        return new MonteCarloShapleyExplainer(ShapleyConfig.of(options));
    }
}
