package io.ppcanomaly.api.sample;

import java.time.DayOfWeek;

/**
 * What an hourly account adds to the daily {@link AccountModel}: how a day's traffic spreads over its hours
 * (per portfolio, weekdays and weekends apart), how CTR, CPC and conversion rate move with the hour, and the
 * hourly volume factors a campaign's keywords share. Immutable once built; parameters in
 * {@code package-info.java}.
 */
final class HourlyModel {

    /**
     * Relative traffic by hour of a typical weekday on Amazon (US shoppers): lowest at 4:00, a morning ramp, a
     * plateau over the working day, the peak in the evening at 20:00. Before per-portfolio shaping and
     * normalising to a mean of one.
     */
    static final double[] WEEKDAY_SHAPE = {0.45, 0.30, 0.20, 0.15, 0.12, 0.13, 0.20, 0.35, 0.50, 0.60, 0.68, 0.72,
        0.75, 0.74, 0.72, 0.72, 0.74, 0.80, 0.90, 0.98, 1.00, 0.95, 0.80, 0.60};
    /** Share of a weekend day's curve that moves to a broad midday hump (people shop in the day, not after work). */
    static final double WEEKEND_MIDDAY_SHARE = 0.35;
    /** Hour of the weekend midday hump, and its width (sd, hours). */
    static final double WEEKEND_PEAK_HOUR = 13.5;
    static final double WEEKEND_PEAK_SD = 3.5;
    /** Amplitudes of the hourly rate curves, peaking in the evening (20:00–21:00). */
    static final double CTR_AMPLITUDE = 0.08;
    static final double CPC_AMPLITUDE = 0.12;
    static final double CVR_AMPLITUDE = 0.15;
    /** Log-sd of the hourly volume factor a campaign's keywords share (placement and pacing drift). */
    static final double SD_CAMPAIGN_HOUR = 0.08;

    final int hours;
    /** [portfolio][0 weekday | 1 weekend][hour] traffic multiplier, mean one over a day. */
    final double[][][] traffic;
    /** [hour] multipliers of CTR, CPC and conversion rate, mean one over a day. */
    final double[] ctr = new double[24];
    final double[] cpc = new double[24];
    final double[] cvr = new double[24];
    /** [campaign][hour of the account] volume factor, mean one. */
    final double[][] campaignHour;
    /** [day] whether the day is a Saturday or a Sunday. */
    final boolean[] weekend;

    private HourlyModel(SampleConfig config, AccountLayout layout) {
        long seed = config.seed();
        hours = config.periods();
        traffic = new double[layout.portfolios][2][24];
        for (int p = 0; p < layout.portfolios; p++) {
            Sampler s = Sampler.stream(seed, Domains.PORTFOLIO_HOURLY, p);
            int shift = s.intBetween(-1, 1);        // an evening theme peaks at 19:00, another at 21:00
            double depth = s.uniform(0.9, 1.25);    // how deep its nights are
            for (int h = 0; h < 24; h++) {
                double wd = DetMath.exp(depth * DetMath.log(WEEKDAY_SHAPE[Math.floorMod(h - shift, 24)]));
                double z = (h - WEEKEND_PEAK_HOUR) / WEEKEND_PEAK_SD;
                double midday = DetMath.exp(-0.5 * z * z);
                traffic[p][0][h] = wd;
                traffic[p][1][h] = (1 - WEEKEND_MIDDAY_SHARE) * wd + WEEKEND_MIDDAY_SHARE * midday;
            }
            normalise(traffic[p][0]);
            normalise(traffic[p][1]);
        }
        for (int h = 0; h < 24; h++) {
            double c = StrictMath.cos(2 * Math.PI * (h - 20.5) / 24);
            ctr[h] = 1 + CTR_AMPLITUDE * c;
            cpc[h] = 1 + CPC_AMPLITUDE * c;
            cvr[h] = 1 + CVR_AMPLITUDE * c;
        }
        normalise(ctr);
        normalise(cpc);
        normalise(cvr);
        campaignHour = new double[layout.campaigns][hours];
        for (int c = 0; c < layout.campaigns; c++) {
            Sampler s = Sampler.stream(seed, Domains.CAMPAIGN_HOURLY, c);
            for (int t = 0; t < hours; t++) {
                campaignHour[c][t] = s.meanOneLognormal(SD_CAMPAIGN_HOUR);
            }
        }
        weekend = new boolean[config.days()];
        for (int d = 0; d < weekend.length; d++) {
            DayOfWeek dow = config.start().plusDays(d).getDayOfWeek();
            weekend[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        }
    }

    /** Draws the hourly model; deterministic in the config's seed. */
    static HourlyModel create(SampleConfig config, AccountLayout layout) {
        return new HourlyModel(config, layout);
    }

    /** @return the traffic multiplier of portfolio {@code p} at hour {@code t} of the account */
    double traffic(int p, int t) {
        return traffic[p][weekend[t / 24] ? 1 : 0][t % 24];
    }

    private static void normalise(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] /= mean;
        }
    }
}
