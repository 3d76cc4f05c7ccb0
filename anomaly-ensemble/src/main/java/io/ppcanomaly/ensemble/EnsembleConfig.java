package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.spi.ProviderOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration of the {@code ensemble} detector. Immutable; validated on construction.
 *
 * <h2>Properties keys</h2>
 * <table>
 *   <caption>Options of the ensemble provider</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code members}</td><td>{@code period-tail:0.7,lstm-autoencoder:0.15,half-space-trees:0.1,
 *       isolation-forest:0.05}</td>
 *       <td>comma-separated {@code name:weight} (a bare {@code name} weighs 1). Setting it makes every listed
 *       member <em>explicit</em>: one that is not on the class path is an error listing the available names.
 *       Left unset, the defaults are used and a missing one is left out with a WARN.</td></tr>
 *   <tr><td>{@code member.<name>.<key>}</td><td>none</td><td>option {@code <key>} passed to member
 *       {@code <name>}'s provider, e.g. {@code member.isolation-forest.trees=200}; naming a member that is not
 *       configured is an error.</td></tr>
 *   <tr><td>{@code combine}</td><td>{@code surprisal}</td><td>how the calibrated member scores are weighted
 *       together, see {@link Combination}: {@code surprisal} (weighted mean of −ln of each member's tail
 *       probability) or {@code mean} (weighted mean of the calibrated scores).</td></tr>
 *   <tr><td>{@code threshold}</td><td>0.999</td><td>flag at or above this combined score. The combined score is
 *       calibrated like the members', so 0.999 flags about 0.1% of normal windows: a budget of one false alert
 *       per 1,000 entity-periods.</td></tr>
 *   <tr><td>{@code calibration.holdout}</td><td>0.2</td><td>fraction of the training windows held out from the
 *       members' fit to calibrate their scores, in [0, 0.9]; 0 calibrates on the training windows
 *       themselves.</td></tr>
 *   <tr><td>{@code calibration.minHoldout}</td><td>50</td><td>fewest held-out windows worth calibrating on;
 *       with fewer, the ensemble calibrates in-sample.</td></tr>
 *   <tr><td>{@code calibration.maxSamples}</td><td>10000</td><td>cap on the calibration sample (a seeded
 *       random subset beyond it), which bounds the model size.</td></tr>
 *   <tr><td>{@code calibration.tail}</td><td>0.1</td><td>fraction of the calibration sample the tail model is
 *       fitted on, in (0, 0.5].</td></tr>
 *   <tr><td>{@code calibration.screen}</td><td>1e-4</td><td>tail probability below which a training period is
 *       taken for an incident and kept out of the window members' fit and of every calibration, in [0, 0.01];
 *       0 turns the screen off. Judged by the {@code period-tail} member; without it there is no screen (see
 *       {@link CalibrationScreen}).</td></tr>
 *   <tr><td>{@code seed}</td><td>42</td><td>seed of the random holdout split and subsampling (members take
 *       their own seeds, through {@code member.<name>.seed} where they support it).</td></tr>
 *   <tr><td>{@code strict}</td><td>false</td><td>when true, a member that fails to fit or score fails the
 *       ensemble instead of being left out.</td></tr>
 * </table>
 *
 * @param members               the members in order, at least one, unique names
 * @param explicitMembers       whether the members were named by the user (a missing one is then an error)
 * @param combination           how the calibrated member scores are combined
 * @param threshold             flag threshold on the combined score, in (0, 1]
 * @param holdoutFraction       fraction of training windows held out for calibration, in [0, 0.9]
 * @param minHoldout            fewest held-out windows worth calibrating on, &ge; 1
 * @param maxCalibrationSamples cap on the calibration sample, &ge; 10
 * @param tailFraction          fraction of the calibration sample fitting the tail model, in (0, 0.5]
 * @param screen                tail probability of a period taken for an incident in the training data, in
 *                              [0, 0.01]; 0 for no screen
 * @param seed                  seed of the holdout split and subsampling
 * @param strict                whether member failures fail the ensemble
 */
