package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.EntityType;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Only when an account is too small for that are the rules relaxed, in this order: rule 1 only for incidents
 * on other days; then the largest non-eligible root (logged as a warning, since such an incident may drown in
 * noise). If nothing fits, generation fails with a message saying what to change.
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
    private static final double BUDGET_PSEUDO_IMPRESSIONS = 20;
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
            Candidates cands = new Candidates(kind);
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

    private Placed place(IncidentKind kind, Candidates cands, int i, int n) {
        for (int tier = 0; tier < 4; tier++) {
            boolean eligibleOnly = tier < 2;
            boolean relaxed = tier % 2 == 1;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int duration = duration(kind);
                int startDay = config.days() - config.incidentDays()
                        + sampler.intBetween(0, Math.max(0, config.incidentDays() - duration));
                int endDay = Math.min(startDay + duration - 1, config.days() - 1);
                if (hitsOutage(startDay, endDay)) {
                    continue;
                }
                Placed probe = new Placed(kind, -1, -1, -1, startDay, endDay, magnitude(kind), false);
                int root = eligibleOnly ? cands.randomEligible(probe, relaxed, sampler) : cands.largest(probe, relaxed);
                if (root < 0) {
                    continue;
                }
                Placed p = new Placed(kind, root, cands.campaign(root), cands.adGroup(root), startDay, endDay,
                        probe.magnitude, !eligibleOnly);
                if (eligibleOnly && relaxed) {
                    LOG.debug("{} {} of {} on '{}' lies inside or around an earlier incident's root, on other days",
                            kind, i + 1, n, rootId(kind, root));
                }
                return p;
            }
        }
        throw new IllegalArgumentException("incident counts must fit the account, got no room for " + kind
                + " " + (i + 1) + " of " + n + " (keywords=" + config.keywords() + ", campaigns=" + layout.campaigns
                + ", incidentDays=" + config.incidentDays() + "); lower the incident counts or raise keywords or "
                + "incidentDays");
    }

    /** @return whether placing {@code x} would break rule 2, or rule 1 unless {@code relaxed} */
    private boolean conflicts(Placed x, boolean relaxed) {
        for (Placed p : placed) {
            if (p.campaign < 0) {
                continue; // outages are kept apart in time by hitsOutage
            }
            boolean overlaps = p.startDay - MARGIN_DAYS <= x.endDay && x.startDay <= p.endDay + MARGIN_DAYS;
            if (overlaps && p.campaign == x.campaign) {
                return true;
            }
            if (subtreesIntersect(p, x) && (!relaxed || sameRoot(p, x))) {
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

    private int duration(IncidentKind kind) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE, KEYWORD_CTR_COLLAPSE -> sampler.intBetween(3, 7);
            case AD_GROUP_CONVERSION_DROP -> sampler.intBetween(4, 7);
            case CAMPAIGN_BUDGET_EXHAUSTION -> sampler.intBetween(3, 6);
            case REPORTING_OUTAGE -> 1;
        };
    }

    private double magnitude(IncidentKind kind) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE -> sampler.uniform(2.2, 3.5);
            case KEYWORD_CTR_COLLAPSE -> sampler.uniform(0.08, 0.20);
            case AD_GROUP_CONVERSION_DROP -> sampler.uniform(0.03, 0.08);
            case CAMPAIGN_BUDGET_EXHAUSTION -> sampler.uniform(0.25, 0.35);
            case REPORTING_OUTAGE -> 0.0;
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
            case REPORTING_OUTAGE -> new int[] {0, layout.keywords};
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

    /** @return the mean over campaign {@code c}'s keywords of ln((m·I + 20) / (I + 20)), I expected impressions */
    private double meanLogDrop(int c, double m) {
        int from = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[c]];
        int to = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[c + 1]];
        double sum = 0;
        for (int k = from; k < to; k++) {
            double imp = model.impressions[k];
            sum += DetMath.log((m * imp + BUDGET_PSEUDO_IMPRESSIONS) / (imp + BUDGET_PSEUDO_IMPRESSIONS));
        }
        return sum / (to - from);
    }

    private static double[][] newEffects(int days) {
        double[][] e = new double[4][days];
        for (double[] row : e) {
            Arrays.fill(row, 1.0);
        }
        return e;
    }

    /** The possible roots of one kind, their expected daily size, and which are eligible. */
    private final class Candidates {
        private final IncidentKind kind;
        private final double[] size;
        private final int[] eligible;
        private Integer[] bySize;

        Candidates(IncidentKind kind) {
            this.kind = kind;
            int n = switch (kind.rootType()) {
                case KEYWORD -> layout.keywords;
                case AD_GROUP -> layout.adGroups;
                case CAMPAIGN -> layout.campaigns;
                default -> throw new AssertionError(kind);
            };
            size = new double[n];
            int[] el = new int[n];
            int m = 0;
            for (int r = 0; r < n; r++) {
                boolean ok;
                switch (kind) {
                    case KEYWORD_CPC_SPIKE -> {
                        size[r] = model.expectedClicks(r);
                        ok = size[r] >= CPC_SPIKE_MIN_CLICKS;
                    }
                    case KEYWORD_CTR_COLLAPSE -> {
                        size[r] = model.impressions[r];
                        ok = size[r] >= CTR_COLLAPSE_MIN_IMPRESSIONS
                                && model.expectedClicks(r) >= CTR_COLLAPSE_MIN_CLICKS;
                    }
                    case AD_GROUP_CONVERSION_DROP -> {
                        double clicks = 0;
                        for (int k = layout.adGroupFirstKeyword[r]; k < layout.adGroupFirstKeyword[r + 1]; k++) {
                            size[r] += model.expectedOrders(k);
                            clicks += model.expectedClicks(k);
                        }
                        ok = size[r] >= CONVERSION_DROP_MIN_ORDERS && clicks >= CONVERSION_DROP_MIN_CLICKS;
                    }
                    case CAMPAIGN_BUDGET_EXHAUSTION -> {
                        int from = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[r]];
                        int to = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[r + 1]];
                        for (int k = from; k < to; k++) {
                            size[r] += model.expectedClicks(k);
                        }
                        ok = to - from >= BUDGET_MIN_KEYWORDS && size[r] >= BUDGET_MIN_CLICKS;
                    }
                    default -> throw new AssertionError(kind);
                }
                if (ok) {
                    el[m++] = r;
                }
            }
            eligible = Arrays.copyOf(el, m);
            LOG.debug("{}: {} of {} {}s eligible{}", kind, m, n, kind.rootType().wireName(),
                    kind == IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION ? " before the visibility check" : "");
        }

        int campaign(int root) {
            return switch (kind.rootType()) {
                case KEYWORD -> layout.campaignOfKeyword(root);
                case AD_GROUP -> layout.adGroupCampaign[root];
                default -> root;
            };
        }

        int adGroup(int root) {
            return switch (kind.rootType()) {
                case KEYWORD -> layout.keywordAdGroup[root];
                case AD_GROUP -> root;
                default -> -1;
            };
        }

        private boolean free(int root, Placed probe, boolean relaxed) {
            return !conflicts(new Placed(kind, root, campaign(root), adGroup(root), probe.startDay, probe.endDay, 0, false),
                    relaxed);
        }

        /** @return whether an incident of the probe's magnitude on {@code root} is clearly visible */
        private boolean visible(int root, Placed probe) {
            return kind != IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION
                    || meanLogDrop(root, probe.magnitude) <= BUDGET_MAX_MEAN_LOG_DROP;
        }

        /** @return a uniformly chosen eligible root that fits beside the placed incidents, or -1 */
        int randomEligible(Placed probe, boolean relaxed, Sampler s) {
            int free = 0;
            for (int r : eligible) {
                if (visible(r, probe) && free(r, probe, relaxed)) {
                    free++;
                }
            }
            if (free == 0) {
                return -1;
            }
            int pick = s.intBetween(0, free - 1);
            for (int r : eligible) {
                if (visible(r, probe) && free(r, probe, relaxed) && pick-- == 0) {
                    return r;
                }
            }
            throw new AssertionError();
        }

        /** @return the largest root that fits beside the placed incidents, or -1 */
        int largest(Placed probe, boolean relaxed) {
            if (bySize == null) {
                bySize = new Integer[size.length];
                for (int r = 0; r < size.length; r++) {
                    bySize[r] = r;
                }
                Arrays.sort(bySize, (x, y) -> size[x] != size[y] ? Double.compare(size[y], size[x])
                        : Integer.compare(x, y));
            }
            for (int r : bySize) {
                if (free(r, probe, relaxed)) {
                    return r;
                }
            }
            return -1;
        }

        String describe(int root) {
            String unit = switch (kind) {
                case KEYWORD_CTR_COLLAPSE -> "impressions";
                case AD_GROUP_CONVERSION_DROP -> "orders";
                default -> "clicks";
            };
            return String.format(java.util.Locale.ROOT, "%.1f expected %s a day", size[root], unit);
        }
    }
}
