package io.ppcanomaly.api.features;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

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
 * <h2>Seasonal baseline</h2>
 * With {@link Seasonality#CALENDAR} (the default) each period of the window is compared with the baseline of
 * its own calendar slot: its day of the week for daily data; its hour of the day for hourly data, weekdays and
 * weekends apart (48 slots). At night an hourly keyword sees a tenth of its evening's impressions, and a
 * flat baseline would read every night as a collapse and hide a real afternoon cut-off in the cycle.
 *
 * <p>Each slot j multiplies the flat baseline of seven quantities q — the volumes impressions, clicks and
 * spend, and the rates CTR, CPC, CVR and ACOS — by a factor m<sub>q,j</sub> estimated from the baseline
 * periods in that slot and shrunk toward a prior p<sub>q,j</sub>:
 * <pre>
 *   m<sub>q,j</sub> = (O<sub>q,j</sub> + a<sub>q</sub>·p<sub>q,j</sub>) / (E<sub>q,j</sub> + a<sub>q</sub>)
 * </pre>
 * where O is what the slot's baseline periods observed and E what the flat baseline expects of them:
 * <ul>
 *   <li>impressions: O = ΣI<sub>j</sub>, E = n<sub>j</sub>·Ī, a = s<sub>c</sub>/CTR<sub>b</sub>;
 *       clicks: O = ΣC<sub>j</sub>, E = n<sub>j</sub>·C̄, a = s<sub>c</sub>;
 *       spend: O = ΣS<sub>j</sub>, E = n<sub>j</sub>·S̄, a = s<sub>c</sub>·CPC<sub>b</sub>
 *       (n<sub>j</sub> baseline periods in slot j);</li>
 *   <li>CTR: O = ΣC<sub>j</sub>, E = CTR<sub>b</sub>·ΣI<sub>j</sub>, a = s<sub>c</sub>;
 *       CPC: O = ΣS<sub>j</sub>, E = CPC<sub>b</sub>·ΣC<sub>j</sub>, a = s<sub>c</sub>·CPC<sub>b</sub>;</li>
 *   <li>CVR: O = ΣO<sub>j</sub>, E = CVR<sub>b</sub>·ΣC<sub>j</sub>, a = s<sub>o</sub>;
 *       ACOS: O = ΣS<sub>j</sub>, E = ACOS<sub>b</sub>·ΣR<sub>j</sub>, a =
 *       s<sub>o</sub>·AOV<sub>b</sub>·ACOS<sub>b</sub>;</li>
 * </ul>
 * with s<sub>c</sub> = {@code seasonShrinkClicks} expected clicks and s<sub>o</sub> = {@code seasonShrinkOrders}
 * expected orders. The pseudo-counts are events, as in the features below: a slot holding a thousand clicks
 * follows its own data, a sparse keyword's slot holding two stays at its prior. A quantity with nothing
 * expected (no spend, so no CPC) keeps its prior.
 *
 * <p>The prior pools what the entity shares with others. With a <em>reference</em> series (the service passes
 * the entity's profile, the account's total), the prior is the reference's own profile over the same periods —
 * the account's daily and weekly shopping curve, estimated from thousands of events per slot — so a keyword
 * with 3 impressions an hour still follows the account's night and evening. Without one the prior is 1 (no
 * season). Hourly slots are pooled in two levels: the hour of the day h (weekdays and weekends together) is
 * shrunk toward the reference's hour h, then the slot (h, day type) toward the entity's hour h times the
 * reference's weekday/weekend contrast at h, m<sub>q,(h,d)</sub><sup>ref</sup> / m<sub>q,h</sub><sup>ref</sup>.
 *
 * <p>The judged period's baseline is then Ī·m<sub>impressions,j</sub>, CTR<sub>b</sub>·m<sub>CTR,j</sub> and
 * so on, and the features below are computed with those in place of the flat values. With
 * {@link Seasonality#NONE} every m is 1: the flat baseline, bit for bit as before seasons existed.
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
 * keyword spending $2 a day and one spending $2,000. The seasonal multipliers are ratios of the entity's (and
 * the reference's) own amounts, so they keep both properties.
 */
public final class FeatureExtractor {

    private final FeatureConfig config;
    /**
     * The last reference profile computed: every entity judged at one period shares its reference and its
     * baseline range, so a batch computes the account's profile once instead of once per keyword. Purely a
     * cache (a race only recomputes), so the extractor stays immutable in behaviour and thread-safe.
     */
    private final AtomicReference<CachedPrior> lastPrior = new AtomicReference<>();

    private record CachedPrior(MetricSeries reference, long from, long to, SeasonalProfile profile) {
    }

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
        return window(series, period, null);
    }

    /**
     * Builds the window whose last row is {@code period}, with the seasonal prior pooled from
     * {@code reference} (see the class Javadoc).
     *
     * @param reference a series of the same granularity summing this entity with others (its profile), or
     *                  {@code null} for none; ignored with {@link Seasonality#NONE}
     * @throws IllegalArgumentException when the period lies outside the series, the series has too little
     *                                  history before it, or the reference has another granularity
     */
    public FeatureWindow window(MetricSeries series, LocalDateTime period, MetricSeries reference) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(period, "period");
        int idx = series.indexOf(period);
        if (idx < 0) {
            throw new IllegalArgumentException("period of entity '" + series.entityId() + "' must lie in "
                    + (series.isEmpty() ? "its series, which is empty"
                    : "[" + series.granularity().format(series.start()) + ", "
                    + series.granularity().format(series.end()) + "]")
                    + ", got " + series.granularity().format(period));
        }
        return window(series, idx, reference);
    }

    /**
     * Builds the window whose last row is the period at index {@code end}.
     *
     * @throws IllegalArgumentException when {@code end} is out of range or leaves too little history
     */
    public FeatureWindow window(MetricSeries series, int end) {
        return window(series, end, null);
    }

    /**
     * Builds the window whose last row is the period at index {@code end}, with the seasonal prior pooled from
     * {@code reference} (see the class Javadoc).
     *
     * @param reference a series of the same granularity summing this entity with others (its profile), or
     *                  {@code null} for none; ignored with {@link Seasonality#NONE}
     * @throws IllegalArgumentException when {@code end} is out of range or leaves too little history, or the
     *                                  reference has another granularity
     */
    public FeatureWindow window(MetricSeries series, int end, MetricSeries reference) {
        Objects.requireNonNull(series, "series");
        if (reference != null && reference.granularity() != series.granularity()) {
            throw new IllegalArgumentException("reference '" + reference.entityId() + "' of entity '"
                    + series.entityId() + "' must have granularity " + series.granularity() + ", got "
                    + reference.granularity());
        }
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
        fill(series, end, out, 0, reference);
        return FeatureWindow.of(FeatureSchema.DEFAULT, out, series.entityId(), series.periodAt(end));
    }

    /**
     * Builds every window of a series ending in [{@code fromEnd}, {@code toEnd}] (indices, inclusive), for
     * training. Ends before {@link #firstWindowEnd()} are skipped.
     *
     * @param stride step between consecutive window ends, &ge; 1
     */
    public List<FeatureWindow> windows(MetricSeries series, int fromEnd, int toEnd, int stride) {
        return windows(series, fromEnd, toEnd, stride, null);
    }

    /**
     * Builds every window of a series ending in [{@code fromEnd}, {@code toEnd}] (indices, inclusive), with the
     * seasonal prior pooled from {@code reference}, for training. Ends before {@link #firstWindowEnd()} are
     * skipped.
     *
     * @param stride    step between consecutive window ends, &ge; 1
     * @param reference as in {@link #window(MetricSeries, int, MetricSeries)}, or {@code null}
     */
    public List<FeatureWindow> windows(MetricSeries series, int fromEnd, int toEnd, int stride,
                                       MetricSeries reference) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        List<FeatureWindow> out = new ArrayList<>();
        for (int e = Math.max(fromEnd, firstWindowEnd()); e <= Math.min(toEnd, series.size() - 1); e += stride) {
            out.add(window(series, e, reference));
        }
        return out;
    }

    private void fill(MetricSeries s, int end, double[] out, int offset, MetricSeries reference) {
        FeatureConfig c = config;
        int w = c.windowLength();
        int first = end - w + 1; // may be negative only if validation let it through, which it does not
        int bEnd = first;        // exclusive
        int bStart = Math.max(0, bEnd - c.baselineLength());
        Baseline b = Baseline.of(s, bStart, bEnd);
        SeasonalProfile season = c.seasonality() == Seasonality.NONE ? null
                : SeasonalProfile.estimate(s, bStart, bEnd, b, c, prior(s, bStart, bEnd, reference));
        int phase = season == null ? 0 : SeasonalProfile.phase(s.granularity(), s.periodAt(first));
        double lim = c.featureLimit();
        int f = FeatureSchema.DEFAULT.size();
        for (int t = 0; t < w; t++) {
            int i = first + t;
            double imp = s.impressions(i);
            double clk = s.clicks(i);
            double spd = s.spend(i);
            double sal = s.sales(i);
            double ord = s.orders(i);
            double ctrB = b.ctr;
            double cpcB = b.cpc;
            double cvrB = b.cvr;
            double acosB = b.acos;
            double meanI = b.meanI;
            double meanS = b.meanS;
            double meanC = b.meanC;
            if (season != null) {
                int j = SeasonalProfile.slotOf(s.granularity(), phase, t);
                ctrB *= season.at(SeasonalProfile.CTR, j);
                cpcB *= season.at(SeasonalProfile.CPC, j);
                cvrB *= season.at(SeasonalProfile.CVR, j);
                acosB *= season.at(SeasonalProfile.ACOS, j);
                meanI *= season.at(SeasonalProfile.IMPRESSIONS, j);
                meanS *= season.at(SeasonalProfile.SPEND, j);
                meanC *= season.at(SeasonalProfile.CLICKS, j);
            }
            double aovB = b.aov;
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

    /**
     * The reference's own profile over the periods of the entity's baseline [bStart, bEnd), shrunk toward no
     * season; {@code null} (no season) without a reference or when it does not cover those periods.
     */
    private SeasonalProfile prior(MetricSeries s, int bStart, int bEnd, MetricSeries reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        Granularity g = s.granularity();
        long from = Math.max(0, g.between(reference.start(), s.periodAt(bStart)));
        long to = Math.min(reference.size(), g.between(reference.start(), s.periodAt(bEnd - 1)) + 1);
        if (from >= to) {
            return null;
        }
        CachedPrior c = lastPrior.get();
        if (c != null && c.reference == reference && c.from == from && c.to == to) {
            return c.profile;
        }
        Baseline rb = Baseline.of(reference, (int) from, (int) to);
        SeasonalProfile p = SeasonalProfile.estimate(reference, (int) from, (int) to, rb, config, null);
        lastPrior.set(new CachedPrior(reference, from, to, p));
        return p;
    }

    private static double clamp(double v, double lim) {
        // NaN cannot arise (every argument of log above is positive), but guard the contract anyway.
        if (v != v) {
            return 0.0;
        }
        return v > lim ? lim : (v < -lim ? -lim : v);
    }
}
