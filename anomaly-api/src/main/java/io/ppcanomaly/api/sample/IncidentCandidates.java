package io.ppcanomaly.api.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The possible roots of one incident kind, their expected daily size, and which are eligible: big enough that
 * the incident is unmistakable (thresholds in {@link IncidentPlanner}). Picks a root at random among the
 * eligible ones, or the largest one when an account is too small, among those a caller says are free.
 */
final class IncidentCandidates {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentCandidates.class);
    private static final double PSEUDO = IncidentPlanner.BUDGET_PSEUDO_IMPRESSIONS;

    private final IncidentKind kind;
    private final AccountLayout layout;
    private final AccountModel model;
    private final double[] size;
    private final int[] eligible;
    private Integer[] bySize;

    IncidentCandidates(IncidentKind kind, AccountLayout layout, AccountModel model) {
        this.kind = kind;
        this.layout = layout;
        this.model = model;
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
                    ok = size[r] >= IncidentPlanner.CPC_SPIKE_MIN_CLICKS;
                }
                case KEYWORD_CTR_COLLAPSE -> {
                    size[r] = model.impressions[r];
                    ok = size[r] >= IncidentPlanner.CTR_COLLAPSE_MIN_IMPRESSIONS
                            && model.expectedClicks(r) >= IncidentPlanner.CTR_COLLAPSE_MIN_CLICKS;
                }
                case AD_GROUP_CONVERSION_DROP -> {
                    double clicks = 0;
                    for (int k = layout.adGroupFirstKeyword[r]; k < layout.adGroupFirstKeyword[r + 1]; k++) {
                        size[r] += model.expectedOrders(k);
                        clicks += model.expectedClicks(k);
                    }
                    ok = size[r] >= IncidentPlanner.CONVERSION_DROP_MIN_ORDERS && clicks >= IncidentPlanner.CONVERSION_DROP_MIN_CLICKS;
                }
                case CAMPAIGN_BUDGET_EXHAUSTION -> {
                    int from = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[r]];
                    int to = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[r + 1]];
                    for (int k = from; k < to; k++) {
                        size[r] += model.expectedClicks(k);
                    }
                    ok = to - from >= IncidentPlanner.BUDGET_MIN_KEYWORDS && size[r] >= IncidentPlanner.BUDGET_MIN_CLICKS;
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


    /** @return whether an incident of this magnitude on {@code root} is clearly visible */
    boolean visible(int root, double magnitude) {
        return kind != IncidentKind.CAMPAIGN_BUDGET_EXHAUSTION
                || meanLogDrop(root, magnitude) <= IncidentPlanner.BUDGET_MAX_MEAN_LOG_DROP;
    }

    /** @return the mean over campaign {@code c}'s keywords of ln((m·I + 20) / (I + 20)), I expected impressions */
    private double meanLogDrop(int c, double m) {
        int from = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[c]];
        int to = layout.adGroupFirstKeyword[layout.campaignFirstAdGroup[c + 1]];
        double sum = 0;
        for (int k = from; k < to; k++) {
            double imp = model.impressions[k];
            sum += DetMath.log((m * imp + PSEUDO) / (imp + PSEUDO));
        }
        return sum / (to - from);
    }


    /** @return a uniformly chosen eligible root that fits beside the placed incidents, or -1 */
    int randomEligible(double magnitude, IntPredicate free, Sampler s) {
        int count = 0;
        for (int r : eligible) {
            if (visible(r, magnitude) && free.test(r)) {
                count++;
            }
        }
        if (count == 0) {
            return -1;
        }
        int pick = s.intBetween(0, count - 1);
        for (int r : eligible) {
            if (visible(r, magnitude) && free.test(r) && pick-- == 0) {
                return r;
            }
        }
        throw new AssertionError();
    }

    /** @return the largest root that fits beside the placed incidents, or -1 */
    int largest(IntPredicate free) {
        if (bySize == null) {
            bySize = new Integer[size.length];
            for (int r = 0; r < size.length; r++) {
                bySize[r] = r;
            }
            Arrays.sort(bySize, (x, y) -> size[x] != size[y] ? Double.compare(size[y], size[x])
                    : Integer.compare(x, y));
        }
        for (int r : bySize) {
            if (free.test(r)) {
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
        return String.format(Locale.ROOT, "%.1f expected %s a day", size[root], unit);
    }
}
