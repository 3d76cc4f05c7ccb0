package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the incidents of an account (kind, root entity, days, magnitude) from the normal model, and turns
 * them into per-keyword, per-day multipliers of the latent rates that {@link DailySimulator} samples from.
 *
 * <h2>Placement</h2>
 * Reporting outages take distinct days first; every other incident avoids them. Then, in the order conversion
 * drop, CPC spike, CTR collapse, budget exhaustion (the kinds with the fewest eligible roots first, see
 * {@link #ORDER}), each incident gets a duration and a start within the last {@code incidentDays} days, and a root
 * chosen at random among the <em>eligible</em> ones (big enough that the incident is unmistakable, see the
 * {@code *_MIN_*} constants) that respect two rules:
 * <ol>
 *   <li>the affected subtrees of two incidents never intersect: no incident lies inside the root of another
 *       (so every affected keyword has exactly one incident);</li>
 *   <li>two incidents whose days overlap (with {@value #MARGIN_DAYS} clear day either side) never share a
 *       campaign, so the series of every campaign, ad group and keyword shows at most one incident at a time.</li>
 * </ol>
 * Only when an account is too small for the rules are they relaxed, tier by tier ({@link Tier}): rule 1 only
 * for incidents on other days; then the largest roots below the thresholds (logged as a warning, since such an
 * incident may drown in noise); then rule 2, though a keyword never has two incidents at once (also a
 * warning). Each tier tries random days; if none fits, every duration and start is tried in turn, tier by
 * tier. If nothing fits, generation fails with a message saying what to change.
 */
final class IncidentPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentPlanner.class);

    /** A CPC spike needs a keyword with at least this many expected clicks a day. */
    static final double CPC_SPIKE_MIN_CLICKS = 15;
    /** A CTR collapse needs a keyword with at least this many expected impressions a day … */
    static final double CTR_COLLAPSE_MIN_IMPRESSIONS = 1500;
    /** … and at least this many expected clicks a day. */
    static final double CTR_COLLAPSE_MIN_CLICKS = 12;
    /** A conversion drop needs an ad group with at least this many expected orders a day … */
    static final double CONVERSION_DROP_MIN_ORDERS = 6;
    /** … and at least this many expected clicks a day (a high-CVR product with few clicks hides the drop). */
    static final double CONVERSION_DROP_MIN_CLICKS = 50;
    /** A budget exhaustion needs a campaign with at least this many keywords … */
    static final int BUDGET_MIN_KEYWORDS = 5;
    /** … at least this many expected clicks a day … */
    static final double BUDGET_MIN_CLICKS = 30;
    /**
     * … and keywords big enough that most of them, not only the few large ones, visibly lose impressions: on
     * average over its keywords, the incident's impression factor m must lower ln(impressions + 20) by at least
     * 0.95 (the 20 pseudo-impressions stand for the noise of small counts), so a milder cut needs a bigger
     * campaign. Campaigns on generic, high-traffic terms qualify: the kind whose budget runs dry.
     */
    static final double BUDGET_MAX_MEAN_LOG_DROP = -0.95;
    static final double BUDGET_PSEUDO_IMPRESSIONS = 20;
    /** Share of auctions a keyword still wins while a competitor bids it up. */
    static final double CPC_SPIKE_IMPRESSIONS = 0.9;
    /** Impression factor of a stocked-out ad group from its second day, as Amazon throttles its ads. */
    static final double STOCK_OUT_IMPRESSIONS = 0.5;
    /** Clear days required between two incidents in one campaign. */
    static final int MARGIN_DAYS = 1;
    private static final int ATTEMPTS = 64;
    /**
     * Placement order: the kinds with the fewest eligible roots first (an ad group with 6 orders a day, a keyword
     * with 15 clicks); budget exhaustions last, since most high-traffic campaigns qualify and the rules then
     * steer them away from the campaigns already holding an incident.
     */
    private static final IncidentKind[] ORDER = {IncidentKind.AD_GROUP_CONVERSION_DROP,
            IncidentKind.KEYWORD_CPC_SPIKE, IncidentKind.KEYWORD_CTR_COLLAPSE, IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION};

    /** Indices of the multiplier rows in {@link Plan#effects}. */
    static final int IMPRESSIONS = 0;
    static final int CTR = 1;
    static final int CPC = 2;
    static final int CVR = 3;

    /**
     * The chosen incidents and their effect on the latent rates.
     *
     * @param incidents sorted by start, then kind, then root
     * @param effects   keyword index → [IMPRESSIONS|CTR|CPC|CVR][day] multipliers (1 where unaffected)
     * @param zeroDay   days on which every keyword reports zeros (reporting outages)
     */
    record Plan(List<Incident> incidents, Map<Integer, double[][]> effects, boolean[] zeroDay) {
    }

    /**
     * @param adGroup the root's ad group, or -1 for a campaign root
     * @param campaign the root's campaign, or -1 for an outage
     */
    private record Placed(IncidentKind kind, int root, int campaign, int adGroup, int startDay, int endDay,
                          double magnitude, boolean weak) {
    }

    /** The placement rules, strictest first; each later tier relaxes one more. */
    private enum Tier {
        /** Eligible roots, both rules kept. */
        STRICT(true, false, false),
        /** Eligible roots; rule 1 only for incidents on other days. */
        NESTED(true, true, false),
        /** The largest roots, eligible or not; both rules kept. */
        LARGEST(false, false, false),
        /** The largest roots; rule 1 only for incidents on other days. */
        LARGEST_NESTED(false, true, false),
        /** The largest roots; rule 2 dropped, though no keyword ever has two incidents at once. */
        CROWDED(false, true, true);

        final boolean eligibleOnly;
        final boolean nestingAllowed;
        final boolean crowdingAllowed;

        Tier(boolean eligibleOnly, boolean nestingAllowed, boolean crowdingAllowed) {
            this.eligibleOnly = eligibleOnly;
            this.nestingAllowed = nestingAllowed;
            this.crowdingAllowed = crowdingAllowed;
        }
    }

    private final SampleConfig config;
    private final AccountLayout layout;
    private final AccountModel model;
    private final Sampler sampler;
    private final List<Placed> placed = new ArrayList<>();
    private final boolean[] zeroDay;

    private IncidentPlanner(SampleConfig config, AccountLayout layout, AccountModel model) {
        this.config = config;
        this.layout = layout;
        this.model = model;
        this.sampler = Sampler.stream(config.seed(), Domains.INCIDENTS, 0);
        this.zeroDay = new boolean[config.days()];
    }

    /**
     * @throws IllegalArgumentException when the account is too small or the incident range too short for the
     *                                  configured incidents
     */
    static Plan plan(SampleConfig config, AccountLayout layout, AccountModel model) {
        return new IncidentPlanner(config, layout, model).run();
    }

    private Plan run() {
        int first = config.days() - config.incidentDays();
        for (int i = 0; i < config.reportingOutages(); i++) {
            int day;
            do {
                day = first + sampler.intBetween(0, config.incidentDays() - 1);
            } while (zeroDay[day]);
            zeroDay[day] = true;
            placed.add(new Placed(IncidentKind.REPORTING_OUTAGE, 0, -1, -1, day, day, 0.0, false));
        }
        for (IncidentKind kind : ORDER) {
            int n = config.incidents(kind);
            if (n == 0) {
                continue;
            }
            IncidentCandidates cands = new IncidentCandidates(kind, layout, model);
            List<String> weak = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Placed p = place(kind, cands, i, n);
                placed.add(p);
                if (p.weak) {
                    weak.add(rootId(kind, p.root) + " (" + cands.describe(p.root) + ")");
                }
            }
            if (!weak.isEmpty()) {
                LOG.warn("{}: {} of {} incidents placed below the visibility threshold, on {}; the account "
                        + "(keywords={}) is too small for clearly visible incidents of this kind", kind, weak.size(), n,
                        String.join(", ", weak), config.keywords());
            }
        }
        return toPlan();
    }

    private Placed place(IncidentKind kind, IncidentCandidates cands, int i, int n) {
        for (Tier tier : Tier.values()) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int duration = sampler.intBetween(minDuration(kind), maxDuration(kind));
                int startDay = firstDay() + sampler.intBetween(0, Math.max(0, config.incidentDays() - duration));
                if (hitsOutage(startDay, endDay(startDay, duration))) {
                    continue;
                }
                Placed p = tryPlace(kind, cands, tier, startDay, duration, magnitude(kind));
                if (p != null) {
                    return logged(p, tier, i, n);
                }
            }
        }
        // Random days found nothing in any tier (a small account, a short range): try every duration and start in
        // turn. Done last so that every account placed by random days alone keeps its incidents.
        for (Tier tier : Tier.values()) {
            double magnitude = magnitude(kind);
            for (int duration = maxDuration(kind); duration >= minDuration(kind); duration--) {
                for (int start = 0; start <= Math.max(0, config.incidentDays() - duration); start++) {
                    Placed p = tryPlace(kind, cands, tier, firstDay() + start, duration, magnitude);
                    if (p != null) {
                        return logged(p, tier, i, n);
                    }
                }
            }
        }
        throw new IllegalArgumentException("incident counts must fit the account, got no room for " + kind
                + " " + (i + 1) + " of " + n + " (keywords=" + config.keywords() + ", campaigns=" + layout.campaigns
                + ", incidentDays=" + config.incidentDays() + "); lower the incident counts or raise keywords or "
                + "incidentDays");
    }

    /** @return the incident on the chosen root, or null when no root fits those days at this tier */
    private Placed tryPlace(IncidentKind kind, IncidentCandidates cands, Tier tier, int startDay, int duration,
                            double magnitude) {
        int endDay = endDay(startDay, duration);
        if (hitsOutage(startDay, endDay)) {
            return null;
        }
        Placed probe = new Placed(kind, -1, -1, -1, startDay, endDay, magnitude, false);
        IntPredicate free = r -> !conflicts(new Placed(kind, r, cands.campaign(r), cands.adGroup(r), probe.startDay,
                probe.endDay, magnitude, false), tier);
        int root = tier.eligibleOnly ? cands.randomEligible(magnitude, free, sampler) : cands.largest(free);
        if (root < 0) {
            return null;
        }
        return new Placed(kind, root, cands.campaign(root), cands.adGroup(root), startDay, endDay, magnitude,
                !tier.eligibleOnly);
    }

    private Placed logged(Placed p, Tier tier, int i, int n) {
        if (tier == Tier.CROWDED) {
            LOG.warn("{} {} of {} on '{}' shares its campaign with another incident on the same days; the account "
                    + "(keywords={}, incidentDays={}) is too small to keep them apart", p.kind, i + 1, n,
                    rootId(p.kind, p.root), config.keywords(), config.incidentDays());
        } else if (tier == Tier.NESTED) {
            LOG.debug("{} {} of {} on '{}' lies inside or around an earlier incident's root, on other days",
                    p.kind, i + 1, n, rootId(p.kind, p.root));
        }
        return p;
    }

    private int endDay(int startDay, int duration) {
        return Math.min(startDay + duration - 1, config.days() - 1);
    }

    private int firstDay() {
        return config.days() - config.incidentDays();
    }

    /** @return whether placing {@code x} would break a rule that {@code tier} keeps */
    private boolean conflicts(Placed x, Tier tier) {
        for (Placed p : placed) {
            if (p.campaign < 0) {
                continue; // outages are kept apart in time by hitsOutage
            }
            boolean overlaps = p.startDay - MARGIN_DAYS <= x.endDay && x.startDay <= p.endDay + MARGIN_DAYS;
            if (sameRoot(p, x)) {
                return true;
            }
            if (subtreesIntersect(p, x)) {
                if (overlaps || !tier.nestingAllowed) {
                    return true;
                }
            } else if (overlaps && p.campaign == x.campaign && !tier.crowdingAllowed) {
                return true;
            }
        }
        return false;
    }

    /** One entity never roots two incidents: the first would inflate the baseline the second is judged by. */
    private static boolean sameRoot(Placed p, Placed x) {
        return p.kind.rootType() == x.kind.rootType() && p.root == x.root;
    }

    private static boolean subtreesIntersect(Placed p, Placed x) {
        if (p.campaign != x.campaign) {
            return false;
        }
        if (p.adGroup < 0 || x.adGroup < 0) {
            return true; // one of them is the whole campaign
        }
        if (p.adGroup != x.adGroup) {
            return false;
        }
        boolean pKeyword = p.kind.rootType() == EntityType.KEYWORD;
        boolean xKeyword = x.kind.rootType() == EntityType.KEYWORD;
        return !(pKeyword && xKeyword) || p.root == x.root;
    }

    private boolean hitsOutage(int startDay, int endDay) {
        for (int t = startDay; t <= endDay; t++) {
            if (zeroDay[t]) {
                return true;
            }
        }
        return false;
    }

    private static int minDuration(IncidentKind kind) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE, KEYWORD_CTR_COLLAPSE, CAMPAIGN_BUDGET_EXHAUSTION -> 3;
            case AD_GROUP_CONVERSION_DROP -> 4;
            case REPORTING_OUTAGE -> 1;
            case CONVERSION_TRACKING_OUTAGE -> throw new AssertionError("hourly only");
        };
    }

    private static int maxDuration(IncidentKind kind) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE, KEYWORD_CTR_COLLAPSE, AD_GROUP_CONVERSION_DROP -> 7;
            case CAMPAIGN_BUDGET_EXHAUSTION -> 6;
            case REPORTING_OUTAGE -> 1;
            case CONVERSION_TRACKING_OUTAGE -> throw new AssertionError("hourly only");
        };
    }

    private double magnitude(IncidentKind kind) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE -> sampler.uniform(2.2, 3.5);
            case KEYWORD_CTR_COLLAPSE -> sampler.uniform(0.08, 0.20);
            case AD_GROUP_CONVERSION_DROP -> sampler.uniform(0.03, 0.08);
            case CAMPAIGN_BUDGET_EXHAUSTION -> sampler.uniform(0.25, 0.35);
            case REPORTING_OUTAGE -> 0.0;
            case CONVERSION_TRACKING_OUTAGE -> throw new AssertionError("hourly only");
        };
    }

    private String rootId(IncidentKind kind, int root) {
        return switch (kind.rootType()) {
            case KEYWORD -> layout.keywordIds[root];
            case AD_GROUP -> layout.adGroupIds[root];
            case CAMPAIGN -> layout.campaignIds[root];
            default -> layout.profileId;
        };
    }

    /** First and one-past-last keyword index touched by an incident. */
    private int[] keywordRange(Placed p) {
        return switch (p.kind) {
            case KEYWORD_CPC_SPIKE, KEYWORD_CTR_COLLAPSE -> new int[] {p.root, p.root + 1};
            case AD_GROUP_CONVERSION_DROP -> new int[] {layout.adGroupFirstKeyword[p.root],
                    layout.adGroupFirstKeyword[p.root + 1]};
            case CAMPAIGN_BUDGET_EXHAUSTION -> new int[] {
                    layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[p.root]],
                    layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[p.root + 1]]};
            case REPORTING_OUTAGE, CONVERSION_TRACKING_OUTAGE -> new int[] {0, layout.keywords};
        };
    }

    private Plan toPlan() {
        placed.sort(Comparator.comparingInt(Placed::startDay).thenComparing(Placed::kind)
                .thenComparing(p -> rootId(p.kind, p.root)));
        int width = Math.max(2, Integer.toString(placed.size()).length());
        LocalDateTime day0 = config.start().atStartOfDay();
        List<Incident> incidents = new ArrayList<>(placed.size());
        Map<Integer, double[][]> effects = new HashMap<>();
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            int[] range = keywordRange(p);
            String id = "inc-" + "0".repeat(Math.max(0, width - Integer.toString(i + 1).length())) + (i + 1);
            incidents.add(new Incident(id, p.kind, rootId(p.kind, p.root), day0.plusDays(p.startDay),
                    day0.plusDays(p.endDay),
                    SortedIdSet.copyOf(Arrays.asList(Arrays.copyOfRange(layout.keywordIds, range[0], range[1]))),
                    p.magnitude));
            if (p.kind == IncidentKind.REPORTING_OUTAGE) {
                continue; // applied through zeroDay
            }
            for (int k = range[0]; k < range[1]; k++) {
                double[][] e = effects.computeIfAbsent(k, x -> newEffects(config.days()));
                for (int t = p.startDay; t <= p.endDay; t++) {
                    switch (p.kind) {
                        case KEYWORD_CPC_SPIKE -> {
                            e[CPC][t] *= p.magnitude;
                            e[IMPRESSIONS][t] *= CPC_SPIKE_IMPRESSIONS;
                        }
                        case KEYWORD_CTR_COLLAPSE -> e[CTR][t] *= p.magnitude;
                        case AD_GROUP_CONVERSION_DROP -> {
                            e[CVR][t] *= p.magnitude;
                            if (t > p.startDay) {
                                e[IMPRESSIONS][t] *= STOCK_OUT_IMPRESSIONS;
                            }
                        }
                        case CAMPAIGN_BUDGET_EXHAUSTION -> e[IMPRESSIONS][t] *= p.magnitude;
                        default -> throw new AssertionError(p.kind);
                    }
                }
            }
        }
        return new Plan(List.copyOf(incidents), effects, zeroDay);
    }

    private static double[][] newEffects(int days) {
        double[][] e = new double[4][days];
        for (double[] row : e) {
            Arrays.fill(row, 1.0);
        }
        return e;
    }
}
