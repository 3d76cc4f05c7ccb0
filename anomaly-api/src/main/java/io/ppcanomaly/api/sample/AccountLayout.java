package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The shape of a generated account: how many campaigns, ad groups and keywords there are, who is whose parent
 * (as index ranges, so a million keywords cost a few int arrays), their ids and names, and the validated
 * {@link EntityGraph}. Entities are numbered depth-first, so the keywords of an ad group, the ad groups of a
 * campaign and the campaigns of a portfolio are contiguous.
 *
 * <p>Sizes scale with the number of keywords: about 11 keywords per ad group at 1,000 keywords, rising slowly
 * to about 25 at 1,000,000; 3–6 ad groups per campaign (weights uniform in [3, 6]); campaigns spread over the
 * portfolios with weights in [0.75, 1.25]. Every portfolio, campaign and ad group gets at least one keyword.
 */
final class AccountLayout {

    /** Mean keywords per ad group at 1,000 keywords or fewer. */
    static final double BASE_KEYWORDS_PER_AD_GROUP = 11.0;
    /** Growth exponent of keywords per ad group with account size: 11 at 1e3, ~25 at 1e6. */
    static final double KEYWORDS_PER_AD_GROUP_GROWTH = 0.12;
    /** Mean ad groups per campaign. */
    static final double AD_GROUPS_PER_CAMPAIGN = 4.5;
    /** Above this many keywords, names are drawn in parallel (results do not depend on it). */
    static final int PARALLEL_THRESHOLD = 20_000;

    final int portfolios;
    final int campaigns;
    final int adGroups;
    final int keywords;
    /** Campaigns of portfolio p are [portfolioFirstCampaign[p], portfolioFirstCampaign[p + 1]). */
    final int[] portfolioFirstCampaign;
    /** Ad groups of campaign c are [campaignFirstAdGroup[c], campaignFirstAdGroup[c + 1]). */
    final int[] campaignFirstAdGroup;
    /** Keywords of ad group a are [adGroupFirstKeyword[a], adGroupFirstKeyword[a + 1]). */
    final int[] adGroupFirstKeyword;
    final int[] campaignPortfolio;
    final int[] adGroupCampaign;
    final int[] keywordAdGroup;
    final Vocabulary.MatchType[] campaignMatch;
    final String profileId;
    final String[] portfolioIds;
    final String[] campaignIds;
    final String[] adGroupIds;
    final String[] keywordIds;
    final EntityGraph graph;

    private AccountLayout(SampleConfig config) {
        long seed = config.seed();
        keywords = config.keywords();
        portfolios = config.portfolios();
        Sampler s = Sampler.stream(seed, Domains.STRUCTURE, 0);

        double perAdGroup = BASE_KEYWORDS_PER_AD_GROUP
                * Math.max(1.0, StrictMath.pow(keywords / 1000.0, KEYWORDS_PER_AD_GROUP_GROWTH));
        int a = clamp((int) Math.round(keywords / perAdGroup), 1, keywords);
        int c = clamp((int) Math.round(a / AD_GROUPS_PER_CAMPAIGN), 1, a);
        c = Math.max(c, portfolios);
        a = Math.max(a, c);
        campaigns = c;
        adGroups = a;

        portfolioFirstCampaign = allocate(campaigns, weights(s, portfolios, 0.75, 1.25));
        campaignFirstAdGroup = allocate(adGroups, weights(s, campaigns, 3.0, 6.0));
        double[] kwWeights = new double[adGroups];
        for (int i = 0; i < adGroups; i++) {
            kwWeights[i] = s.lognormal(0, 0.45);
        }
        adGroupFirstKeyword = allocate(keywords, kwWeights);
        campaignPortfolio = owners(portfolioFirstCampaign, campaigns);
        adGroupCampaign = owners(campaignFirstAdGroup, adGroups);
        keywordAdGroup = owners(adGroupFirstKeyword, keywords);

        campaignMatch = new Vocabulary.MatchType[campaigns];
        Vocabulary.MatchType[] types = Vocabulary.MatchType.values();
        for (int i = 0; i < campaigns; i++) {
            campaignMatch[i] = types[(i - portfolioFirstCampaign[campaignPortfolio[i]]) % types.length];
        }

        profileId = "pr-01";
        portfolioIds = new String[portfolios];
        campaignIds = new String[campaigns];
        adGroupIds = new String[adGroups];
        keywordIds = new String[keywords];
        int pw = Math.max(2, digits(portfolios));
        int cw = Math.max(2, digits(maxRun(portfolioFirstCampaign)));
        int aw = Math.max(2, digits(maxRun(campaignFirstAdGroup)));
        for (int p = 0; p < portfolios; p++) {
            portfolioIds[p] = "pf-" + pad(p + 1, pw);
        }
        for (int i = 0; i < campaigns; i++) {
            int p = campaignPortfolio[i];
            campaignIds[i] = "cp-" + pad(p + 1, pw) + "-" + pad(i - portfolioFirstCampaign[p] + 1, cw);
        }
        for (int i = 0; i < adGroups; i++) {
            int cp = adGroupCampaign[i];
            adGroupIds[i] = "ag-" + campaignIds[cp].substring(3) + "-" + pad(i - campaignFirstAdGroup[cp] + 1, aw);
        }
        for (int i = 0; i < keywords; i++) {
            keywordIds[i] = keywordId(i, keywords);
        }
        graph = EntityGraph.of(entities(seed));
    }

