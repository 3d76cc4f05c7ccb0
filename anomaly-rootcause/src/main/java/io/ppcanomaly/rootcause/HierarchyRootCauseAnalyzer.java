package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.model.Granularity;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root-cause analysis over the PPC hierarchy: folds per-entity anomalies into a ranked list of causes, so forty
 * keyword alerts become "campaign 'Shoes' lost 68% of impressions from 2026-03-14 (budget exhaustion?),
 * explaining 40 keyword alerts". Immutable and thread-safe: every call works on its own state.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Direction.</b> Each anomaly moves in the direction of its dominant primary feature — impressions,
 *       CTR, CPC or conversion rate, the independent factors of spend and sales — with its sign
 *       ({@code cpc+}, {@code impressions-}), read from the signed log-ratio features of
 *       {@link io.ppcanomaly.api.EntityAnomaly}. Near-dominant moves (at least half as large) join its
 *       signature, so a budget-starved keyword whose noisy conversion rate also dipped still counts as starved.</li>
 *   <li><b>Bottom-up walk.</b> The anomalous entities and their ancestors are visited once each, deepest level
 *       first. At each parent the problems arriving from below are clustered by direction and time (spans that
 *       share a period); the largest cluster is judged first and gathers the strays whose signature shares its
 *       direction.</li>
 *   <li><b>Sibling ratio.</b> When more than {@link HierarchyConfig#siblingRatio()} (default 30%) of an
 *       anomalous child's siblings are anomalous in the same direction, the problem is widespread and becomes
 *       the parent's, which passes it up in turn; a profile-wide outage climbs from keywords to the profile.
 *       Only the parent's own anomalous children count.</li>
 *   <li><b>Decomposition.</b> With metrics, a cluster that is not widespread by count is decomposed: the
 *       parent's snapshot in the cluster's signal (an additive volume, or a ratio KPI through its numerator and
 *       denominator) is split into the flagged children, the other anomalous children and the rest. If the rest
 *       moved like the flagged children — every keyword's CPC rose a little — the problem is the parent's even
 *       when few were flagged; if it held — one keyword's CPC exploded — it stays with them. When the flagged
 *       children are the whole of the parent's activity, a widespread problem passes through to the parent
 *       unchanged. When most children are anomalous but every which way (small keywords' features are too
 *       shrunk to show an ad group's conversion drop), the parent's own aggregate decides: its dominant move,
 *       if the children that explain two-thirds of it (Adtributor's explanatory power, Bhagwan et al., NSDI
 *       2014, see {@link io.ppcanomaly.rootcause.decompose.Adtributor}) hold a proportional share of its
 *       baseline. A smaller cluster left over at a parent that already has a problem at the same time joins it
 *       unless its own metrics moved significantly where the rest of the parent did not. Forecasts are seasonal
 *       (the same weekdays of earlier weeks), and a move counts only beyond three standard errors of counting
 *       noise.</li>
 *   <li><b>Multi-hop.</b> A problem no parent takes is forwarded to the next ancestor, up to
 *       {@link HierarchyConfig#hops()} levels (default 3), so an anomalous campaign can explain a keyword even
 *       when the ad group between them was not checked.</li>
 *   <li><b>Temporal precedence.</b> A cause starts no later than its effects: an anomalous parent takes its
 *       children's problem when the problem is widespread or the parent leads; a parent that starts after its
 *       children cannot be their cause, and a parent that moved at the same time as only a few children is
 *       their effect, folded into the child's cause. A promoted problem starts at the 10% quantile of its
 *       members' starts; members that started earlier stay their own causes.</li>
 *   <li><b>Causes.</b> What no ancestor takes is a root cause. Its kind comes from its metrics over its span
 *       (moves within counting noise set aside) or, without metrics, its anomalies' features, and picks the
 *       level among equivalent parents (a budget problem is the campaign's, a conversion drop the ad group's,
 *       an outage the topmost). With metrics, a parent anomaly with no anomalous children is drilled down to the
 *       single child that explains its move. Causes are ranked by confidence (see the README for its factors),
 *       and only the returned ones are rendered.</li>
 * </ol>
 * Time is linear in the anomalies times the hops, plus the metric periods the decompositions read: each
 * parent's keywords are summed once per call over the call's window (the seasons before the earliest anomaly
 * to one season after the latest), and a parent with many children is first screened on a sample of them.
 * It does not grow with the size of the graph.
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
     * @return the forecast's reach: {@link HierarchyConfig#seasons()} seasons of {@link HierarchyConfig#seasonFor}
     *         periods before an anomaly's start (every snapshot starts at some anomaly's start), 14 days or 48
     *         hours by default
     */
    @Override
    public OptionalInt historyBefore(Granularity granularity) {
        return OptionalInt.of(config.seasons() * config.seasonFor(Objects.requireNonNull(granularity, "granularity")));
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
