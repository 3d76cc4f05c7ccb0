package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.Properties;
import java.util.Set;

/**
 * Settings of a {@link HierarchyRootCauseAnalyzer}. Immutable; validated on construction.
 *
 * <h2>Properties keys</h2>
 * <table>
 *   <caption>Options of the {@code hierarchy} provider</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY_HOPS}</td><td>3</td><td>how many levels above an anomaly its cause may sit when the
 *       levels in between are not anomalous (keyword → ad group → campaign → portfolio); 1–10</td></tr>
 *   <tr><td>{@value #KEY_SIBLING_RATIO}</td><td>0.3</td><td>a problem is widespread, and belongs to the parent,
 *       when more than this share of an anomalous entity's siblings are anomalous in the same direction;
 *       in [0, 1)</td></tr>
 *   <tr><td>{@value #KEY_MIN_CONFIDENCE}</td><td>0</td><td>causes below this confidence are dropped; in
 *       [0, 1]</td></tr>
 *   <tr><td>{@value #KEY_MAX_CAUSES}</td><td>100</td><td>at most this many causes are returned, most likely
 *       first; &ge; 1</td></tr>
 *   <tr><td>{@value #KEY_SEASON_PERIODS}</td><td>0</td><td>periods per season of the decomposition's forecast:
 *       a change is measured against the same periods of earlier seasons (the same weekdays of earlier weeks),
 *       so a weekly pattern is not mistaken for one; 0 = automatic (7 for days, 24 for hours), 1 = no season
 *       (the periods just before); &ge; 0</td></tr>
 *   <tr><td>{@value #KEY_SEASONS}</td><td>2</td><td>earlier seasons the forecast averages; 1–52</td></tr>
 *   <tr><td>{@value #KEY_SPREAD_RATIO}</td><td>0.5</td><td>with metrics, a problem is also widespread when the
 *       parent's children that were <em>not</em> flagged moved at least this fraction as much as the whole
 *       parent, relative to their size (their explanatory power over their baseline share: 0 when only the
 *       flagged children moved, 1 when every child moved in proportion); in (0, 1]</td></tr>
 *   <tr><td>{@value #KEY_MIN_CHANGE}</td><td>0.1</td><td>smallest absolute log-change (≈10%) of a parent, and
 *       of its unflagged children, that counts as a move in the decomposition; a move must also exceed three
 *       standard errors of its counting noise; &gt; 0</td></tr>
 *   <tr><td>{@value #KEY_LEAD_TOLERANCE}</td><td>0</td><td>periods an effect may start <em>before</em> its cause
 *       and still be explained by it (detector timing jitter); 0 = a cause starts no later than its
 *       effects; &ge; 0</td></tr>
 *   <tr><td>{@value #KEY_DRILL_DOWN}</td><td>true</td><td>with metrics, trace an anomalous parent that has no
 *       anomalous children down to the one child that explains its change (Adtributor's explaining set of size
 *       one), up to {@code hops} levels</td></tr>
 *   <tr><td>{@value #KEY_MAX_CONTRIBUTIONS}</td><td>10</td><td>largest contributions kept per cause; &ge; 1</td></tr>
 * </table>
 *
 * @param hops             levels a cause may sit above an effect across non-anomalous levels, in [1, 10]
 * @param siblingRatio     widespread threshold on the same-direction sibling share, in [0, 1)
 * @param minConfidence    confidence floor of the returned causes, in [0, 1]
 * @param maxCauses        most causes returned, &ge; 1
 * @param seasonPeriods    periods per season of the forecast, &ge; 0 (0 = automatic)
 * @param seasons          earlier seasons the forecast averages, in [1, 52]
 * @param spreadRatio      how much the unflagged children must share the parent's move, in (0, 1]
 * @param minChange        smallest absolute log-change counted as a move, finite and &gt; 0
 * @param leadTolerance    periods an effect may precede its cause, &ge; 0
 * @param drillDown        whether to decompose childless parent anomalies down to a child
 * @param maxContributions contributions kept per cause, &ge; 1
 */
