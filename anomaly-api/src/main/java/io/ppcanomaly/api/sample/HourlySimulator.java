package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.stream.IntStream;

/**
 * Samples every keyword's hourly metrics from the {@link AccountModel} and the {@link HourlyModel}, with the
 * incident multipliers of the {@link HourlyIncidentPlanner.Plan} applied. Each keyword draws from its own stream
 * (see {@link Domains}), so the output does not depend on the order or the parallelism of generation.
 *
 * <p>Per keyword, day d and hour t of that day, with p its portfolio, c its campaign and a its ad group:
 * <pre>
 *   day factors, drawn at the day's first hour: v_d = LN₁(0.08), ctr_d = LN₁(0.08), cpc_d = LN₁(0.08)
 *   λ      = impressions_k / 24 × campaignDay_c(d) × traffic_p(weekday|weekend, h) × campaignHour_c(t)
 *            × v_d × LN₁(0.10) × incidentImpressions
 *   I      ~ Poisson(λ)
 *   C      ~ Binomial(I, min(ctr_k × ctr_d × ctrHour(h) × LN₁(0.05) × incidentCtr, 0.9))
 *   spend  = round₂(C × cpc_k × cpc_d × cpcHour(h) × LN₁(0.05) × incidentCpc)
 *   O      ~ Binomial(C, min(cvr_k × adGroupCvrDay_a(d) × cvrHour(h) × incidentCvr, 0.95))
 *   sales  = round₂(O × orderValue_a × LN₁(0.10))
 * </pre>
 * A reporting outage zeroes an hour's report, a conversion-tracking outage its orders and sales, after every
 * draw is made.
 */
final class HourlySimulator {

    /** Log-sd of a keyword's own hourly volume factor. */
    static final double SD_KEYWORD_HOUR = 0.10;
    /** Log-sd of a keyword's hourly CTR and CPC factors. */
    static final double SD_RATE_HOUR = 0.05;

    private HourlySimulator() {
    }

    /** @return one series per keyword, in keyword index order */
    static MetricSeries[] simulate(SampleConfig config, AccountLayout layout, AccountModel model, HourlyModel hourly,
                                   HourlyIncidentPlanner.Plan plan) {
        int hours = config.periods();
        LocalDateTime[] periods = new LocalDateTime[hours];
        LocalDateTime t0 = config.start().atStartOfDay();
        for (int t = 0; t < hours; t++) {
            periods[t] = t0.plusHours(t);
        }
        MetricSeries[] out = new MetricSeries[layout.keywords];
        IntStream range = IntStream.range(0, layout.keywords);
        (layout.keywords >= AccountLayout.PARALLEL_THRESHOLD ? range.parallel() : range).forEach(k ->
                out[k] = keyword(config.seed(), k, layout, model, hourly, plan, periods));
        return out;
    }

    private static MetricSeries keyword(long seed, int k, AccountLayout layout, AccountModel model, HourlyModel hourly,
                                        HourlyIncidentPlanner.Plan plan, LocalDateTime[] periods) {
        Sampler s = Sampler.stream(seed, Domains.KEYWORD_HOURLY, k);
        int a = layout.keywordAdGroup[k];
        int c = layout.adGroupCampaign[a];
        int p = layout.campaignPortfolio[c];
        double[] campaignDay = model.campaignDay[c];
        double[] campaignHour = hourly.campaignHour[c];
        double[] cvrDay = model.adGroupCvrDay[a];
        double base = model.impressions[k] / 24;
        double ctr = model.ctr[k];
        double cpc = model.cpc[k];
        double cvr = model.cvr[k];
        double orderValue = model.orderValue[a];
        double[][] effects = plan.effects().get(k);
        boolean[] zero = plan.zeroHour();
        boolean[] noOrders = plan.noOrdersHour();
        MetricSeries.Builder b = MetricSeries.builder(layout.keywordIds[k], Granularity.HOUR);
        double volDay = 1;
        double ctrDay = 1;
        double cpcDay = 1;
        for (int t = 0; t < periods.length; t++) {
            int d = t / 24;
            int h = t % 24;
            if (h == 0) {
                volDay = s.meanOneLognormal(DailySimulator.SD_KEYWORD_DAY);
                ctrDay = s.meanOneLognormal(DailySimulator.SD_CTR_DAY);
                cpcDay = s.meanOneLognormal(DailySimulator.SD_CPC_DAY);
            }
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
            double lambda = base * campaignDay[d] * hourly.traffic(p, t) * campaignHour[t] * volDay
                    * s.meanOneLognormal(SD_KEYWORD_HOUR) * impF;
            long imp = s.poisson(lambda);
            long clk = s.binomial(imp, Math.min(ctr * ctrDay * hourly.ctr[h] * s.meanOneLognormal(SD_RATE_HOUR) * ctrF,
                    DailySimulator.MAX_CTR));
            double spend = cents(clk * cpc * cpcDay * hourly.cpc[h] * s.meanOneLognormal(SD_RATE_HOUR) * cpcF);
            long ord = s.binomial(clk, Math.min(cvr * cvrDay[d] * hourly.cvr[h] * cvrF, DailySimulator.MAX_CVR));
            double sales = cents(ord * orderValue * s.meanOneLognormal(DailySimulator.SD_ORDER_VALUE_DAY));
            if (zero[t]) {
                b.add(periods[t], 0, 0, 0, 0, 0);
            } else if (noOrders[t]) {
                b.add(periods[t], imp, clk, spend, 0, 0);
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
