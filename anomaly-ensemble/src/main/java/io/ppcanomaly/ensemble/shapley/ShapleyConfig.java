package io.ppcanomaly.ensemble.shapley;

import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.Properties;
import java.util.Set;

/**
 * Configuration of the {@code monte-carlo-shapley} explainer. Immutable; validated on construction.
 *
 * <p>Properties keys (all optional): {@code samples}, {@code exact.maxFeatures}, {@code seed},
 * {@code antithetic}, {@code batch.size}.
 *
 * @param samples          permutations sampled when the features are too many to enumerate (default 128), &ge; 4;
 *                         with antithetic sampling rounded up to an even number
 * @param exactMaxFeatures enumerate all 2^F coalitions exactly when at most this many features differ from the
 *                         baseline (default 10, at most {@value #MAX_EXACT_FEATURES})
 * @param seed             seed of the permutations; the same seed gives the same explanation (default 42)
 * @param antithetic       sample each permutation together with its reverse (default true): the pair's
 *                         marginal contributions are negatively correlated, which cuts the variance for the same
 *                         number of detector calls (Mitchell, Cooper, Frank &amp; Holmes 2022, "Sampling
 *                         permutations for Shapley value estimation", JMLR 23(43))
 * @param batchSize        most coalition windows sent to the detector in one {@code scoreAll} call (default
 *                         4096), &ge; 1
 */
public record ShapleyConfig(int samples, int exactMaxFeatures, long seed, boolean antithetic, int batchSize) {

    /** Default number of sampled permutations. */
    public static final int DEFAULT_SAMPLES = 128;
    /** Default largest feature count explained exactly. */
    public static final int DEFAULT_EXACT_MAX_FEATURES = 10;
    /** Largest {@code exactMaxFeatures} accepted: 2^20 coalitions is already a million detector calls. */
    public static final int MAX_EXACT_FEATURES = 20;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 4096;
    /** The defaults. */
    public static final ShapleyConfig DEFAULT = new ShapleyConfig(DEFAULT_SAMPLES, DEFAULT_EXACT_MAX_FEATURES,
            DEFAULT_SEED, true, DEFAULT_BATCH_SIZE);

    private static final Set<String> KEYS = Set.of("samples", "exact.maxFeatures", "seed", "antithetic",
            "batch.size");

    /** Validates every field. */
    public ShapleyConfig {
        if (samples < 4) {
            throw new IllegalArgumentException("samples must be >= 4, got " + samples);
        }
        if (exactMaxFeatures < 0 || exactMaxFeatures > MAX_EXACT_FEATURES) {
            throw new IllegalArgumentException("exact.maxFeatures must be in [0, " + MAX_EXACT_FEATURES + "], got "
                    + exactMaxFeatures);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch.size must be >= 1, got " + batchSize);
        }
    }

    /**
     * Reads the documented keys; missing ones keep their defaults.
     *
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming the key
     */
    public static ShapleyConfig of(Properties p) {
        ProviderOptions o = new ProviderOptions(p);
        o.requireKnown(KEYS);
        ShapleyConfig d = DEFAULT;
        return new ShapleyConfig(o.getInt("samples", d.samples), o.getInt("exact.maxFeatures", d.exactMaxFeatures),
                o.getLong("seed", d.seed), o.getBoolean("antithetic", d.antithetic),
                o.getInt("batch.size", d.batchSize));
    }

    /** @return the keys of {@link #of(Properties)} with this configuration's values */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("samples", Integer.toString(samples));
        p.setProperty("exact.maxFeatures", Integer.toString(exactMaxFeatures));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("antithetic", Boolean.toString(antithetic));
        p.setProperty("batch.size", Integer.toString(batchSize));
        return p;
    }

    /** @return the number of permutations actually sampled (even with antithetic sampling) */
    public int permutations() {
        return antithetic ? samples + (samples & 1) : samples;
    }
}
