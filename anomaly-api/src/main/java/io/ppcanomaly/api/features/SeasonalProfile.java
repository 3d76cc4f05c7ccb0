package io.ppcanomaly.api.features;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;

/**
 * The seasonal multipliers of one entity's baseline: per calendar slot, how its traffic and rates differ from
 * the flat baseline. Formulas in {@link FeatureExtractor}'s Javadoc; this class holds the arithmetic. Immutable.
 *
 * <p>Slots: days of the week (Monday = 0) for daily series; for hourly series the hour of the day, weekdays in
 * slots 0–23 and weekends (Saturday, Sunday) in 24–47, each with the plain hour of the day (both day types
 * pooled) as its parent level.
 */
final class SeasonalProfile {

    /** Quantities with a multiplier: three volumes and four rates. */
    static final int IMPRESSIONS = 0;
    static final int CLICKS = 1;
    static final int SPEND = 2;
    static final int CTR = 3;
    static final int CPC = 4;
    static final int CVR = 5;
    static final int ACOS = 6;
    private static final int QUANTITIES = 7;
    private static final int HOURS = 24;
    private static final int HOURS_PER_WEEK = 7 * HOURS;
    private static final int SATURDAY = 5;

    /** [quantity][slot] multiplier of the flat baseline. */
    private final double[][] slot;
    /** [quantity][parent slot] multiplier at the parent level (hourly only), or {@code null}. */
    private final double[][] parent;

    private SeasonalProfile(double[][] slot, double[][] parent) {
        this.slot = slot;
        this.parent = parent;
    }

    /** @return the number of slots of a granularity's cycle */
    static int slots(Granularity g) {
        return g == Granularity.DAY ? 7 : 2 * HOURS;
    }

    /**
     * @return the position in the week of a period: the day (Monday = 0) for days, the hour of the week
     *         (Monday 00:00 = 0) for hours
     */
    static int phase(Granularity g, LocalDateTime period) {
        int dow = period.getDayOfWeek().getValue() - 1;
        return g == Granularity.DAY ? dow : dow * HOURS + period.getHour();
    }

    /** @return the slot of the period {@code i} periods after one at {@code phase} */
    static int slotOf(Granularity g, int phase, int i) {
        if (g == Granularity.DAY) {
            return (phase + i) % 7;
        }
        int how = (phase + i) % HOURS_PER_WEEK;
        return how % HOURS + (how / HOURS >= SATURDAY ? HOURS : 0);
    }

    /** @return the multiplier of {@code quantity} in slot {@code j} */
    double at(int quantity, int j) {
        return slot[quantity][j];
    }

    /**
     * Estimates the profile of periods [from, to) of {@code s}, whose flat baseline over that range is
     * {@code b}, shrunk toward {@code prior} (or toward 1 — no season — when {@code null}).
     */
    static SeasonalProfile estimate(MetricSeries s, int from, int to, Baseline b, FeatureConfig c,
                                    SeasonalProfile prior) {
        Granularity g = s.granularity();
        int slots = slots(g);
        double[] n = new double[slots];
        double[] imp = new double[slots];
        double[] clk = new double[slots];
        double[] spd = new double[slots];
        double[] sal = new double[slots];
        double[] ord = new double[slots];
        int phase = phase(g, s.periodAt(from));
        for (int i = from; i < to; i++) {
            int j = slotOf(g, phase, i - from);
            n[j]++;
            imp[j] += s.impressions(i);
            clk[j] += s.clicks(i);
            spd[j] += s.spend(i);
            sal[j] += s.sales(i);
            ord[j] += s.orders(i);
        }
        double sc = c.seasonShrinkClicks();
        double so = c.seasonShrinkOrders();
        // Pseudo-counts, each in the unit of its quantity's numerator: sc clicks' worth of impressions, clicks
        // and spend; so orders' worth of orders and of spend at the baseline ACOS.
        double[] a = {sc / b.ctr, sc, sc * b.cpc, sc, sc * b.cpc, so, so * b.aov * b.acos};
        double[][] parentOut = null;
        double[][] slotPrior = new double[QUANTITIES][slots];
        if (g == Granularity.HOUR) {
            double[] pn = new double[HOURS];
            double[] pi = new double[HOURS];
            double[] pc = new double[HOURS];
            double[] ps = new double[HOURS];
            double[] pr = new double[HOURS];
            double[] po = new double[HOURS];
            for (int j = 0; j < slots; j++) {
                int h = j % HOURS;
                pn[h] += n[j];
                pi[h] += imp[j];
                pc[h] += clk[j];
                ps[h] += spd[j];
                pr[h] += sal[j];
                po[h] += ord[j];
            }
            parentOut = new double[QUANTITIES][HOURS];
            for (int h = 0; h < HOURS; h++) {
                for (int q = 0; q < QUANTITIES; q++) {
                    double p = prior == null ? 1.0 : prior.parent[q][h];
                    parentOut[q][h] = shrink(q, pn[h], pi[h], pc[h], ps[h], pr[h], po[h], b, a[q], p);
                }
            }
            for (int j = 0; j < slots; j++) {
                int h = j % HOURS;
                for (int q = 0; q < QUANTITIES; q++) {
                    // The entity's own hour, moved by the reference's weekday/weekend contrast at that hour.
                    double contrast = prior == null ? 1.0 : prior.slot[q][j] / prior.parent[q][h];
                    slotPrior[q][j] = parentOut[q][h] * contrast;
                }
            }
        } else {
            for (int q = 0; q < QUANTITIES; q++) {
                for (int j = 0; j < slots; j++) {
                    slotPrior[q][j] = prior == null ? 1.0 : prior.slot[q][j];
                }
            }
        }
        double[][] out = new double[QUANTITIES][slots];
        for (int j = 0; j < slots; j++) {
            for (int q = 0; q < QUANTITIES; q++) {
                out[q][j] = shrink(q, n[j], imp[j], clk[j], spd[j], sal[j], ord[j], b, a[q], slotPrior[q][j]);
            }
        }
        return new SeasonalProfile(out, parentOut);
    }

    /**
     * (observed + a·prior) / (expected + a): the slot's observed total against what the flat baseline expects
     * of it, with {@code a} pseudo-units at the prior multiplier. The prior when nothing is expected.
     */
    private static double shrink(int q, double n, double imp, double clk, double spd, double sal, double ord,
                                 Baseline b, double a, double prior) {
        double observed;
        double expected;
        switch (q) {
            case IMPRESSIONS -> {
                observed = imp;
                expected = n * b.meanI;
            }
            case CLICKS -> {
                observed = clk;
                expected = n * b.meanC;
            }
            case SPEND -> {
                observed = spd;
                expected = n * b.meanS;
            }
            case CTR -> {
                observed = clk;
                expected = b.ctr * imp;
            }
            case CPC -> {
                observed = spd;
                expected = b.cpc * clk;
            }
            case CVR -> {
                observed = ord;
                expected = b.cvr * clk;
            }
            default -> {
                observed = spd;
                expected = b.acos * sal;
            }
        }
        double den = expected + a;
        if (!(den > 0) || !Double.isFinite(den)) {
            return prior;
        }
        double r = (observed + a * prior) / den;
        return r > 0 && Double.isFinite(r) ? r : prior;
    }
}
