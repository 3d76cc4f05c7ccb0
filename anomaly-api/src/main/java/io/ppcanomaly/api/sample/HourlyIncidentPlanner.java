package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the incidents of an hourly account and turns them into per-keyword, per-hour multipliers of the latent
 * rates that {@link HourlySimulator} samples from. Each kind is an incident that only shows within a day:
 * <ul>
 *   <li>{@link IncidentKind#CAMPAIGN_BUDGET_EXHAUSTION}: a campaign's budget runs dry at 12:00–17:00 (the hour
 *       moving by up to an hour a day) on 3–4 days running; from then to midnight its keywords get 2–6% of their
 *       impressions. One incident with one span per day; the mornings, with a fresh budget, are normal;</li>
 *   <li>{@link IncidentKind#KEYWORD_CPC_SPIKE}: a competitor's dayparting bids a keyword up from 16:00–18:00 for
 *       4–6 hours: CPC × 2.2–3.5, impressions × 0.9;</li>
 *   <li>{@link IncidentKind#KEYWORD_CTR_COLLAPSE}: a listing is suppressed from 13:00–16:00 for 10–30 hours
 *       (into the next day): CTR × 0.05–0.15;</li>
 *   <li>{@link IncidentKind#AD_GROUP_CONVERSION_DROP}: an ad group's product goes out of stock at 08:00–16:00 for
 *       12–36 hours: conversion rate × 0.03–0.08 at once, and from its third hour, when Amazon marks the ads
 *       ineligible, impressions × 0.1;</li>
 *   <li>{@link IncidentKind#CONVERSION_TRACKING_OUTAGE}: the attribution feed stops at 10:00–15:00 for 3–8 hours:
 *       every keyword keeps its traffic and reports no orders and no sales;</li>
 *   <li>{@link IncidentKind#REPORTING_OUTAGE}: the report of 1–3 hours between 09:00 and 20:00 is missing: every
 *       keyword reports zeros.</li>
 * </ul>
 * Profile-wide incidents are placed first, clear of each other by {@value #PROFILE_MARGIN_HOURS} hours; every
 * other incident keeps that clear of them, never roots where another does, and never shares a campaign with
 * another (or, in an account with too few campaigns, not within {@value #CAMPAIGN_MARGIN_HOURS} hours of it, and
 * in one smaller still, not on the same keywords at the same hours), so a keyword never has two incidents at
 * once. Roots are chosen at random among those large enough that the
 * incident shows within an hour (the {@code *_MIN_*} constants, per day); an account too small for that gets the
 * largest free roots, with a warning.
 */
final class HourlyIncidentPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(HourlyIncidentPlanner.class);

    /** A CPC spike needs a keyword with at least this many expected clicks a day (about 12 an evening hour). */
    static final double CPC_SPIKE_MIN_CLICKS = 200;
    /** A CTR collapse needs a keyword with at least this many expected impressions a day … */
    static final double CTR_COLLAPSE_MIN_IMPRESSIONS = 10_000;
    /** … and at least this many expected clicks a day (about 12 an afternoon hour). */
    static final double CTR_COLLAPSE_MIN_CLICKS = 200;
    /** A stock-out needs an ad group with at least this many expected orders a day … */
    static final double CONVERSION_DROP_MIN_ORDERS = 30;
    /** … and at least this many expected clicks a day. */
    static final double CONVERSION_DROP_MIN_CLICKS = 300;
    /** A budget exhaustion needs a campaign with at least this many keywords … */
    static final int BUDGET_MIN_KEYWORDS = 5;
    /** … at least this many expected clicks a day … */
    static final double BUDGET_MIN_CLICKS = 300;
    /**
     * … and keywords big enough that most of them visibly lose their afternoon: over its keywords, the mean of
     * ln((m·I + 20)/(I + 20)), I a keyword's expected impressions in an afternoon hour, at most this.
     */
    static final double BUDGET_MAX_MEAN_LOG_DROP = -0.6;
    /** Share of auctions a keyword still wins while a competitor bids it up. */
    static final double CPC_SPIKE_IMPRESSIONS = 0.9;
    /**
     * Impression factor of a stocked-out ad group from its third hour: Amazon stops serving ads of an
     * out-of-stock product once the listing shows it (a few were still won).
     */
    static final double STOCK_OUT_IMPRESSIONS = 0.1;
    static final int STOCK_OUT_THROTTLE_HOURS = 2;
    /** Clear hours between two incidents in one campaign, when an account is too small to keep them apart. */
    static final int CAMPAIGN_MARGIN_HOURS = 24;
    /** Clear hours between a profile-wide incident and any other. */
    static final int PROFILE_MARGIN_HOURS = 2;
    private static final int ATTEMPTS = 256;
    private static final IncidentKind[] ORDER = {IncidentKind.AD_GROUP_CONVERSION_DROP,
            IncidentKind.KEYWORD_CPC_SPIKE, IncidentKind.KEYWORD_CTR_COLLAPSE, IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION};

    /**
     * The chosen incidents and their effect on the latent rates.
     *
     * @param incidents    sorted by start, then kind, then root
     * @param effects      keyword index → [IMPRESSIONS|CTR|CPC|CVR][hour] multipliers (1 where unaffected)
     * @param zeroHour     hours on which every keyword reports zeros (reporting outages)
     * @param noOrdersHour hours on which every keyword reports no orders and no sales (tracking outages)
     */
    record Plan(List<Incident> incidents, Map<Integer, double[][]> effects, boolean[] zeroHour,
                boolean[] noOrdersHour) {
    }

    /** @param spans inclusive hour ranges, in order */
    private record Placed(IncidentKind kind, int root, int campaign, List<int[]> spans, double magnitude) {
    }

    private final SampleConfig config;
    private final AccountLayout layout;
    private final AccountModel model;
    private final Sampler sampler;
    private final int hours;
    private final int firstHour;
    private final boolean[] profileBusy;
    /** Campaign → the [first, last] hours of the incidents placed in it. */
    private final Map<Integer, List<int[]>> campaignBusy = new HashMap<>();
    private final Set<Long> usedRoots = new HashSet<>();
    private final List<Placed> nonProfile = new ArrayList<>();
    private final List<Placed> placed = new ArrayList<>();

    private HourlyIncidentPlanner(SampleConfig config, AccountLayout layout, AccountModel model) {
        this.config = config;
        this.layout = layout;
        this.model = model;
        this.sampler = Sampler.stream(config.seed(), Domains.HOURLY_INCIDENTS, 0);
        this.hours = config.periods();
        this.firstHour = (config.days() - config.incidentDays()) * 24;
        this.profileBusy = new boolean[hours];
    }

    /** @throws IllegalArgumentException when the configured incidents do not fit the account */
    static Plan plan(SampleConfig config, AccountLayout layout, AccountModel model) {
        return new HourlyIncidentPlanner(config, layout, model).run();
    }

    private Plan run() {
        for (int i = 0; i < config.reportingOutages(); i++) {
            placeProfileWide(IncidentKind.REPORTING_OUTAGE, 9, 18, 1, 3);
        }
        for (int i = 0; i < config.trackingOutages(); i++) {
            placeProfileWide(IncidentKind.CONVERSION_TRACKING_OUTAGE, 10, 15, 3, 8);
        }
        for (IncidentKind kind : ORDER) {
            for (int i = 0; i < config.incidents(kind); i++) {
                placed.add(place(kind, i));
            }
        }
        return toPlan();
    }

    private void placeProfileWide(IncidentKind kind, int fromHour, int toHour, int minLen, int maxLen) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int day = config.days() - config.incidentDays() + sampler.intBetween(0, config.incidentDays() - 1);
            int start = day * 24 + sampler.intBetween(fromHour, toHour);
            int end = Math.min(start + sampler.intBetween(minLen, maxLen) - 1, hours - 1);
            List<int[]> spans = List.of(new int[] {start, end});
            if (!clearOfProfileWide(spans)) {
                continue;
            }
            for (int t = Math.max(0, start - PROFILE_MARGIN_HOURS); t <= Math.min(hours - 1, end + PROFILE_MARGIN_HOURS);
                 t++) {
                profileBusy[t] = true;
            }
            placed.add(new Placed(kind, 0, -1, spans, 0.0));
            return;
        }
        throw new IllegalArgumentException("incident counts must fit the account, got no room for another " + kind
                + " in the last " + config.incidentDays() + " days; lower reportingOutages and trackingOutages or "
                + "raise incidentDays");
    }

    /**
     * Places one incident: at random days among the eligible roots whose campaign holds no other incident; then
     * among those whose campaign holds none within a day of it; then, for an account too small for either, on
     * the largest root that fits (with a warning).
     */
    private Placed place(IncidentKind kind, int i) {
        int[] order = candidates(kind);
        for (int tier = 0; tier < 2; tier++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                List<int[]> spans = timing(kind);
                if (spans == null || !clearOfProfileWide(spans)) {
                    continue;
                }
                double m = magnitude(kind);
                List<Integer> eligible = new ArrayList<>();
                for (int r : order) {
                    if (free(kind, r, spans, tier) && eligible(kind, r, m)) {
                        eligible.add(r);
                    }
                }
                if (!eligible.isEmpty()) {
                    return placed(kind, eligible.get(sampler.intBetween(0, eligible.size() - 1)), spans, m);
                }
            }
        }
        for (int attempt = 0; attempt < ATTEMPTS * 4; attempt++) {
            List<int[]> spans = timing(kind);
            if (spans == null || !clearOfProfileWide(spans)) {
                continue;
            }
            for (int r : order) {
                if (free(kind, r, spans, attempt < ATTEMPTS ? 1 : 2)) {
                    LOG.warn("{} {} of {} placed on '{}', below the size at which it shows within an hour; the "
                            + "account (keywords={}) is too small for clearly visible hourly incidents of this kind",
                            kind, i + 1, config.incidents(kind), rootId(kind, r), config.keywords());
                    return placed(kind, r, spans, magnitude(kind));
                }
            }
        }
        throw new IllegalArgumentException("incident counts must fit the account, got no room for " + kind + " "
                + (i + 1) + " of " + config.incidents(kind) + " (keywords=" + config.keywords() + ", campaigns="
                + layout.campaigns + ", incidentDays=" + config.incidentDays() + "); lower the incident counts or "
                + "raise keywords or incidentDays");
    }

    private Placed placed(IncidentKind kind, int root, List<int[]> spans, double m) {
        int campaign = campaignOf(kind, root);
        campaignBusy.computeIfAbsent(campaign, x -> new ArrayList<>())
                .add(new int[] {spans.get(0)[0], spans.get(spans.size() - 1)[1]});
        usedRoots.add(rootKey(kind, root));
        Placed p = new Placed(kind, root, campaign, spans, m);
        nonProfile.add(p);
        return p;
    }

    private static long rootKey(IncidentKind kind, int root) {
        return ((long) kind.rootType().ordinal() << 32) | root;
    }

    /** @return the spans of one draw of this kind's timing, or null when it falls outside the account */
    private List<int[]> timing(IncidentKind kind) {
        int firstDay = config.days() - config.incidentDays();
        switch (kind) {
            case CAMPAIGN_BUDGET_EXHAUSTION -> {
                int n = sampler.intBetween(3, 4);
                if (n > config.incidentDays()) {
                    n = config.incidentDays();
                }
                int day = firstDay + sampler.intBetween(0, config.incidentDays() - n);
                int base = sampler.intBetween(13, 16);
                List<int[]> spans = new ArrayList<>();
                for (int d = 0; d < n; d++) {
                    int cut = day * 24 + 24 * d + base + sampler.intBetween(-1, 1);
                    spans.add(new int[] {cut, (day + d) * 24 + 23});
                }
                return spans;
            }
            case KEYWORD_CPC_SPIKE -> {
                return span(firstDay, 16, 18, 4, 6);
            }
            case KEYWORD_CTR_COLLAPSE -> {
                return span(firstDay, 13, 16, 10, 30);
            }
            case AD_GROUP_CONVERSION_DROP -> {
                return span(firstDay, 8, 16, 12, 36);
            }
            default -> throw new AssertionError(kind);
        }
    }

    private List<int[]> span(int firstDay, int fromHour, int toHour, int minLen, int maxLen) {
        int day = firstDay + sampler.intBetween(0, config.incidentDays() - 1);
        int start = day * 24 + sampler.intBetween(fromHour, toHour);
        int end = Math.min(start + sampler.intBetween(minLen, maxLen) - 1, hours - 1);
        return start < hours ? List.of(new int[] {start, end}) : null;
    }

    private double magnitude(IncidentKind kind) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE -> sampler.uniform(2.2, 3.5);
            case KEYWORD_CTR_COLLAPSE -> sampler.uniform(0.05, 0.15);
            case AD_GROUP_CONVERSION_DROP -> sampler.uniform(0.03, 0.08);
            case CAMPAIGN_BUDGET_EXHAUSTION -> sampler.uniform(0.02, 0.06);
            default -> throw new AssertionError(kind);
        };
    }

    private boolean clearOfProfileWide(List<int[]> spans) {
        for (int[] s : spans) {
            if (s[0] < firstHour || s[1] >= hours) {
                return false;
            }
            for (int t = s[0]; t <= s[1]; t++) {
                if (profileBusy[t]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the roots of a kind, largest first (ties by index) */
    private int[] candidates(IncidentKind kind) {
        int n = switch (kind) {
            case KEYWORD_CPC_SPIKE, KEYWORD_CTR_COLLAPSE -> layout.keywords;
            case AD_GROUP_CONVERSION_DROP -> layout.adGroups;
            default -> layout.campaigns;
        };
        Integer[] idx = new Integer[n];
        double[] size = new double[n];
        for (int r = 0; r < n; r++) {
            idx[r] = r;
            size[r] = size(kind, r);
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer r) -> -size[r]).thenComparingInt(r -> r));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private double size(IncidentKind kind, int r) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE -> model.expectedClicks(r);
            case KEYWORD_CTR_COLLAPSE -> model.impressions[r];
            case AD_GROUP_CONVERSION_DROP -> sum(layout.adGroupFirstKeyword[r], layout.adGroupFirstKeyword[r + 1], true);
            default -> sum(firstKeyword(r), firstKeyword(r + 1), false);
        };
    }

    private double sum(int from, int to, boolean orders) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += orders ? model.expectedOrders(k) : model.expectedClicks(k);
        }
        return s;
    }

    private int firstKeyword(int campaign) {
        return layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[campaign]];
    }

    private boolean eligible(IncidentKind kind, int r, double m) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE -> model.expectedClicks(r) >= CPC_SPIKE_MIN_CLICKS;
            case KEYWORD_CTR_COLLAPSE -> model.impressions[r] >= CTR_COLLAPSE_MIN_IMPRESSIONS
                    && model.expectedClicks(r) >= CTR_COLLAPSE_MIN_CLICKS;
            case AD_GROUP_CONVERSION_DROP -> {
                int from = layout.adGroupFirstKeyword[r];
                int to = layout.adGroupFirstKeyword[r + 1];
                yield sum(from, to, true) >= CONVERSION_DROP_MIN_ORDERS && sum(from, to, false) >= CONVERSION_DROP_MIN_CLICKS;
            }
            default -> {
                int from = firstKeyword(r);
                int to = firstKeyword(r + 1);
                if (to - from < BUDGET_MIN_KEYWORDS || sum(from, to, false) < BUDGET_MIN_CLICKS) {
                    yield false;
                }
                double drop = 0;
                for (int k = from; k < to; k++) {
                    double afternoon = model.impressions[k] / 24 * 1.2;
                    drop += DetMath.log((m * afternoon + 20) / (afternoon + 20));
                }
                yield drop / (to - from) <= BUDGET_MAX_MEAN_LOG_DROP;
            }
        };
    }

    /**
     * Whether a root is free for these spans: it roots no other incident, and at tier 0 its campaign holds no
     * other incident; at tier 1 none within {@value #CAMPAIGN_MARGIN_HOURS} hours of these spans; at tier 2 (an
     * account with too few campaigns) no keyword of it has another incident in the same hours.
     */
    private boolean free(IncidentKind kind, int r, List<int[]> spans, int tier) {
        if (usedRoots.contains(rootKey(kind, r))) {
            return false;
        }
        List<int[]> busy = campaignBusy.get(campaignOf(kind, r));
        if (busy == null) {
            return true;
        }
        if (tier == 0) {
            return false;
        }
        if (tier == 1) {
            int first = spans.get(0)[0] - CAMPAIGN_MARGIN_HOURS;
            int last = spans.get(spans.size() - 1)[1] + CAMPAIGN_MARGIN_HOURS;
            for (int[] b : busy) {
                if (b[0] <= last && first <= b[1]) {
                    return false;
                }
            }
            return true;
        }
        int[] mine = keywordRange(kind, r);
        for (Placed p : nonProfile) {
            int[] theirs = keywordRange(p.kind, p.root);
            if (mine[0] < theirs[1] && theirs[0] < mine[1] && overlap(spans, p.spans)) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlap(List<int[]> a, List<int[]> b) {
        for (int[] x : a) {
            for (int[] y : b) {
                if (x[0] <= y[1] && y[0] <= x[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private int campaignOf(IncidentKind kind, int r) {
        return switch (kind.rootType()) {
            case KEYWORD -> layout.campaignOfKeyword(r);
            case AD_GROUP -> layout.adGroupCampaign[r];
            default -> r;
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

    private int[] keywordRange(Placed p) {
        return keywordRange(p.kind, p.root);
    }

    private int[] keywordRange(IncidentKind kind, int root) {
        return switch (kind) {
            case KEYWORD_CPC_SPIKE, KEYWORD_CTR_COLLAPSE -> new int[] {root, root + 1};
            case AD_GROUP_CONVERSION_DROP -> new int[] {layout.adGroupFirstKeyword[root],
                    layout.adGroupFirstKeyword[root + 1]};
            case CAMPAIGN_BUDGET_EXHAUSTION -> new int[] {firstKeyword(root), firstKeyword(root + 1)};
            case REPORTING_OUTAGE, CONVERSION_TRACKING_OUTAGE -> new int[] {0, layout.keywords};
        };
    }

    private Plan toPlan() {
        placed.sort(Comparator.comparingInt((Placed p) -> p.spans.get(0)[0]).thenComparing(Placed::kind)
                .thenComparing(p -> rootId(p.kind, p.root)));
        int width = Math.max(2, Integer.toString(placed.size()).length());
        LocalDateTime t0 = config.start().atStartOfDay();
        List<Incident> incidents = new ArrayList<>(placed.size());
        Map<Integer, double[][]> effects = new HashMap<>();
        boolean[] zeroHour = new boolean[hours];
        boolean[] noOrders = new boolean[hours];
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            int[] range = keywordRange(p);
            List<Incident.Span> spans = new ArrayList<>();
            for (int[] s : p.spans) {
                spans.add(new Incident.Span(t0.plusHours(s[0]), t0.plusHours(s[1])));
            }
            String id = "inc-" + "0".repeat(Math.max(0, width - Integer.toString(i + 1).length())) + (i + 1);
            incidents.add(new Incident(id, p.kind, rootId(p.kind, p.root), spans.get(0).start(),
                    spans.get(spans.size() - 1).end(),
                    SortedIdSet.copyOf(Arrays.asList(Arrays.copyOfRange(layout.keywordIds, range[0], range[1]))),
                    p.magnitude, Granularity.HOUR, spans));
            for (int[] s : p.spans) {
                for (int t = s[0]; t <= s[1]; t++) {
                    switch (p.kind) {
                        case REPORTING_OUTAGE -> zeroHour[t] = true;
                        case CONVERSION_TRACKING_OUTAGE -> noOrders[t] = true;
                        default -> {
                            for (int k = range[0]; k < range[1]; k++) {
                                apply(effects.computeIfAbsent(k, x -> newEffects(hours)), p, s, t);
                            }
                        }
                    }
                }
            }
        }
        return new Plan(List.copyOf(incidents), effects, zeroHour, noOrders);
    }

    private static void apply(double[][] e, Placed p, int[] span, int t) {
        switch (p.kind) {
            case KEYWORD_CPC_SPIKE -> {
                e[IncidentPlanner.CPC][t] *= p.magnitude;
                e[IncidentPlanner.IMPRESSIONS][t] *= CPC_SPIKE_IMPRESSIONS;
            }
            case KEYWORD_CTR_COLLAPSE -> e[IncidentPlanner.CTR][t] *= p.magnitude;
            case AD_GROUP_CONVERSION_DROP -> {
                e[IncidentPlanner.CVR][t] *= p.magnitude;
                if (t >= span[0] + STOCK_OUT_THROTTLE_HOURS) {
                    e[IncidentPlanner.IMPRESSIONS][t] *= STOCK_OUT_IMPRESSIONS;
                }
            }
            case CAMPAIGN_BUDGET_EXHAUSTION -> e[IncidentPlanner.IMPRESSIONS][t] *= p.magnitude;
            default -> throw new AssertionError(p.kind);
        }
    }

    private static double[][] newEffects(int hours) {
        double[][] e = new double[4][hours];
        for (double[] row : e) {
            Arrays.fill(row, 1.0);
        }
        return e;
    }
}
