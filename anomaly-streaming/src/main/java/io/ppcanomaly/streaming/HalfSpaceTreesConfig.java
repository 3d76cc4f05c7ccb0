package io.ppcanomaly.streaming;

import io.ppcanomaly.api.spi.ProviderOptions;
import io.ppcanomaly.streaming.tree.ForestShape;
import io.ppcanomaly.streaming.tree.HalfSpaceForest;
import io.ppcanomaly.streaming.tree.SplitRule;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;

/**
 * Settings of a {@link HalfSpaceTreesDetector}; defaults are the paper's (Tan, Ting &amp; Liu, IJCAI 2011).
 *
 * <h2>Properties keys</h2>
 * <table>
 *   <caption>Options of the {@code half-space-trees} provider</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #KEY_TREES}</td><td>25</td><td>trees in the ensemble ({@code t})</td></tr>
 *   <tr><td>{@value #KEY_DEPTH}</td><td>15</td><td>depth of every leaf ({@code maxDepth}), 1–20</td></tr>
 *   <tr><td>{@value #KEY_WINDOW_SIZE}</td><td>250</td><td>observations per mass profile ({@code ψ}); the
 *       profiles swap every ψ observations learnt</td></tr>
 *   <tr><td>{@value #KEY_SIZE_LIMIT}</td><td>0.1</td><td>{@code sizeLimit} as a fraction of ψ: scoring stops
 *       at the first node whose reference mass is below it</td></tr>
 *   <tr><td>{@value #KEY_WINDOW_ROWS}</td><td>1</td><td>how many of a window's last rows make one observation
 *       (flattened); 1 = the period being judged</td></tr>
 *   <tr><td>{@value #KEY_SPLIT_RULE}</td><td>midpoint</td><td>{@code midpoint} (the paper) or
 *       {@code uniform}</td></tr>
 *   <tr><td>{@value #KEY_CONTAMINATION}</td><td>0.01</td><td>expected share of anomalies: the threshold is the
 *       {@code 1 − contamination} quantile of the fitted model's scores of its training observations</td></tr>
 *   <tr><td>{@value #KEY_THRESHOLD}</td><td>(unset)</td><td>a fixed threshold in [0, 1]; overrides
 *       {@code contamination}</td></tr>
 *   <tr><td>{@value #KEY_SEED}</td><td>42</td><td>seed of the work-spaces and trees</td></tr>
 * </table>
 *
 * @param numberOfTrees     trees in the ensemble, &gt; 0
 * @param maxDepth          leaf depth, in [1, 20]
 * @param windowSize        ψ, in [1, 2^24 − 1]
 * @param sizeLimitFraction sizeLimit / ψ, in (0, 1]
 * @param windowRows        last rows of a window flattened into one observation, &gt; 0
 * @param splitRule         where nodes split
 * @param contamination     expected anomaly share for the threshold, in (0, 0.5]
 * @param threshold         a fixed threshold in [0, 1], or empty to derive it from {@code contamination}
 * @param seed              seed of the structure
 */