public record HierarchyConfig(int hops, double siblingRatio, double minConfidence, int maxCauses,
                              int seasonPeriods, int seasons, double spreadRatio, double minChange, int leadTolerance,
                              boolean drillDown, int maxContributions) {

    /** Default hops: keyword → ad group → campaign → portfolio. */
    public static final int DEFAULT_HOPS = 3;
    /** Default widespread threshold: more than 30% of the siblings. */
    public static final double DEFAULT_SIBLING_RATIO = 0.3;
    /** Default confidence floor: keep every cause. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.0;
    /** Default most causes returned. */
    public static final int DEFAULT_MAX_CAUSES = 100;
    /** Default season: automatic, a week of days or a day of hours. */
    public static final int DEFAULT_SEASON_PERIODS = 0;
    /** Default forecast: the same periods of the two previous seasons. */
    public static final int DEFAULT_SEASONS = 2;
    /** Default share of the parent's move the unflagged children must show: half of a proportional move. */
    public static final double DEFAULT_SPREAD_RATIO = 0.5;
    /** Default smallest move: a log-change of 0.1, about 10%. */
    public static final double DEFAULT_MIN_CHANGE = 0.1;
    /** Default lead tolerance: a cause starts no later than its effects. */
    public static final int DEFAULT_LEAD_TOLERANCE = 0;
    /** Drill-down is on by default. */
    public static final boolean DEFAULT_DRILL_DOWN = true;
    /** Default contributions kept per cause. */
    public static final int DEFAULT_MAX_CONTRIBUTIONS = 10;

    /** Key of {@link #hops}. */
    public static final String KEY_HOPS = "hops";
    /** Key of {@link #siblingRatio}. */
    public static final String KEY_SIBLING_RATIO = "sibling.ratio";
    /** Key of {@link #minConfidence}. */
    public static final String KEY_MIN_CONFIDENCE = "confidence.min";
    /** Key of {@link #maxCauses}. */
    public static final String KEY_MAX_CAUSES = "causes.max";
    /** Key of {@link #seasonPeriods}. */
    public static final String KEY_SEASON_PERIODS = "season.periods";
    /** Key of {@link #seasons}. */
    public static final String KEY_SEASONS = "baseline.seasons";
    /** Key of {@link #spreadRatio}. */
    public static final String KEY_SPREAD_RATIO = "spread.ratio";
    /** Key of {@link #minChange}. */
    public static final String KEY_MIN_CHANGE = "spread.minChange";
    /** Key of {@link #leadTolerance}. */
    public static final String KEY_LEAD_TOLERANCE = "lead.tolerance";
    /** Key of {@link #drillDown}. */
    public static final String KEY_DRILL_DOWN = "drilldown";
    /** Key of {@link #maxContributions}. */
    public static final String KEY_MAX_CONTRIBUTIONS = "contributions.max";

    /** Every accepted key. */
    public static final Set<String> KEYS = Set.of(KEY_HOPS, KEY_SIBLING_RATIO, KEY_MIN_CONFIDENCE, KEY_MAX_CAUSES,
            KEY_SEASON_PERIODS, KEY_SEASONS, KEY_SPREAD_RATIO, KEY_MIN_CHANGE, KEY_LEAD_TOLERANCE, KEY_DRILL_DOWN,
            KEY_MAX_CONTRIBUTIONS);

    /** The defaults. */
    public static final HierarchyConfig DEFAULT = builder().build();

    /** Validates every field. */
    public HierarchyConfig {
        if (hops < 1 || hops > 10) {
            throw new IllegalArgumentException(KEY_HOPS + " must be in [1, 10], got " + hops);
        }
        if (!(siblingRatio >= 0 && siblingRatio < 1)) {
            throw new IllegalArgumentException(KEY_SIBLING_RATIO + " must be in [0, 1), got " + siblingRatio);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException(KEY_MIN_CONFIDENCE + " must be in [0, 1], got " + minConfidence);
        }
        if (maxCauses < 1) {
            throw new IllegalArgumentException(KEY_MAX_CAUSES + " must be >= 1, got " + maxCauses);
        }
        if (seasonPeriods < 0) {
            throw new IllegalArgumentException(KEY_SEASON_PERIODS + " must be >= 0, got " + seasonPeriods);
        }
        if (seasons < 1 || seasons > 52) {
            throw new IllegalArgumentException(KEY_SEASONS + " must be in [1, 52], got " + seasons);
        }
        if (!(spreadRatio > 0 && spreadRatio <= 1)) {
            throw new IllegalArgumentException(KEY_SPREAD_RATIO + " must be in (0, 1], got " + spreadRatio);
        }
        if (!(minChange > 0) || !Double.isFinite(minChange)) {
            throw new IllegalArgumentException(KEY_MIN_CHANGE + " must be finite and > 0, got " + minChange);
        }
        if (leadTolerance < 0) {
            throw new IllegalArgumentException(KEY_LEAD_TOLERANCE + " must be >= 0, got " + leadTolerance);
        }
        if (maxContributions < 1) {
            throw new IllegalArgumentException(KEY_MAX_CONTRIBUTIONS + " must be >= 1, got " + maxContributions);
        }
    }

    /**
     * @return the season length used for data of this granularity: {@link #seasonPeriods} when set, else 7 for
     *         days (a week) and 24 for hours (a day)
     */
    public int seasonFor(Granularity granularity) {
        if (seasonPeriods > 0) {
            return seasonPeriods;
        }
        return granularity == Granularity.HOUR ? 24 : 7;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this config */
    public Builder toBuilder() {
        return new Builder().hops(hops).siblingRatio(siblingRatio).minConfidence(minConfidence)
                .maxCauses(maxCauses).seasonPeriods(seasonPeriods).seasons(seasons).spreadRatio(spreadRatio)
                .minChange(minChange).leadTolerance(leadTolerance).drillDown(drillDown)
                .maxContributions(maxContributions);
    }

    /**
     * Reads a config from provider options; absent keys keep their defaults.
     *
     * @param props the options, or {@code null} for the defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming both
     */
    public static HierarchyConfig of(Properties props) {
        ProviderOptions o = new ProviderOptions(props);
        o.requireKnown(KEYS);
        return builder()
                .hops(o.getInt(KEY_HOPS, DEFAULT_HOPS))
                .siblingRatio(o.getDouble(KEY_SIBLING_RATIO, DEFAULT_SIBLING_RATIO))
                .minConfidence(o.getDouble(KEY_MIN_CONFIDENCE, DEFAULT_MIN_CONFIDENCE))
                .maxCauses(o.getInt(KEY_MAX_CAUSES, DEFAULT_MAX_CAUSES))
                .seasonPeriods(o.getInt(KEY_SEASON_PERIODS, DEFAULT_SEASON_PERIODS))
                .seasons(o.getInt(KEY_SEASONS, DEFAULT_SEASONS))
                .spreadRatio(o.getDouble(KEY_SPREAD_RATIO, DEFAULT_SPREAD_RATIO))
                .minChange(o.getDouble(KEY_MIN_CHANGE, DEFAULT_MIN_CHANGE))
                .leadTolerance(o.getInt(KEY_LEAD_TOLERANCE, DEFAULT_LEAD_TOLERANCE))
                .drillDown(o.getBoolean(KEY_DRILL_DOWN, DEFAULT_DRILL_DOWN))
                .maxContributions(o.getInt(KEY_MAX_CONTRIBUTIONS, DEFAULT_MAX_CONTRIBUTIONS))
                .build();
    }

    /** @return these settings as provider options; {@link #of} reads them back to an equal config */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(KEY_HOPS, Integer.toString(hops));
        p.setProperty(KEY_SIBLING_RATIO, Double.toString(siblingRatio));
        p.setProperty(KEY_MIN_CONFIDENCE, Double.toString(minConfidence));
        p.setProperty(KEY_MAX_CAUSES, Integer.toString(maxCauses));
        p.setProperty(KEY_SEASON_PERIODS, Integer.toString(seasonPeriods));
        p.setProperty(KEY_SEASONS, Integer.toString(seasons));
        p.setProperty(KEY_SPREAD_RATIO, Double.toString(spreadRatio));
        p.setProperty(KEY_MIN_CHANGE, Double.toString(minChange));
        p.setProperty(KEY_LEAD_TOLERANCE, Integer.toString(leadTolerance));
        p.setProperty(KEY_DRILL_DOWN, Boolean.toString(drillDown));
        p.setProperty(KEY_MAX_CONTRIBUTIONS, Integer.toString(maxContributions));
        return p;
    }

    /** A mutable builder of {@link HierarchyConfig}, starting from the defaults. */
    public static final class Builder {
        private int hops = DEFAULT_HOPS;
        private double siblingRatio = DEFAULT_SIBLING_RATIO;
        private double minConfidence = DEFAULT_MIN_CONFIDENCE;
        private int maxCauses = DEFAULT_MAX_CAUSES;
        private int seasonPeriods = DEFAULT_SEASON_PERIODS;
        private int seasons = DEFAULT_SEASONS;
        private double spreadRatio = DEFAULT_SPREAD_RATIO;
        private double minChange = DEFAULT_MIN_CHANGE;
        private int leadTolerance = DEFAULT_LEAD_TOLERANCE;
        private boolean drillDown = DEFAULT_DRILL_DOWN;
        private int maxContributions = DEFAULT_MAX_CONTRIBUTIONS;

        private Builder() {
        }

        /** @param v levels a cause may sit above an effect @return this */
        public Builder hops(int v) {
            hops = v;
            return this;
        }

        /** @param v widespread threshold on the sibling share @return this */
        public Builder siblingRatio(double v) {
            siblingRatio = v;
            return this;
        }

        /** @param v confidence floor @return this */
        public Builder minConfidence(double v) {
            minConfidence = v;
            return this;
        }

        /** @param v most causes returned @return this */
        public Builder maxCauses(int v) {
            maxCauses = v;
            return this;
        }

        /** @param v periods per season of the forecast, 0 = automatic @return this */
        public Builder seasonPeriods(int v) {
            seasonPeriods = v;
            return this;
        }

        /** @param v earlier seasons the forecast averages @return this */
        public Builder seasons(int v) {
            seasons = v;
            return this;
        }

        /** @param v share of the parent's move the unflagged children must show @return this */
        public Builder spreadRatio(double v) {
            spreadRatio = v;
            return this;
        }

        /** @param v smallest absolute log-change counted as a move @return this */
        public Builder minChange(double v) {
            minChange = v;
            return this;
        }

        /** @param v periods an effect may precede its cause @return this */
        public Builder leadTolerance(int v) {
            leadTolerance = v;
            return this;
        }

        /** @param v whether to drill childless parent anomalies down @return this */
        public Builder drillDown(boolean v) {
            drillDown = v;
            return this;
        }

        /** @param v contributions kept per cause @return this */
        public Builder maxContributions(int v) {
            maxContributions = v;
            return this;
        }

        /** @return the validated config */
        public HierarchyConfig build() {
            return new HierarchyConfig(hops, siblingRatio, minConfidence, maxCauses, seasonPeriods, seasons,
                    spreadRatio, minChange, leadTolerance, drillDown, maxContributions);
        }
    }
}
