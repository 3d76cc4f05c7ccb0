package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseInput;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root-cause analysis over the PPC hierarchy: folds per-entity anomalies into a ranked list of causes, so forty
 * keyword alerts become "campaign 'Shoes' lost 68% of impressions from 2026-03-14 (budget exhaustion?),
 * explaining 40 keyword alerts". Immutable and thread-safe: every call works on its own state.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Direction.</b> Each anomaly's direction is its dominant primary feature and sign ({@code cpc+},
 *       {@code impressions-}), from the signed log-ratio features of {@link io.ppcanomaly.api.EntityAnomaly}.</li>
 *   <li><b>Bottom-up walk.</b> The anomalous entities and their ancestors are visited once each, deepest level
 *       first. At each parent the problems arriving from below are clustered by direction and time
 *       (overlapping or adjacent spans).</li>
 *   <li><b>Sibling ratio.</b> When more than {@link HierarchyConfig#siblingRatio()} (default 30%) of an
 *       anomalous child's siblings are anomalous in the same direction, the problem is widespread and becomes
 *       the parent's, which passes it up in turn; a profile-wide outage thus climbs from keywords to the
 *       profile.</li>
 *   <li><b>Decomposition.</b> With metrics, the parent's move in the cluster's signal (an additive volume, or a
 *       ratio KPI through its numerator and denominator) is split between the flagged children and the rest
 *       with Adtributor's explanatory power (Bhagwan et al., NSDI 2014, see
 *       {@link io.ppcanomaly.rootcause.decompose.Adtributor}). If the rest moved the same way — every keyword's
 *       CPC rose a little — the problem is the parent's even when few children were flagged; if the rest held —
 *       one keyword's CPC exploded — it stays with the child. When the flagged children are the whole parent's
 *       activity, a widespread problem passes through unchanged.</li>
 *   <li><b>Multi-hop.</b> A problem no parent takes is forwarded to the next ancestor, up to
 *       {@link HierarchyConfig#hops()} levels (default 3), so an anomalous campaign can explain a keyword even
 *       when the ad group between them was not checked.</li>
 *   <li><b>Temporal precedence.</b> A cause starts no later than its effects: an anomalous parent takes its
 *       children's problem when the problem is widespread or the parent leads; a parent that starts after its
 *       children cannot be their cause, and a parent that moved at the same time with only a few children is
 *       their effect, folded into the child's cause. A promoted problem starts at the 10% quantile of its
 *       members' starts; members that started earlier stay their own causes.</li>
 *   <li><b>Causes.</b> What no ancestor takes is a root cause. Its kind comes from its metrics' moves (or its
 *       anomalies' features) — see {@link RootCauseKind}-level rules in the README — and picks the level among
 *       equivalent parents (a budget problem is the campaign's, a conversion drop the ad group's, an outage the
 *       topmost). With metrics, a childless parent anomaly is drilled down to the single child that explains
 *       its move.</li>
 * </ol>
 * Time is linear in the anomalies times the hops plus the metric periods read for decompositions (each
 * parent's leaves are summed once per span, and only over the baseline and anomalous periods), never in the
 * size of the graph.
 */
public final class HierarchyRootCauseAnalyzer implements RootCauseAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(HierarchyRootCauseAnalyzer.class);

    private final HierarchyConfig config;

    /** Creates an analyzer with {@link HierarchyConfig#DEFAULT}. */
    public HierarchyRootCauseAnalyzer() {
        this(HierarchyConfig.DEFAULT);
    }

    /** Creates an analyzer with the given settings. */
    public HierarchyRootCauseAnalyzer(HierarchyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the settings */
    public HierarchyConfig config() {
        return config;
    }

    /** @return {@value HierarchyRootCauseProvider#NAME} */
    @Override
    public String name() {
        return HierarchyRootCauseProvider.NAME;
    }

    /**
     * @param input the graph, the anomalies (any levels) and the metrics (any subset of entities; a parent
     *              without a series is the sum of its children)
     * @return the causes, most confident first; empty when there are no anomalies
     * @throws IllegalArgumentException when an anomaly names an entity absent from the graph, a period that is
     *                                  not a whole period of the metrics' granularity, or a period outside the
     *                                  range of its entity's metrics (or of its descendants', for a parent
     *                                  without a series); the message names the entity and the period
     */
    @Override
    public List<RootCause> analyze(RootCauseInput input) {
        Objects.requireNonNull(input, "input");
        if (input.anomalies().isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        Walk walk = new Walk(config, input);
        List<Event> roots = walk.run();
        List<RootCause> causes = new Causes(config, input.graph(), walk).describe(roots);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} anomalies -> {} root events -> {} causes in {} ms", input.anomalies().size(), roots.size(),
                    causes.size(), (System.nanoTime() - t0) / 1_000_000);
        }
        return causes;
    }

    @Override
    public String toString() {
        return "HierarchyRootCauseAnalyzer" + config;
    }
}
