package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.stream.IntStream;

/**
 * Samples every keyword's daily metrics from the {@link AccountModel}, with the incident multipliers of the
 * {@link IncidentPlanner.Plan} applied to the latent rates. Each keyword draws from its own stream in a fixed
 * order (see {@link Domains}), so the output does not depend on the order or the parallelism of generation.
 *
 * <p>Per keyword and day t, with c its campaign and a its ad group:
 * <pre>
 *   λ      = impressions_k × campaignDay_c(t) × LN₁(0.08) × incidentImpressions
 *   I      ~ Poisson(λ)
 *   C      ~ Binomial(I, min(ctr_k × LN₁(0.08) × incidentCtr, 0.9))
 *   spend  = round₂(C × cpc_k × LN₁(0.08) × incidentCpc)
 *   O      ~ Binomial(C, min(cvr_k × adGroupCvrDay_a(t) × incidentCvr, 0.95))
 *   sales  = round₂(O × orderValue_a × LN₁(0.10))
 * </pre>
 * where LN₁(σ) is a fresh mean-one lognormal factor and round₂ rounds to cents. Every draw is made whatever
 * its outcome (the sales factor even with no order), so an incident changes nothing but the days it covers.
 */
final class DailySimulator {

    /** Log-sd of a keyword's own daily volume factor (rank and relevance drift). */
    static final double SD_KEYWORD_DAY = 0.08;
    /** Log-sd of a keyword's daily CTR factor. */
    static final double SD_CTR_DAY = 0.08;
    /** Log-sd of a keyword's daily CPC factor. */
    static final double SD_CPC_DAY = 0.08;
    /** Log-sd of the daily average order value. */
    static final double SD_ORDER_VALUE_DAY = 0.10;
    static final double MAX_CTR = 0.9;
    static final double MAX_CVR = 0.95;

    private DailySimulator() {
    }

    /** @return one series per keyword, in keyword index order */
    static MetricSeries[] simulate(SampleConfig config, AccountLayout layout, AccountModel model,
                                   IncidentPlanner.Plan plan) {
        int days = config.days();
        LocalDateTime[] periods = new LocalDateTime[days];
        LocalDateTime day0 = config.start().atStartOfDay();
        for (int t = 0; t < days; t++) {
            periods[t] = day0.plusDays(t);
        }
        MetricSeries[] out = new MetricSeries[layout.keywords];
        IntStream range = IntStream.range(0, layout.keywords);
        (layout.keywords >= AccountLayout.PARALLEL_THRESHOLD ? range.parallel() : range).forEach(k ->
                out[k] = keyword(config.seed(), k, layout, model, plan.effects().get(k), plan.zeroDay(), periods));
        return out;
    }

    private static MetricSeries keyword(long seed, int k, AccountLayout layout, AccountModel model,
                                        double[][] effects, boolean[] zeroDay, LocalDateTime[] periods) {
        Sampler s = Sampler.stream(seed, Domains.KEYWORD_DAILY, k);
        int a = layout.keywordAdGroup[k];
        double[] campaignDay = model.campaignDay[layout.adGroupCampaign[a]];
        double[] cvrDay = model.adGroupCvrDay[a];
        double base = model.impressions[k];
        double ctr = model.ctr[k];
        double cpc = model.cpc[k];
        double cvr = model.cvr[k];
        double orderValue = model.orderValue[a];
        MetricSeries.Builder b = MetricSeries.builder(layout.keywordIds[k], Granularity.DAY);
        for (int t = 0; t < periods.length; t++) {
            double impF = 1;
            double ctrF = 1;
            double cpcF = 1;
            double cvrF = 1;
            if (effects != null) {
                impF = effects[IncidentPlanner.IMPRESSIONS][t];
                ctrF = effects[IncidentPlanner.CTR][t];
                cpcF = effects[IncidentPlanner.CPC][t];
                cvrF = effects[IncidentPlanner.CVR][t];
            }
            long imp = s.poisson(base * campaignDay[t] * s.meanOneLognormal(SD_KEYWORD_DAY) * impF);
            long clk = s.binomial(imp, Math.min(ctr * s.meanOneLognormal(SD_CTR_DAY) * ctrF, MAX_CTR));
            double spend = cents(clk * cpc * s.meanOneLognormal(SD_CPC_DAY) * cpcF);
            long ord = s.binomial(clk, Math.min(cvr * cvrDay[t] * cvrF, MAX_CVR));
            double sales = cents(ord * orderValue * s.meanOneLognormal(SD_ORDER_VALUE_DAY));
            if (zeroDay[t]) {
                b.add(periods[t], 0, 0, 0, 0, 0);
            } else {
                b.add(periods[t], imp, clk, spend, sales, ord);
            }
        }
        return b.build();
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