public record EnsembleConfig(List<MemberSpec> members, boolean explicitMembers, Combination combination,
                             double threshold, double holdoutFraction, int minHoldout, int maxCalibrationSamples,
                             double tailFraction, double screen, long seed, boolean strict) {

    /**
     * Default members and weights. {@code period-tail} judges the judged period itself, each feature against
     * every training period, and carries 0.7 of the vote; the window detectors (LSTM autoencoder, Half-Space
     * Trees, isolation forest), which see the whole window and so dilute a one-period shift among all its values
     * and rank the noisiest entities' ordinary days as their rarest, share 0.3 in their former 5:3:2 order
     * (the ensemble README gives the measurements).
     */
    public static final List<MemberSpec> DEFAULT_MEMBERS = List.of(MemberSpec.of("period-tail", 0.7),
            MemberSpec.of("lstm-autoencoder", 0.15), MemberSpec.of("half-space-trees", 0.1),
            MemberSpec.of("isolation-forest", 0.05));
    /** Most members an ensemble takes (the vote keeps a bit mask of who voted). */
    public static final int MAX_MEMBERS = 16;
    /**
     * Default threshold: flag windows rarer than 99.9% of normal ones. A PPC account checks every entity every
     * period, so with a calibrated score the threshold <em>is</em> the false-alert budget: 1 − 0.999 = one false
     * alert per 1,000 entity-periods (a 1,000-keyword account: about one a day on daily data; the same rate the
     * hourly bar allows at night). Measured on clean periods of generated accounts it holds (ensemble README).
     */
    public static final double DEFAULT_THRESHOLD = 0.999;
    /** Default fraction of training windows held out for calibration. */
    public static final double DEFAULT_HOLDOUT_FRACTION = 0.2;
    /** Default fewest held-out windows. */
    public static final int DEFAULT_MIN_HOLDOUT = 50;
    /** Default cap on the calibration sample. */
    public static final int DEFAULT_MAX_CALIBRATION_SAMPLES = 10_000;
    /** Default fraction of the calibration sample in the tail model. */
    public static final double DEFAULT_TAIL_FRACTION = 0.1;
    /**
     * Default screen: a training period rarer than 1 in 10,000 on the period-tail member is an incident. Normal
     * data loses about 0.01% of its periods (and the windows around them) to it, which moves a 0.999 threshold by
     * a tenth of its budget; an outage or a runaway CPC lies far beyond it.
     */
    public static final double DEFAULT_SCREEN = 1e-4;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;

    /** Default way of combining the members' calibrated scores. */
    public static final Combination DEFAULT_COMBINATION = Combination.SURPRISAL;
    /** The defaults. */
    public static final EnsembleConfig DEFAULT = new EnsembleConfig(DEFAULT_MEMBERS, false, DEFAULT_COMBINATION,
            DEFAULT_THRESHOLD,
            DEFAULT_HOLDOUT_FRACTION, DEFAULT_MIN_HOLDOUT, DEFAULT_MAX_CALIBRATION_SAMPLES, DEFAULT_TAIL_FRACTION,
            DEFAULT_SCREEN, DEFAULT_SEED, false);

    /** Key of the member list. */
    public static final String KEY_MEMBERS = "members";
    /** Prefix of per-member options: {@code member.<name>.<key>}. */
    public static final String MEMBER_PREFIX = "member.";
    static final String KEY_COMBINE = "combine";
    static final String KEY_THRESHOLD = "threshold";
    static final String KEY_HOLDOUT = "calibration.holdout";
    static final String KEY_MIN_HOLDOUT = "calibration.minHoldout";
    static final String KEY_MAX_SAMPLES = "calibration.maxSamples";
    static final String KEY_TAIL = "calibration.tail";
    static final String KEY_SCREEN = "calibration.screen";
    static final String KEY_SEED = "seed";
    static final String KEY_STRICT = "strict";
    private static final Set<String> KEYS = Set.of(KEY_MEMBERS, KEY_COMBINE, KEY_THRESHOLD, KEY_HOLDOUT, KEY_MIN_HOLDOUT,
            KEY_MAX_SAMPLES, KEY_TAIL, KEY_SCREEN, KEY_SEED, KEY_STRICT);

    /** Validates every field. */
    public EnsembleConfig {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members must not be empty, got 0");
        }
        if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("members must number at most " + MAX_MEMBERS + ", got "
                    + members.size());
        }
        Set<String> seen = new HashSet<>();
        for (MemberSpec m : members) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("member names must be unique, got '" + m.name() + "' twice");
            }
            if (m.name().equals(EnsembleDetectorProvider.NAME)) {
                throw new IllegalArgumentException("members must not include the ensemble itself, got '"
                        + m.name() + "'");
            }
        }
        Objects.requireNonNull(combination, "combination");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(KEY_THRESHOLD + " must be in (0, 1], got " + threshold);
        }
        if (!(holdoutFraction >= 0 && holdoutFraction <= 0.9)) {
            throw new IllegalArgumentException(KEY_HOLDOUT + " must be in [0, 0.9], got " + holdoutFraction);
        }
        if (minHoldout < 1) {
            throw new IllegalArgumentException(KEY_MIN_HOLDOUT + " must be >= 1, got " + minHoldout);
        }
        if (maxCalibrationSamples < 10) {
            throw new IllegalArgumentException(KEY_MAX_SAMPLES + " must be >= 10, got " + maxCalibrationSamples);
        }
        if (!(tailFraction > 0 && tailFraction <= 0.5)) {
            throw new IllegalArgumentException(KEY_TAIL + " must be in (0, 0.5], got " + tailFraction);
        }
        if (!(screen >= 0 && screen <= 0.01)) {
            throw new IllegalArgumentException(KEY_SCREEN + " must be in [0, 0.01], got " + screen);
        }
    }

    /**
     * Reads the documented keys; every missing one keeps its default.
     *
     * @param p options, or {@code null} for the defaults
     * @throws IllegalArgumentException for an unknown key, a malformed member list or an invalid value, naming
     *                                  the key
     */
    public static EnsembleConfig of(Properties p) {
        Properties own = new Properties();
        Map<String, Map<String, String>> memberOptions = new TreeMap<>();
        if (p != null) {
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith(MEMBER_PREFIX)) {
                    String rest = k.substring(MEMBER_PREFIX.length());
                    int dot = rest.indexOf('.');
                    if (dot <= 0 || dot == rest.length() - 1) {
                        throw new IllegalArgumentException("member option must look like member.<name>.<key>, got '"
                                + k + "'");
                    }
                    memberOptions.computeIfAbsent(rest.substring(0, dot), x -> new TreeMap<>())
                            .put(rest.substring(dot + 1), p.getProperty(k));
                } else {
                    own.setProperty(k, p.getProperty(k));
                }
            }
        }
        ProviderOptions o = new ProviderOptions(own);
        o.requireKnown(KEYS);
        String list = o.get(KEY_MEMBERS);
        boolean explicit = list != null && !list.isEmpty();
        List<MemberSpec> base = explicit ? parseMembers(list) : DEFAULT_MEMBERS;
        Map<String, MemberSpec> byName = new LinkedHashMap<>();
        for (MemberSpec m : base) {
            if (byName.put(m.name(), m) != null) {
                throw new IllegalArgumentException(KEY_MEMBERS + " names must be unique, got '" + m.name()
                        + "' twice");
            }
        }
        for (Map.Entry<String, Map<String, String>> e : memberOptions.entrySet()) {
            MemberSpec m = byName.get(e.getKey());
            if (m == null) {
                throw new IllegalArgumentException("member option names must be among the members "
                        + byName.keySet() + ", got 'member." + e.getKey() + ".*'");
            }
            byName.put(m.name(), new MemberSpec(m.name(), m.weight(), e.getValue()));
        }
        EnsembleConfig d = DEFAULT;
        return new EnsembleConfig(new ArrayList<>(byName.values()), explicit,
                Combination.parse(o.getString(KEY_COMBINE, d.combination.wireName())),
                o.getDouble(KEY_THRESHOLD, d.threshold), o.getDouble(KEY_HOLDOUT, d.holdoutFraction),
                o.getInt(KEY_MIN_HOLDOUT, d.minHoldout), o.getInt(KEY_MAX_SAMPLES, d.maxCalibrationSamples),
                o.getDouble(KEY_TAIL, d.tailFraction), o.getDouble(KEY_SCREEN, d.screen), o.getLong(KEY_SEED, d.seed),
                o.getBoolean(KEY_STRICT, d.strict));
    }

    private static List<MemberSpec> parseMembers(String list) {
        List<MemberSpec> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            String name = colon < 0 ? s : s.substring(0, colon).trim();
            double weight = 1.0;
            if (colon >= 0) {
                String w = s.substring(colon + 1).trim();
                try {
                    weight = Double.parseDouble(w);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(KEY_MEMBERS + " weight of '" + name
                            + "' must be a number, got '" + w + "'");
                }
            }
            out.add(MemberSpec.of(name, weight));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(KEY_MEMBERS + " must list at least one name:weight, got '" + list
                    + "'");
        }
        return out;
    }

    /** @return this configuration with the calibration screen off */
    EnsembleConfig withoutScreen() {
        return new EnsembleConfig(members, explicitMembers, combination, threshold, holdoutFraction, minHoldout,
                maxCalibrationSamples, tailFraction, 0.0, seed, strict);
    }

    /** @return the keys of {@link #of(Properties)} reproducing this configuration */
    public Properties toProperties() {
        Properties p = new Properties();
        if (explicitMembers) {
            StringBuilder sb = new StringBuilder();
            for (MemberSpec m : members) {
                sb.append(sb.length() == 0 ? "" : ",").append(m.name()).append(':').append(m.weight());
            }
            p.setProperty(KEY_MEMBERS, sb.toString());
        }
        for (MemberSpec m : members) {
            m.options().forEach((k, v) -> p.setProperty(MEMBER_PREFIX + m.name() + "." + k, v));
        }
        p.setProperty(KEY_COMBINE, combination.wireName());
        p.setProperty(KEY_THRESHOLD, Double.toString(threshold));
        p.setProperty(KEY_HOLDOUT, Double.toString(holdoutFraction));
        p.setProperty(KEY_MIN_HOLDOUT, Integer.toString(minHoldout));
        p.setProperty(KEY_MAX_SAMPLES, Integer.toString(maxCalibrationSamples));
        p.setProperty(KEY_TAIL, Double.toString(tailFraction));
        p.setProperty(KEY_SCREEN, Double.toString(screen));
        p.setProperty(KEY_SEED, Long.toString(seed));
        p.setProperty(KEY_STRICT, Boolean.toString(strict));
        return p;
    }
}
