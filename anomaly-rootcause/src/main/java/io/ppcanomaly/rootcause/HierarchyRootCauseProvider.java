package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.spi.RootCauseAnalyzerProvider;
import java.util.Properties;

/**
 * The {@value #NAME} root-cause analyzer provider, found by {@link java.util.ServiceLoader}. Stateless; the
 * options are the keys of {@link HierarchyConfig}.
 */
public final class HierarchyRootCauseProvider implements RootCauseAnalyzerProvider {

    /** The provider name. */
    public static final String NAME = "hierarchy";

    /** Cheap; used by {@link java.util.ServiceLoader}. */
    public HierarchyRootCauseProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Walks the PPC hierarchy from anomalous entities to their ancestors (sibling ratio, temporal "
                + "precedence, Adtributor decomposition of volumes and ratio KPIs) and returns ranked root causes";
    }

    /**
     * @param options keys of {@link HierarchyConfig}; {@code null} means defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value
     */
    @Override
    public RootCauseAnalyzer create(Properties options) {
        return new HierarchyRootCauseAnalyzer(HierarchyConfig.of(options));
    }
}
