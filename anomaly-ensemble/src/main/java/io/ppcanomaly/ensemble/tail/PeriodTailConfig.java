package io.ppcanomaly.ensemble.tail;

import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Configuration of the {@code period-tail} detector. Immutable; validated on construction.
 *
 * <h2>Properties keys</h2>
 * <table>
 *   <caption>Options of the period-tail provider</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code combine}</td><td>{@code max}</td><td>how the features' two-sided tail probabilities
 *       p<sub>f</sub> of the judged period are combined: {@code max} (the largest surprisal −ln p<sub>f</sub>,
 *       Tippett's method: the rarest feature) or {@code fisher} (Σ −ln p<sub>f</sub>). A PPC incident shows
 *       most in one KPI — CPC, CTR, impressions, CVR — and the ratios tied to it (ACOS to CVR, spend to clicks)
 *       move with it, so a sum counts one event twice or three times; a keyword's ordinary day without an
 *       order moves both CVR and ACOS and scored as rare as a real shift under the sum. On four generated
 *       accounts at the same recall {@code max} gave alert precision 0.95–0.99 where {@code fisher} gave
 *       0.85–0.97.</td></tr>
 *   <tr><td>{@code threshold}</td><td>0.999</td><td>flag at or above this score, in (0, 1]; the score is the
 *       combined statistic's rank among the reference windows, so 0.999 flags about 0.1% of normal
 *       periods.</td></tr>
 *   <tr><td>{@code maxSamples}</td><td>10000</td><td>cap on the reference sample (a seeded random subset beyond
 *       it), which bounds the model size: {@code maxSamples} values per feature.</td></tr>
 *   <tr><td>{@code trim}</td><td>0.02</td><td>share of each side of every reference distribution, the
 *       outermost, replaced by an exponential tail with the slope the distribution has just below it, in
 *       (0, 0.125]: training data with up to this share of incidents in a feature gives the same tails as clean
 *       data ({@link RobustTail}).</td></tr>
 *   <tr><td>{@code seed}</td><td>42</td><td>seed of the subsample.</td></tr>
 * </table>
 *
 * @param combine      how the features' tail probabilities are combined
 * @param threshold    flag threshold on the score, in (0, 1]
 * @param maxSamples   cap on the reference sample, &ge; 10
 * @param trim         share of each side of a distribution replaced by its exponential tail, in (0, 0.125]
 * @param seed         seed of the subsample
 */
public record PeriodTailConfig(Combine combine, double threshold, int maxSamples, double trim, long seed) {

    /** How the features' tail probabilities become one statistic. */
    public enum Combine {
        /** Tippett's method: the largest surprisal (the rarest feature). */
        MAX,
        /** Fisher's method: the sum of the features' surprisals −ln p. */
        FISHER;

        /** @return the option value */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Default threshold: about one normal period in 1,000 flagged. */
    public static final double DEFAULT_THRESHOLD = 0.999;
    /** Default cap on the reference sample. */
    public static final int DEFAULT_MAX_SAMPLES = 10_000;
    /**
     * Default share of each side replaced by the exponential tail: 2%, about one day of a reporting outage in a
     * 50-day history, or a budget cut-off on a campaign holding 8% of the keywords for a week of a 4-week one.
     */
    public static final double DEFAULT_TRIM = 0.02;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** The defaults. */
    public static final PeriodTailConfig DEFAULT = new PeriodTailConfig(Combine.MAX, DEFAULT_THRESHOLD,
            DEFAULT_MAX_SAMPLES, DEFAULT_TRIM, DEFAULT_SEED);

    static final String KEY_COMBINE = "combine";
    static final String KEY_THRESHOLD = "threshold";
    static final String KEY_MAX_SAMPLES = "maxSamples";
    static final String KEY_TRIM = "trim";
    static final String KEY_SEED = "seed";
    private static final Set<String> KEYS = Set.of(KEY_COMBINE, KEY_THRESHOLD, KEY_MAX_SAMPLES, KEY_TRIM, KEY_SEED);

    /** Validates every field. */
    public PeriodTailConfig {
        Objects.requireNonNull(combine, "combine");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(KEY_THRESHOLD + " must be in (0, 1], got " + threshold);
        }
        if (maxSamples < 10) {
            throw new IllegalArgumentException(KEY_MAX_SAMPLES + " must be >= 10, got " + maxSamples);
        }
        if (!(trim > 0 && trim <= 0.125)) {
            throw new IllegalArgumentException(KEY_TRIM + " must be in (0, 0.125], got " + trim);
        }
    }

    /**
     * Reads the options; absent keys take the defaults.
     *
     * @param options the provider options, or {@code null} for the defaults
     * @throws IllegalArgumentException for an unknown key or a bad value, naming both
     */
    public static PeriodTailConfig of(Properties options) {
        ProviderOptions o = new ProviderOptions(options);
        o.requireKnown(KEYS);
        String c = o.getString(KEY_COMBINE, DEFAULT.combine.wireName());
        Combine combine = switch (c.toLowerCase(Locale.ROOT)) {
            case "fisher" -> Combine.FISHER;
            case "max" -> Combine.MAX;
            default -> throw new IllegalArgumentException(KEY_COMBINE + " must be fisher or max, got '" + c + "'");
        };
        return new PeriodTailConfig(combine, o.getDouble(KEY_THRESHOLD, DEFAULT.threshold),
                o.getInt(KEY_MAX_SAMPLES, DEFAULT.maxSamples), o.getDouble(KEY_TRIM, DEFAULT.trim),
                o.getLong(KEY_SEED, DEFAULT.seed));
    }

    /** @return the keys of {@link #of(Properties)} reproducing this configuration */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(KEY_COMBINE, combine.wireName());
        p.setProperty(KEY_THRESHOLD, Double.toString(threshold));
        p.setProperty(KEY_MAX_SAMPLES, Integer.toString(maxSamples));
        p.setProperty(KEY_TRIM, Double.toString(trim));
        p.setProperty(KEY_SEED, Long.toString(seed));
        return p;
    }
}