public record HalfSpaceTreesConfig(int numberOfTrees, int maxDepth, int windowSize, double sizeLimitFraction,
                                   int windowRows, SplitRule splitRule, double contamination,
                                   OptionalDouble threshold, long seed) {

    /** Paper default {@code t}. */
    public static final int DEFAULT_TREES = 25;
    /** Paper default {@code maxDepth}. */
    public static final int DEFAULT_DEPTH = 15;
    /** Paper default {@code ψ}. */
    public static final int DEFAULT_WINDOW_SIZE = 250;
    /** Paper default {@code sizeLimit = 0.1 ψ}. */
    public static final double DEFAULT_SIZE_LIMIT_FRACTION = 0.1;
    /** One row: the period being judged. */
    public static final int DEFAULT_WINDOW_ROWS = 1;
    /** The paper's midpoint split. */
    public static final SplitRule DEFAULT_SPLIT_RULE = SplitRule.MIDPOINT;
    /** Default expected share of anomalies. */
    public static final double DEFAULT_CONTAMINATION = 0.01;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;

    /** Key of {@link #numberOfTrees}. */
    public static final String KEY_TREES = "numberOfTrees";
    /** Key of {@link #maxDepth}. */
    public static final String KEY_DEPTH = "maxDepth";
    /** Key of {@link #windowSize}. */
    public static final String KEY_WINDOW_SIZE = "windowSize";
    /** Key of {@link #sizeLimitFraction}. */
    public static final String KEY_SIZE_LIMIT = "sizeLimitFraction";
    /** Key of {@link #windowRows}. */
    public static final String KEY_WINDOW_ROWS = "windowRows";
    /** Key of {@link #splitRule}: {@code midpoint} or {@code uniform}. */
    public static final String KEY_SPLIT_RULE = "splitRule";
    /** Key of {@link #contamination}. */
    public static final String KEY_CONTAMINATION = "contamination";
    /** Key of {@link #threshold}. */
    public static final String KEY_THRESHOLD = "threshold";
    /** Key of {@link #seed}. */
    public static final String KEY_SEED = "seed";

    /** Every accepted key. */
    public static final Set<String> KEYS = Set.of(KEY_TREES, KEY_DEPTH, KEY_WINDOW_SIZE, KEY_SIZE_LIMIT,
            KEY_WINDOW_ROWS, KEY_SPLIT_RULE, KEY_CONTAMINATION, KEY_THRESHOLD, KEY_SEED);

    /** The paper's defaults. */
    public static final HalfSpaceTreesConfig DEFAULT = builder().build();

    /** Validates every field. */
    public HalfSpaceTreesConfig {
        ForestShape.checkShape(numberOfTrees, maxDepth);
        ForestShape.checkWindow(windowSize, sizeLimitFraction);
        if (windowRows <= 0) {
            throw new IllegalArgumentException("windowRows must be > 0, got " + windowRows);
        }
        Objects.requireNonNull(splitRule, "splitRule");
        if (!(contamination > 0.0 && contamination <= 0.5)) {
            throw new IllegalArgumentException("contamination must be in (0, 0.5], got " + contamination);
        }
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isPresent() && !(threshold.getAsDouble() >= 0.0 && threshold.getAsDouble() <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold.getAsDouble());
        }
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this config */
    public Builder toBuilder() {
        return new Builder().numberOfTrees(numberOfTrees).maxDepth(maxDepth).windowSize(windowSize)
                .sizeLimitFraction(sizeLimitFraction).windowRows(windowRows).splitRule(splitRule)
                .contamination(contamination).threshold(threshold).seed(seed);
    }

    /**
     * Reads a config from provider options; absent keys keep their defaults.
     *
     * @param props the options, or {@code null} for the defaults
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming both
     */
    public static HalfSpaceTreesConfig of(Properties props) {
        ProviderOptions o = new ProviderOptions(props);
        o.requireKnown(KEYS);
        String thr = o.get(KEY_THRESHOLD);
        return builder()
                .numberOfTrees(o.getInt(KEY_TREES, DEFAULT_TREES))
                .maxDepth(o.getInt(KEY_DEPTH, DEFAULT_DEPTH))
                .windowSize(o.getInt(KEY_WINDOW_SIZE, DEFAULT_WINDOW_SIZE))
                .sizeLimitFraction(o.getDouble(KEY_SIZE_LIMIT, DEFAULT_SIZE_LIMIT_FRACTION))
                .windowRows(o.getInt(KEY_WINDOW_ROWS, DEFAULT_WINDOW_ROWS))
                .splitRule(parseSplitRule(o.getString(KEY_SPLIT_RULE, "midpoint")))
                .contamination(o.getDouble(KEY_CONTAMINATION, DEFAULT_CONTAMINATION))
                .threshold(thr == null || thr.isEmpty()
                        ? OptionalDouble.empty() : OptionalDouble.of(o.getDouble(KEY_THRESHOLD, 0.0)))
                .seed(o.getLong(KEY_SEED, DEFAULT_SEED))
                .build();
    }

    private static SplitRule parseSplitRule(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "midpoint" -> SplitRule.MIDPOINT;
            case "uniform" -> SplitRule.UNIFORM;
            default -> throw new IllegalArgumentException(KEY_SPLIT_RULE + " must be midpoint or uniform, got '"
                    + v + "'");
        };
    }

    /** @return these settings as provider options; {@link #of} reads them back to an equal config */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(KEY_TREES, Integer.toString(numberOfTrees));
        p.setProperty(KEY_DEPTH, Integer.toString(maxDepth));
        p.setProperty(KEY_WINDOW_SIZE, Integer.toString(windowSize));
        p.setProperty(KEY_SIZE_LIMIT, Double.toString(sizeLimitFraction));
        p.setProperty(KEY_WINDOW_ROWS, Integer.toString(windowRows));
        p.setProperty(KEY_SPLIT_RULE, splitRule.name().toLowerCase(Locale.ROOT));
        p.setProperty(KEY_CONTAMINATION, Double.toString(contamination));
        threshold.ifPresent(t -> p.setProperty(KEY_THRESHOLD, Double.toString(t)));
        p.setProperty(KEY_SEED, Long.toString(seed));
        return p;
    }

    /**
     * @param dimensions observation width ({@code windowRows × features})
     * @return the fixed memory of a model with these settings, in bytes (see {@link HalfSpaceForest#sizeInBytes})
     */
    public long modelSizeInBytes(int dimensions) {
        return ForestShape.sizeInBytes(numberOfTrees, maxDepth, dimensions, windowSize);
    }

    /** A mutable builder of {@link HalfSpaceTreesConfig}, starting from the defaults. */
    public static final class Builder {
        private int numberOfTrees = DEFAULT_TREES;
        private int maxDepth = DEFAULT_DEPTH;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private double sizeLimitFraction = DEFAULT_SIZE_LIMIT_FRACTION;
        private int windowRows = DEFAULT_WINDOW_ROWS;
        private SplitRule splitRule = DEFAULT_SPLIT_RULE;
        private double contamination = DEFAULT_CONTAMINATION;
        private OptionalDouble threshold = OptionalDouble.empty();
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /** @param v trees in the ensemble @return this */
        public Builder numberOfTrees(int v) {
            numberOfTrees = v;
            return this;
        }

        /** @param v leaf depth @return this */
        public Builder maxDepth(int v) {
            maxDepth = v;
            return this;
        }

        /** @param v ψ @return this */
        public Builder windowSize(int v) {
            windowSize = v;
            return this;
        }

        /** @param v sizeLimit / ψ @return this */
        public Builder sizeLimitFraction(double v) {
            sizeLimitFraction = v;
            return this;
        }

        /** @param v last rows per observation @return this */
        public Builder windowRows(int v) {
            windowRows = v;
            return this;
        }

        /** @param v split rule @return this */
        public Builder splitRule(SplitRule v) {
            splitRule = v;
            return this;
        }

        /** @param v expected anomaly share @return this */
        public Builder contamination(double v) {
            contamination = v;
            return this;
        }

        /** @param v fixed threshold in [0, 1] @return this */
        public Builder threshold(double v) {
            threshold = OptionalDouble.of(v);
            return this;
        }

        /** @param v fixed threshold, or empty for the contamination quantile @return this */
        public Builder threshold(OptionalDouble v) {
            threshold = v;
            return this;
        }

        /** @param v seed @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException for an invalid value
         */
        public HalfSpaceTreesConfig build() {
            return new HalfSpaceTreesConfig(numberOfTrees, maxDepth, windowSize, sizeLimitFraction, windowRows,
                    splitRule, contamination, threshold, seed);
        }
    }
}
