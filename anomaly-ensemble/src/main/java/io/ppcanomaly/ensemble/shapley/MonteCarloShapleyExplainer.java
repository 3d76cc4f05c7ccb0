package io.ppcanomaly.ensemble.shapley;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.WindowChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Shapley values of a window's features for any {@link Detector}, the ensemble included: one explanation for the
 * whole vote. Stateless and thread-safe.
 *
 * <h2>The game</h2>
 * A player is a feature — one column of the window, all its periods together (so "cpc" explains the CPC path of
 * the whole window, not one day of it). The value of a coalition S is the detector's [0, 1] score of the window
 * whose columns in S come from the explained window and the others from the baseline: "absent" means "behaving
 * as the entity normally does", which for the scale-free PPC features is the all-zero window
 * ({@link FeatureWindow#zeros}) and otherwise the caller's reference. The Shapley value (Shapley 1953) of a
 * feature is its marginal contribution averaged over all orders in which the features can join.
 *
 * <h2>Computation</h2>
 * Features whose column equals the baseline's are null players: their value is 0 and the others' values are
 * those of the smaller game, so they are left out. With {@code a} features left:
 * <ul>
 *   <li>{@code a <= exact.maxFeatures} (default 10): every one of the 2^a coalitions is scored and the values
 *       are the exact weighted sums, standard error 0;</li>
 *   <li>otherwise permutation sampling (Štrumbelj &amp; Kononenko 2014, "Explaining prediction models and
 *       individual predictions with feature contributions", Knowl. Inf. Syst. 41(3):647–665): for each sampled
 *       order, features join one by one and each gets the score change it causes; the value is the mean over
 *       orders, the standard error that of the mean (over antithetic pairs when the reverse of every order is
 *       sampled too). Orders come from a {@link SplittableRandom} seeded with {@code seed}, so an explanation is
 *       reproducible.</li>
 * </ul>
 * In both cases all coalition windows are built first and scored through the detector's batch path
 * ({@link Detector#scoreAll}, in chunks of {@code batch.size}), so per-call overheads are paid once.
 *
 * <h2>Efficiency, exactly</h2>
 * Within one order the marginal contributions telescope to {@code v(all) − v(none)}, so their mean over orders
 * does too: the contributions always sum to {@code score − baselineScore} (up to floating-point rounding,
 * ~1e-15), sampled or not. The two end scores come from the same batch as the coalitions.
 */
public final class MonteCarloShapleyExplainer implements Explainer {

    private final ShapleyConfig config;

    /** Creates an explainer with the given configuration. */
    public MonteCarloShapleyExplainer(ShapleyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Creates an explainer with {@link ShapleyConfig#DEFAULT}. */
    public MonteCarloShapleyExplainer() {
        this(ShapleyConfig.DEFAULT);
    }

    /** @return the configuration */
    public ShapleyConfig config() {
        return config;
    }

    @Override
    public String name() {
        return MonteCarloShapleyProvider.NAME;
    }

    @Override
    public Explanation explain(Detector detector, FeatureWindow window, FeatureWindow baseline) {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseline, "baseline");
        if (!detector.isFitted()) {
            throw WindowChecks.notFitted(detector.name());
        }
        FeatureSchema schema = detector.schema();
        int len = detector.windowLength();
        WindowChecks.requireMatching(window, schema, len);
        try {
            WindowChecks.requireMatching(baseline, schema, len);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseline " + e.getMessage(), e);
        }
        int f = schema.size();
        double[] x = window.toArray();
        double[] b = baseline.toArray();
        int[] active = activeFeatures(x, b, f, len);
        double[] phi = new double[f];
        double[] se = new double[f];
        double[] ends;
        if (active.length == 0) {
            double v = detector.scoreAll(List.of(window)).get(0).score();
            ends = new double[] {v, v};
        } else if (active.length <= config.exactMaxFeatures()) {
            ends = exact(detector, window, x, b, f, len, active, phi);
        } else {
            ends = sampled(detector, window, x, b, f, len, active, phi, se);
        }
        Map<String, Double> contributions = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int k = 0; k < f; k++) {
            contributions.put(schema.name(k), phi[k]);
            errors.put(schema.name(k), se[k]);
        }
        return new Explanation(window.entityId(), window.period(), name(), ends[0], ends[1], contributions, errors);
    }

    /** @return the features whose column differs from the baseline's somewhere */
    private static int[] activeFeatures(double[] x, double[] b, int f, int len) {
        int[] tmp = new int[f];
        int a = 0;
        for (int k = 0; k < f; k++) {
            for (int t = 0; t < len; t++) {
                if (Double.compare(x[t * f + k], b[t * f + k]) != 0) {
                    tmp[a++] = k;
                    break;
                }
            }
        }
        return Arrays.copyOf(tmp, a);
    }

    private static void copyColumn(double[] from, double[] to, int feature, int f, int len) {
        for (int t = 0; t < len; t++) {
            to[t * f + feature] = from[t * f + feature];
        }
    }

    /** Scores all windows in chunks of the configured batch size. */
    private double[] scoreAll(Detector detector, List<FeatureWindow> windows) {
        double[] out = new double[windows.size()];
        int chunk = config.batchSize();
        for (int from = 0; from < windows.size(); from += chunk) {
            int to = Math.min(windows.size(), from + chunk);
            List<AnomalyResult> rs = detector.scoreAll(windows.subList(from, to));
            if (rs.size() != to - from) {
                throw new IllegalStateException("detector '" + detector.name() + "' returned " + rs.size()
                        + " results for " + (to - from) + " windows");
            }
            for (int i = from; i < to; i++) {
                out[i] = rs.get(i - from).score();
            }
        }
        return out;
    }

    /** Exact enumeration; fills {@code phi}, returns {score, baselineScore}. */
    private double[] exact(Detector detector, FeatureWindow window, double[] x, double[] b, int f, int len,
                           int[] active, double[] phi) {
        int a = active.length;
        int coalitions = 1 << a;
        List<FeatureWindow> windows = new ArrayList<>(coalitions);
        double[] buf = new double[x.length];
        for (int s = 0; s < coalitions; s++) {
            System.arraycopy(b, 0, buf, 0, b.length);
            for (int k = 0; k < a; k++) {
                if ((s & (1 << k)) != 0) {
                    copyColumn(x, buf, active[k], f, len);
                }
            }
            windows.add(window.withValues(buf));
        }
        double[] v = scoreAll(detector, windows);
        // weight of a coalition of size s not containing the player: s! (a - s - 1)! / a! = 1 / (a * C(a-1, s))
        double[] weight = new double[a];
        double binom = 1;
        for (int s = 0; s < a; s++) {
            weight[s] = 1.0 / (a * binom);
            binom = binom * (a - 1 - s) / (s + 1);
        }
        double[] acc = new double[a];
        for (int s = 0; s < coalitions; s++) {
            int size = Integer.bitCount(s);
            if (size == a) {
                continue;
            }
            double w = weight[size];
            for (int k = 0; k < a; k++) {
                int bit = 1 << k;
                if ((s & bit) == 0) {
                    acc[k] += w * (v[s | bit] - v[s]);
                }
            }
        }
        for (int k = 0; k < a; k++) {
            phi[active[k]] = acc[k];
        }
        return new double[] {v[coalitions - 1], v[0]};
    }

    /** Permutation sampling; fills {@code phi} and {@code se}, returns {score, baselineScore}. */
    private double[] sampled(Detector detector, FeatureWindow window, double[] x, double[] b, int f, int len,
                             int[] active, double[] phi, double[] se) {
        int a = active.length;
        int m = config.permutations();
        int[][] orders = new int[m][];
        SplittableRandom rnd = new SplittableRandom(config.seed());
        for (int p = 0; p < m; p++) {
            if (config.antithetic() && (p & 1) == 1) {
                int[] prev = orders[p - 1];
                int[] rev = new int[a];
                for (int k = 0; k < a; k++) {
                    rev[k] = prev[a - 1 - k];
                }
                orders[p] = rev;
            } else {
                int[] o = new int[a];
                for (int k = 0; k < a; k++) {
                    o[k] = k;
                }
                for (int k = a - 1; k > 0; k--) {
                    int j = rnd.nextInt(k + 1);
                    int t = o[k];
                    o[k] = o[j];
                    o[j] = t;
                }
                orders[p] = o;
            }
        }
        // window 0: nobody (the baseline), 1: everybody, then per order its a - 1 proper prefixes
        List<FeatureWindow> windows = new ArrayList<>(2 + m * (a - 1));
        windows.add(window.withValues(b));
        windows.add(window.withValues(x));
        double[] buf = new double[x.length];
        for (int p = 0; p < m; p++) {
            System.arraycopy(b, 0, buf, 0, b.length);
            for (int k = 0; k < a - 1; k++) {
                copyColumn(x, buf, active[orders[p][k]], f, len);
                windows.add(window.withValues(buf));
            }
        }
        double[] v = scoreAll(detector, windows);
        double none = v[0];
        double all = v[1];
        // delta[p][k]: marginal contribution of active feature k in order p
        double[][] delta = new double[m][a];
        for (int p = 0; p < m; p++) {
            double prev = none;
            int base = 2 + p * (a - 1);
            for (int k = 0; k < a; k++) {
                double cur = k == a - 1 ? all : v[base + k];
                delta[p][orders[p][k]] = cur - prev;
                prev = cur;
            }
        }
        int units = config.antithetic() ? m / 2 : m;
        for (int k = 0; k < a; k++) {
            double sum = 0;
            for (int u = 0; u < units; u++) {
                sum += unit(delta, u, k);
            }
            double mean = sum / units;
            double ss = 0; // two passes: no cancellation when every order gives the same contribution
            for (int u = 0; u < units; u++) {
                double d = unit(delta, u, k) - mean;
                ss += d * d;
            }
            phi[active[k]] = mean;
            se[active[k]] = Math.sqrt(ss / (units - 1) / units);
        }
        return new double[] {all, none};
    }

    /** One sampling unit's contribution of feature k: an order's, or an antithetic pair's mean. */
    private double unit(double[][] delta, int u, int k) {
        return config.antithetic() ? 0.5 * (delta[2 * u][k] + delta[2 * u + 1][k]) : delta[u][k];
    }

    @Override
    public String toString() {
        return "MonteCarloShapleyExplainer" + config;
    }
}
