package io.ppcanomaly.api.features;

import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Translates one entity's metrics into a scale-free {@link FeatureWindow}: the only place where PPC meets
 * numbers. Immutable and thread-safe.
 *
 * <h2>Baseline</h2>
 * A window covers the {@code windowLength} periods ending at the judged period. The entity's baseline is the up
 * to {@code baselineLength} periods just before the window (at least {@code minBaselineLength}), so an incident
 * inside the window never leaks into the baseline it is measured against. From it come per-period means and
 * pooled rates: CTR<sub>b</sub> = (ΣC + ½)/(ΣI + 100), CVR<sub>b</sub> = (ΣO + ½)/(ΣC + 5), CPC<sub>b</sub> =
 * ΣS/max(ΣC, 1), ACOS<sub>b</sub> = ΣS/ΣR and order value AOV<sub>b</sub> = ΣR/max(ΣO, 1).
 *
 * <h2>Features</h2>
 * Every feature is a natural log-ratio of the period's value to the baseline, so 0 means "as usual", +0.69
 * "doubled" and −0.69 "halved" ({@code exp(f) − 1} is the relative change). Each period's value is shrunk
 * toward the baseline by pseudo-counts, so a keyword with 3 impressions today does not produce a huge ratio
 * out of noise, while one with 30,000 gets almost no shrinkage:
 * <ul>
 *   <li>{@code ctr} = ln[((C + k·CTR<sub>b</sub>)/(I + k)) / CTR<sub>b</sub>], k = 3 / CTR<sub>b</sub>
 *       impressions (3 expected clicks);</li>
 *   <li>{@code cpc} = ln[((S + k·CPC<sub>b</sub>)/(C + k)) / CPC<sub>b</sub>], k = 3 clicks;</li>
 *   <li>{@code acos} = ln[((S + k·AOV<sub>b</sub>·ACOS<sub>b</sub>)/(R + k·AOV<sub>b</sub>)) / ACOS<sub>b</sub>],
 *       k = 2 orders;</li>
 *   <li>{@code cvr} = ln[((O + k·CVR<sub>b</sub>)/(C + k)) / CVR<sub>b</sub>], k = 3 / CVR<sub>b</sub> clicks
 *       (3 expected orders);</li>
 *   <li>{@code impressions} = ln[(I + k)/(Ī + k)], k = 20 impressions;</li>
 *   <li>{@code spend} = ln[(S + k·CPC<sub>b</sub>)/(S̄ + k·CPC<sub>b</sub>)], k = 3 clicks; with no baseline
 *       spend there is no money scale, so the clicks volume ln[(C + k)/(C̄ + k)] stands in for it.</li>
 * </ul>
 * Shrinkage of the rates is counted in expected events (see {@link FeatureConfig}), so a period's noise is
 * about the same size for a keyword with a 0.3% CTR as for one with 3%.
 * A ratio whose baseline is undefined (no spend before for CPC, no sales before for ACOS) is 0: no baseline,
 * no measurable deviation; the volume features still show the activity. Every feature is clamped to
 * [−featureLimit, featureLimit].
 *
 * <h2>Why this is scale-free</h2>
 * Money enters only as a ratio to the entity's own money (CPC<sub>b</sub>, AOV<sub>b</sub>), so converting
 * spend and sales to another currency leaves every feature unchanged. Multiplying counts and money together
 * leaves them unchanged up to the shrinkage terms, which fade as counts grow. One model can therefore serve a
 * keyword spending $2 a day and one spending $2,000.
 */
public final class FeatureExtractor {

    private final FeatureConfig config;

    /** Creates an extractor with {@link FeatureConfig#DEFAULT}. */
    public FeatureExtractor() {
        this(FeatureConfig.DEFAULT);
    }

