package io.ppcanomaly.api.features;

import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.Properties;

/**
 * How {@link FeatureExtractor} turns metrics into scale-free features. Immutable; validated on construction.
 *
 * <p>Properties keys (all optional): {@code window.length}, {@code baseline.length},
 * {@code baseline.minLength}, {@code feature.limit}, {@code shrink.ctr.clicks}, {@code shrink.cpc.clicks},
 * {@code shrink.cvr.orders}, {@code shrink.acos.orders}, {@code shrink.volume.impressions}.
 *
 * <p>Shrinkage for CTR and CVR is counted in <em>expected events</em>, not raw trials: a keyword with a 0.5% CTR
 * gets 3 / 0.005 = 600 pseudo-impressions, one with 5% gets 60. That makes a period's noise roughly the same size
 * for every keyword, whatever its rates, so one global model sees comparable features everywhere.
 *
 * @param windowLength         periods per window, the last being judged (default 14)
 * @param baselineLength       periods before the window that form the entity's baseline (default 28)
 * @param minBaselineLength    fewest baseline periods accepted (default 7); shorter history is rejected
 * @param featureLimit         features are clamped to [-limit, limit] (default 8, i.e. a factor e^8 ≈ 3,000)
 * @param ctrShrinkClicks      expected pseudo-clicks at the baseline CTR added to each period (default 3)
 * @param cpcShrinkClicks      pseudo-clicks at the baseline CPC added to each period, also used for spend
 *                             volume (default 3)
 * @param cvrShrinkOrders      expected pseudo-orders at the baseline conversion rate (default 3)
 * @param acosShrinkOrders     pseudo-orders at the baseline order value and ACOS (default 2)
 * @param volumeShrinkImpressions pseudo-impressions added to today and to the baseline mean (default 20)
 */
public record FeatureConfig(int windowLength, int baselineLength, int minBaselineLength, double featureLimit,
                            double ctrShrinkClicks, double cpcShrinkClicks, double cvrShrinkOrders,
                            double acosShrinkOrders, double volumeShrinkImpressions) {

    /** Default window length: two weeks of days. */
    public static final int DEFAULT_WINDOW_LENGTH = 14;
    /** Default baseline length: four weeks before the window. */
    public static final int DEFAULT_BASELINE_LENGTH = 28;
    /** Default minimum baseline length: one week. */
    public static final int DEFAULT_MIN_BASELINE_LENGTH = 7;

    /** The defaults. */
    public static final FeatureConfig DEFAULT = new FeatureConfig(DEFAULT_WINDOW_LENGTH, DEFAULT_BASELINE_LENGTH,
            DEFAULT_MIN_BASELINE_LENGTH, 8.0, 3, 3, 3, 2, 20);

    /** Validates every field. */
    public FeatureConfig {
        positive("windowLength", windowLength);
        positive("baselineLength", baselineLength);
        positive("minBaselineLength", minBaselineLength);
        if (minBaselineLength > baselineLength) {
            throw new IllegalArgumentException("minBaselineLength must be <= baselineLength (" + baselineLength
                    + "), got " + minBaselineLength);
        }
        positive("featureLimit", featureLimit);
        positive("ctrShrinkClicks", ctrShrinkClicks);
        positive("cpcShrinkClicks", cpcShrinkClicks);
        positive("cvrShrinkOrders", cvrShrinkOrders);
        positive("acosShrinkOrders", acosShrinkOrders);
        positive("volumeShrinkImpressions", volumeShrinkImpressions);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    /** @return the fewest periods a series needs for one window */
    public int minimumSeriesLength() {
        return windowLength + minBaselineLength;
    }

    /** @return this config with another window length */
    public FeatureConfig withWindowLength(int length) {
        return new FeatureConfig(length, baselineLength, minBaselineLength, featureLimit, ctrShrinkClicks,
                cpcShrinkClicks, cvrShrinkOrders, acosShrinkOrders, volumeShrinkImpressions);
    }

    /** Reads the documented keys, falling back to {@link #DEFAULT} for each missing one. */
    public static FeatureConfig of(Properties p) {
        ProviderOptions o = new ProviderOptions(p);
        FeatureConfig d = DEFAULT;
        return new FeatureConfig(o.getInt("window.length", d.windowLength),
                o.getInt("baseline.length", d.baselineLength),
                o.getInt("baseline.minLength", d.minBaselineLength),
                o.getDouble("feature.limit", d.featureLimit),
                o.getDouble("shrink.ctr.clicks", d.ctrShrinkClicks),
                o.getDouble("shrink.cpc.clicks", d.cpcShrinkClicks),
                o.getDouble("shrink.cvr.orders", d.cvrShrinkOrders),
                o.getDouble("shrink.acos.orders", d.acosShrinkOrders),
                o.getDouble("shrink.volume.impressions", d.volumeShrinkImpressions));
    }

    /** @return the keys of {@link #of(Properties)} with this config's values */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("window.length", Integer.toString(windowLength));
        p.setProperty("baseline.length", Integer.toString(baselineLength));
        p.setProperty("baseline.minLength", Integer.toString(minBaselineLength));
        p.setProperty("feature.limit", Double.toString(featureLimit));
        p.setProperty("shrink.ctr.clicks", Double.toString(ctrShrinkClicks));
        p.setProperty("shrink.cpc.clicks", Double.toString(cpcShrinkClicks));
        p.setProperty("shrink.cvr.orders", Double.toString(cvrShrinkOrders));
        p.setProperty("shrink.acos.orders", Double.toString(acosShrinkOrders));
        p.setProperty("shrink.volume.impressions", Double.toString(volumeShrinkImpressions));
        return p;
    }
}
