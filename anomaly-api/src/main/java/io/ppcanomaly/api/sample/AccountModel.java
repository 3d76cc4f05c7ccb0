package io.ppcanomaly.api.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.stream.IntStream;

/**
 * The normal behaviour of every entity of an {@link AccountLayout}: static rates per keyword and ad group, and
 * the daily factors shared by a campaign or an ad group. Immutable once built; the parameters are documented
 * in {@code package-info.java}.
 */
final class AccountModel {

    /** Median of a keyword's mean daily impressions. */
    static final double MEDIAN_IMPRESSIONS = 80;
    /** Log-sd of a keyword's mean daily impressions within its campaign. */
    static final double SD_LOG_IMPRESSIONS = 1.35;
    /**
     * Log-sd of a campaign's traffic level around its match type's (generic terms versus niche or brand
     * terms), shared by its keywords; with the match types and the keyword's own spread, a total log-sd of
     * about 1.55: about 0.5% of keywords above 5,000 a day.
     */
    static final double SD_LOG_CAMPAIGN_TRAFFIC = 0.6;
    /** Cap of a keyword's mean daily impressions. */
    static final double MAX_IMPRESSIONS = 50_000;
    /** Median CTR of a phrase-match keyword. */
    static final double MEDIAN_CTR = 0.008;
    static final double SD_LOG_CTR = 0.4;
    /** Median CPC, dollars; campaign and keyword factors spread it over about $0.50–$2.50. */
    static final double MEDIAN_CPC = 1.10;
    static final double SD_LOG_CPC_CAMPAIGN = 0.30;
    static final double SD_LOG_CPC_KEYWORD = 0.35;
    /** Median conversion rate of an ad group (its product). */
    static final double MEDIAN_CVR = 0.09;
    static final double SD_LOG_CVR_AD_GROUP = 0.30;
    static final double SD_LOG_CVR_KEYWORD = 0.20;
    /** Log-sd of the daily volume factor a campaign's keywords share. */
    static final double SD_CAMPAIGN_DAY = 0.12;
    /** Log-sd of the daily conversion factor an ad group's keywords share. */
    static final double SD_AD_GROUP_CVR_DAY = 0.06;
    /** Largest drift of a campaign's volume over the whole range, as a log-factor. */
    static final double MAX_TREND = 0.15;

    final int days;
    /** Per campaign: traffic level, median one. */
    final double[] campaignTraffic;
    /** Per keyword. */
    final double[] impressions;
    final double[] ctr;
    final double[] cpc;
    final double[] cvr;
    /** Per ad group. */
    final double[] orderValue;
    /** [adGroup][day] conversion-rate factor, mean one. */
    final double[][] adGroupCvrDay;
    /** [campaign][day] impressions factor: weekly pattern × trend × daily noise. */
    final double[][] campaignDay;

    private AccountModel(SampleConfig config, AccountLayout layout) {
        long seed = config.seed();
        days = config.days();
        LocalDate start = config.start();

        double[][] weekly = new double[layout.portfolios][7];
        for (int p = 0; p < layout.portfolios; p++) {
            Sampler s = Sampler.stream(seed, Domains.PORTFOLIO, p);
            double amplitude = s.uniform(0.10, 0.20);
            double peak = s.uniform(0, 7);
            double mean = 0;
            for (int d = 0; d < 7; d++) {
                weekly[p][d] = StrictMath.exp(amplitude * StrictMath.cos(2 * Math.PI * (d - peak) / 7));
                mean += weekly[p][d] / 7;
            }
            for (int d = 0; d < 7; d++) {
                weekly[p][d] /= mean;
            }
        }
        int firstDow = start.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();

        double[] campaignCpc = new double[layout.campaigns];
        campaignTraffic = new double[layout.campaigns];
        campaignDay = new double[layout.campaigns][days];
        for (int c = 0; c < layout.campaigns; c++) {
            Sampler s = Sampler.stream(seed, Domains.CAMPAIGN, c);
            campaignCpc[c] = s.lognormal(0, SD_LOG_CPC_CAMPAIGN);
            campaignTraffic[c] = layout.campaignMatch[c].trafficFactor * s.lognormal(0, SD_LOG_CAMPAIGN_TRAFFIC);
            double trend = s.uniform(-MAX_TREND, MAX_TREND);
            double[] w = weekly[layout.campaignPortfolio[c]];
            for (int t = 0; t < days; t++) {
                double drift = StrictMath.exp(trend * ((t + 0.5) / days - 0.5));
                campaignDay[c][t] = w[(firstDow + t) % 7] * drift * s.meanOneLognormal(SD_CAMPAIGN_DAY);
            }
        }

        double[] adGroupCvr = new double[layout.adGroups];
        orderValue = new double[layout.adGroups];
        adGroupCvrDay = new double[layout.adGroups][days];
        for (int a = 0; a < layout.adGroups; a++) {
            Sampler s = Sampler.stream(seed, Domains.AD_GROUP, a);
            Vocabulary.Theme theme = Vocabulary.theme(layout.campaignPortfolio[layout.adGroupCampaign[a]]);
            adGroupCvr[a] = MEDIAN_CVR * s.lognormal(0, SD_LOG_CVR_AD_GROUP);
            orderValue[a] = s.logUniform(theme.minOrderValue(), theme.maxOrderValue());
            for (int t = 0; t < days; t++) {
                adGroupCvrDay[a][t] = s.meanOneLognormal(SD_AD_GROUP_CVR_DAY);
            }
        }

        int n = layout.keywords;
        double traffic = config.traffic();
        impressions = new double[n];
        ctr = new double[n];
        cpc = new double[n];
        cvr = new double[n];
        IntStream range = IntStream.range(0, n);
        (n >= AccountLayout.PARALLEL_THRESHOLD ? range.parallel() : range).forEach(k -> {
            Sampler s = Sampler.stream(seed, Domains.KEYWORD_RATES, k);
            int a = layout.keywordAdGroup[k];
            int c = layout.adGroupCampaign[a];
            Vocabulary.MatchType match = layout.campaignMatch[c];
            // The advertiser's size multiplies after the cap: the cap tames the lognormal tail of one account.
            impressions[k] = Math.min(MAX_IMPRESSIONS, campaignTraffic[c]
                    * s.lognormal(StrictMath.log(MEDIAN_IMPRESSIONS), SD_LOG_IMPRESSIONS)) * traffic;
            ctr[k] = clamp(MEDIAN_CTR * match.ctrFactor * s.lognormal(0, SD_LOG_CTR), 0.0005, 0.08);
            cpc[k] = clamp(MEDIAN_CPC * campaignCpc[c] * s.lognormal(0, SD_LOG_CPC_KEYWORD), 0.15, 8.0);
            cvr[k] = clamp(adGroupCvr[a] * match.cvrFactor * s.lognormal(0, SD_LOG_CVR_KEYWORD), 0.005, 0.5);
        });
    }

    /** Draws the model of {@code layout}; deterministic in the config's seed. */
    static AccountModel create(SampleConfig config, AccountLayout layout) {
        return new AccountModel(config, layout);
    }

    /** @return expected daily clicks of keyword {@code k} on an average day */
    double expectedClicks(int k) {
        return impressions[k] * ctr[k];
    }

    /** @return expected daily orders of keyword {@code k} on an average day */
    double expectedOrders(int k) {
        return impressions[k] * ctr[k] * cvr[k];
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