    /** Creates an extractor with the given configuration. */
    public FeatureExtractor(FeatureConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the configuration */
    public FeatureConfig config() {
        return config;
    }

    /** @return the feature names this extractor produces, {@link FeatureSchema#DEFAULT} */
    public FeatureSchema schema() {
        return FeatureSchema.DEFAULT;
    }

    /** @return the index of the first period that can end a window in a series */
    public int firstWindowEnd() {
        return config.minimumSeriesLength() - 1;
    }

    /**
     * Builds the window whose last row is {@code period}.
     *
     * @throws IllegalArgumentException when the period lies outside the series, or the series has too little
     *                                  history before it; the message names the entity and the lengths
     */
    public FeatureWindow window(MetricSeries series, LocalDateTime period) {
        Objects.requireNonNull(period, "period");
        int idx = series.indexOf(period);
        if (idx < 0) {
            throw new IllegalArgumentException("period of entity '" + series.entityId() + "' must lie in "
                    + (series.isEmpty() ? "its series, which is empty"
                    : "[" + series.granularity().format(series.start()) + ", "
                    + series.granularity().format(series.end()) + "]")
                    + ", got " + series.granularity().format(period));
        }
        return window(series, idx);
    }

    /**
     * Builds the window whose last row is the period at index {@code end}.
     *
     * @throws IllegalArgumentException when {@code end} is out of range or leaves too little history
     */
    public FeatureWindow window(MetricSeries series, int end) {
        Objects.requireNonNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series of entity '" + series.entityId() + "' must not be empty");
        }
        if (end < 0 || end >= series.size()) {
            throw new IllegalArgumentException("window end of entity '" + series.entityId() + "' must be in [0, "
                    + (series.size() - 1) + "], got " + end);
        }
        int need = config.minimumSeriesLength();
        if (end + 1 < need) {
            throw new IllegalArgumentException("series of entity '" + series.entityId() + "' must have at least "
                    + need + " periods up to " + series.granularity().format(series.periodAt(end))
                    + " (window " + config.windowLength() + " + baseline " + config.minBaselineLength()
                    + "), got " + (end + 1));
        }
        int f = FeatureSchema.DEFAULT.size();
        double[] out = new double[config.windowLength() * f];
        fill(series, end, out, 0);
        return FeatureWindow.of(FeatureSchema.DEFAULT, out, series.entityId(), series.periodAt(end));
    }

    /**
     * Builds every window of a series ending in [{@code fromEnd}, {@code toEnd}] (indices, inclusive), for
     * training. Ends before {@link #firstWindowEnd()} are skipped.
     *
     * @param stride step between consecutive window ends, &ge; 1
     */
    public List<FeatureWindow> windows(MetricSeries series, int fromEnd, int toEnd, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        List<FeatureWindow> out = new ArrayList<>();
        for (int e = Math.max(fromEnd, firstWindowEnd()); e <= Math.min(toEnd, series.size() - 1); e += stride) {
            out.add(window(series, e));
        }
        return out;
    }

    private void fill(MetricSeries s, int end, double[] out, int offset) {
        FeatureConfig c = config;
        int w = c.windowLength();
        int first = end - w + 1; // may be negative only if validation let it through, which it does not
        int bEnd = first;        // exclusive
        int bStart = Math.max(0, bEnd - c.baselineLength());
        double sumI = 0;
        double sumC = 0;
        double sumS = 0;
        double sumR = 0;
        double sumO = 0;
        for (int i = bStart; i < bEnd; i++) {
            sumI += s.impressions(i);
            sumC += s.clicks(i);
            sumS += s.spend(i);
            sumR += s.sales(i);
            sumO += s.orders(i);
        }
        int n = bEnd - bStart;
        double meanI = sumI / n;
        double meanS = sumS / n;
        double meanC = sumC / n;
        double ctrB = (sumC + 0.5) / (sumI + 100.0);
        double cvrB = (sumO + 0.5) / (sumC + 5.0);
        double cpcB = sumS / Math.max(sumC, 1.0);
        double aovB = sumR / Math.max(sumO, 1.0);
        double acosB = sumR > 0 ? sumS / sumR : 0.0;
        double lim = c.featureLimit();
        int f = FeatureSchema.DEFAULT.size();
        for (int t = 0; t < w; t++) {
            int i = first + t;
            double imp = s.impressions(i);
            double clk = s.clicks(i);
            double spd = s.spend(i);
            double sal = s.sales(i);
            double ord = s.orders(i);
            int o = offset + t * f;
            double k = c.ctrShrinkClicks() / ctrB;
            out[o] = clamp(Math.log(((clk + k * ctrB) / (imp + k)) / ctrB), lim);
            k = c.cpcShrinkClicks();
            out[o + 1] = cpcB > 0 ? clamp(Math.log(((spd + k * cpcB) / (clk + k)) / cpcB), lim) : 0.0;
            k = c.acosShrinkOrders();
            out[o + 2] = acosB > 0 && aovB > 0
                    ? clamp(Math.log(((spd + k * aovB * acosB) / (sal + k * aovB)) / acosB), lim) : 0.0;
            k = c.cvrShrinkOrders() / cvrB;
            out[o + 3] = clamp(Math.log(((ord + k * cvrB) / (clk + k)) / cvrB), lim);
            k = c.volumeShrinkImpressions();
            out[o + 4] = clamp(Math.log((imp + k) / (meanI + k)), lim);
            k = c.cpcShrinkClicks();
            if (cpcB > 0) {
                out[o + 5] = clamp(Math.log((spd + k * cpcB) / (meanS + k * cpcB)), lim);
            } else {
                out[o + 5] = clamp(Math.log((clk + k) / (meanC + k)), lim);
            }
        }
    }

    private static double clamp(double v, double lim) {
        // NaN cannot arise (every argument of log above is positive), but guard the contract anyway.
        if (v != v) {
            return 0.0;
        }
        return v > lim ? lim : (v < -lim ? -lim : v);
    }
}
