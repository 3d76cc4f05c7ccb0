package io.ppcanomaly.api.features;

import io.ppcanomaly.api.model.MetricSeries;

/**
 * An entity's flat baseline over a range of periods: per-period means and pooled rates, with the smoothing
 * {@link FeatureExtractor}'s Javadoc gives. Immutable.
 */
final class Baseline {

    final int periods;
    final double meanI;
    final double meanC;
    final double meanS;
    final double ctr;
    final double cvr;
    final double cpc;
    final double aov;
    final double acos;

    private Baseline(int periods, double sumI, double sumC, double sumS, double sumR, double sumO) {
        this.periods = periods;
        meanI = sumI / periods;
        meanS = sumS / periods;
        meanC = sumC / periods;
        ctr = (sumC + 0.5) / (sumI + 100.0);
        cvr = (sumO + 0.5) / (sumC + 5.0);
        cpc = sumS / Math.max(sumC, 1.0);
        aov = sumR / Math.max(sumO, 1.0);
        acos = sumR > 0 ? sumS / sumR : 0.0;
    }

    /** @return the baseline of periods [from, to) of {@code s}; the range must not be empty */
    static Baseline of(MetricSeries s, int from, int to) {
        assert from < to : from + " " + to;
        double sumI = 0;
        double sumC = 0;
        double sumS = 0;
        double sumR = 0;
        double sumO = 0;
        for (int i = from; i < to; i++) {
            sumI += s.impressions(i);
            sumC += s.clicks(i);
            sumS += s.spend(i);
            sumR += s.sales(i);
            sumO += s.orders(i);
        }
        return new Baseline(to - from, sumI, sumC, sumS, sumR, sumO);
    }
}