    /** Builds the layout of {@code config}; deterministic in its seed. */
    static AccountLayout create(SampleConfig config) {
        return new AccountLayout(config);
    }

    /** @return the id of keyword {@code index} (0-based): {@code kw-000123}, wider when there are 1e6 or more */
    static String keywordId(int index, int keywords) {
        return "kw-" + pad(index + 1, Math.max(6, digits(keywords)));
    }

    int portfolioOfKeyword(int k) {
        return campaignPortfolio[adGroupCampaign[keywordAdGroup[k]]];
    }

    int campaignOfKeyword(int k) {
        return adGroupCampaign[keywordAdGroup[k]];
    }

    /** @return the number of keywords in campaign {@code c} */
    int keywordsInCampaign(int c) {
        return adGroupFirstKeyword[campaignFirstAdGroup[c + 1]] - adGroupFirstKeyword[campaignFirstAdGroup[c]];
    }

    private List<Entity> entities(long seed) {
        String[] keywordNames = new String[keywords];
        IntStream range = IntStream.range(0, keywords);
        (keywords >= PARALLEL_THRESHOLD ? range.parallel() : range).forEach(k -> {
            Sampler s = Sampler.stream(seed, Domains.KEYWORD_NAME, k);
            keywordNames[k] = Vocabulary.keyword(Vocabulary.theme(portfolioOfKeyword(k)), s);
        });
        List<Entity> out = new ArrayList<>(1 + portfolios + campaigns + adGroups + keywords);
        out.add(Entity.root(profileId, EntityType.PROFILE, "Sample Brand US"));
        for (int p = 0; p < portfolios; p++) {
            out.add(new Entity(portfolioIds[p], EntityType.PORTFOLIO, Vocabulary.portfolioName(p), profileId));
            Vocabulary.Theme theme = Vocabulary.theme(p);
            for (int c = portfolioFirstCampaign[p]; c < portfolioFirstCampaign[p + 1]; c++) {
                int j = c - portfolioFirstCampaign[p];
                int types = Vocabulary.MatchType.values().length;
                int line = j / types;
                String name = Vocabulary.campaignName(theme, line, campaignMatch[c]);
                if (line >= theme.lines().size()) {
                    name += " " + (line / theme.lines().size() + 1);
                }
                out.add(new Entity(campaignIds[c], EntityType.CAMPAIGN, name, portfolioIds[p]));
                for (int a = campaignFirstAdGroup[c]; a < campaignFirstAdGroup[c + 1]; a++) {
                    int i = a - campaignFirstAdGroup[c];
                    String product = theme.products().get((i + line) % theme.products().size());
                    out.add(new Entity(adGroupIds[a], EntityType.AD_GROUP, product, campaignIds[c]));
                    for (int k = adGroupFirstKeyword[a]; k < adGroupFirstKeyword[a + 1]; k++) {
                        out.add(new Entity(keywordIds[k], EntityType.KEYWORD, keywordNames[k], adGroupIds[a]));
                    }
                }
            }
        }
        return out;
    }

    private static double[] weights(Sampler s, int n, double lo, double hi) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = s.uniform(lo, hi);
        }
        return w;
    }

    /**
     * Splits {@code total} items over {@code weights.length} owners, at least one each and otherwise in
     * proportion to the weights (largest remainder, ties to the lower index).
     *
     * @return prefix offsets: owner i gets [out[i], out[i + 1])
     */
    static int[] allocate(int total, double[] weights) {
        int n = weights.length;
        assert total >= n && n > 0 : total + " over " + n;
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int rest = total - n;
        int[] count = new int[n];
        double[] frac = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double share = rest * weights[i] / sum;
            int whole = (int) Math.floor(share);
            count[i] = 1 + whole;
            frac[i] = share - whole;
            given += whole;
        }
        int left = rest - given;
        if (left > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> frac[x] != frac[y] ? Double.compare(frac[y], frac[x]) : Integer.compare(x, y));
            for (int i = 0; i < left; i++) {
                count[order[i % n]]++;
            }
        }
        int[] first = new int[n + 1];
        for (int i = 0; i < n; i++) {
            first[i + 1] = first[i] + count[i];
        }
        assert first[n] == total;
        return first;
    }

    private static int[] owners(int[] first, int items) {
        int[] out = new int[items];
        for (int o = 0; o + 1 < first.length; o++) {
            Arrays.fill(out, first[o], first[o + 1], o);
        }
        return out;
    }

    private static int maxRun(int[] first) {
        int max = 0;
        for (int i = 0; i + 1 < first.length; i++) {
            max = Math.max(max, first[i + 1] - first[i]);
        }
        return max;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
