package io.ppcanomaly.ensemble.tail;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.AbstractDetector;
import io.ppcanomaly.api.spi.FitReporter;
import io.ppcanomaly.api.spi.FittedModel;
import io.ppcanomaly.api.spi.ModelStreams;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How rare the judged period is, feature by feature: each feature of a window's <em>last row</em> is placed in
 * the distribution of that feature over the last rows of the reference (training) windows, its two-sided tail
 * probability p<sub>f</sub> is taken ({@link FeatureTails}), and the probabilities are combined — by default the
 * largest surprisal −ln p<sub>f</sub> (Tippett's method), or Fisher's Σ −ln p<sub>f</sub>
 * ({@link PeriodTailConfig} says why). The score is 1 − the
 * statistic's tail probability among the reference periods (each reference period's statistic taken among the
 * others), so 0.999 means "rarer than 99.9% of the reference periods". Create it through
 * {@code Detectors.create("period-tail", options)}.
 *
 * <h2>Why a detector of the last row</h2>
 * Window detectors (an autoencoder, isolation trees, half-space trees) judge all {@code length × width} values
 * of a window at once, so a period in which one KPI is extreme moves their score by one coordinate in 84: a
 * campaign whose budget ran out at noon (impressions −75%, beyond the 0.01% quantile of every normal
 * keyword-day) scored no higher than an ordinary day of a noisy keyword on the sample account. This detector
 * asks the question an alert answers — is this period unusual? — with each feature on its own scale, which
 * with the scale-free PPC features means against every entity's change from its own baseline. It sees no
 * temporal pattern: a slow drift or an unusual sequence is for the window detectors, which is why the ensemble
 * votes with both.
 *
 * <h2>Robust to incidents in the training data</h2>
 * Every distribution here — each feature's two sides and the combined statistic — is a {@link RobustTail}: its
 * outermost {@code trim} share is replaced by an exponential with the slope the distribution has just below, so
 * incidents in the training periods (up to that share per feature) neither stretch the tails nor make a new
 * incident look ordinary.
 *
 * <p>The fitted model is immutable: scoring is thread-safe and allocates only the results. The lifecycle (fit,
 * publish, checks, save) is {@link AbstractDetector}'s.
 */
public final class PeriodTailDetector extends AbstractDetector<PeriodTailConfig, PeriodTailDetector.Model> {

    /** The provider name. */
    public static final String NAME = "period-tail";

    /**
     * The fitted parts; the columns are kept for {@link #save}.
     *
     * @param schema       the fitted schema
     * @param windowLength the fitted window length
     * @param threshold    the configured threshold
     * @param tails        each feature's two-sided distribution over the reference periods
     * @param statistic    the combined statistic's distribution (leave-one-out)
     */
    record Model(FeatureSchema schema, int windowLength, double threshold, FeatureTails tails, RobustTail statistic)
            implements FittedModel {
    }

    PeriodTailDetector(PeriodTailConfig config) {
        super(config);
    }

    private PeriodTailDetector(PeriodTailConfig config, Model model) {
        super(config, model);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Learns each feature's distribution over the windows' last rows (at most {@code maxSamples} windows, a
     * seeded subset) and the distribution of the combined statistic over the same windows.
     *
     * @param windows checked by {@link AbstractDetector#fit}: non-empty, one schema and length
     */
    @Override
    protected Model fitModel(List<FeatureWindow> windows, FitReporter progress) {
        PeriodTailConfig config = config();
        FeatureWindow first = windows.get(0);
        List<FeatureWindow> ref = subsample(windows, config.maxSamples(), config.seed());
        int f = first.width();
        int n = ref.size();
        double[][] columns = new double[f][n];
        for (int i = 0; i < n; i++) {
            FeatureWindow w = ref.get(i);
            for (int j = 0; j < f; j++) {
                columns[j][i] = w.get(w.length() - 1, j);
            }
        }
        return build(config, first.schema(), first.length(), columns);
    }

    /** Builds the model from reference columns, deterministically (fit and load share it). */
    static Model build(PeriodTailConfig config, FeatureSchema schema, int length, double[][] columns) {
        FeatureTails tails = new FeatureTails(columns, config.trim());
        int n = columns[0].length;
        // Each reference period's statistic among the *other* periods (leave-one-out), so the calibration sees
        // what a new period from the same distribution would get; in-sample, each value would count itself.
        double[] stats = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double max = 0;
            for (int j = 0; j < columns.length; j++) {
                double s = tails.leaveOneOutSurprisal(j, i);
                sum += s;
                max = Math.max(max, s);
            }
            stats[i] = config.combine() == PeriodTailConfig.Combine.MAX ? max : sum;
        }
        return new Model(schema, length, config.threshold(), tails, new RobustTail(stats, config.trim()));
    }

    private static double statistic(PeriodTailConfig config, FeatureTails tails, double[] row) {
        double sum = 0;
        double max = 0;
        for (int j = 0; j < row.length; j++) {
            double s = tails.surprisal(j, row[j]);
            sum += s;
            max = Math.max(max, s);
        }
        return config.combine() == PeriodTailConfig.Combine.MAX ? max : sum;
    }

    private static List<FeatureWindow> subsample(List<FeatureWindow> windows, int max, long seed) {
        int n = windows.size();
        if (n <= max) {
            return windows;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] keep = java.util.Arrays.copyOf(idx, max);
        java.util.Arrays.sort(keep);
        List<FeatureWindow> out = new ArrayList<>(max);
        for (int i : keep) {
            out.add(windows.get(i));
        }
        return out;
    }

    /**
     * @return per window: {@code rawScore} the combined surprisal of its last row (&ge; 0), {@code score} its
     *         calibrated rank in [0, 1], flagged at or above {@link #threshold()}
     */
    @Override
    public List<AnomalyResult> scoreAll(List<FeatureWindow> windows) {
        Model m = fittedFor(windows);
        PeriodTailConfig config = config();
        List<AnomalyResult> out = new ArrayList<>(windows.size());
        double[] row = new double[m.schema().size()];
        for (FeatureWindow w : windows) {
            int last = w.length() - 1;
            for (int j = 0; j < row.length; j++) {
                row[j] = w.get(last, j);
            }
            double raw = statistic(config, m.tails(), row);
            double score = -Math.expm1(m.statistic().logUpper(raw, false));
            out.add(AnomalyResult.of(w, NAME, raw, score, config.threshold()));
        }
        return out;
    }

    /**
     * How rare one row of a window is: the natural log of the tail probability of that row's combined statistic
     * among the reference periods — the score's complement, for any row. A row other than the last is judged
     * against the same reference as a judged period, which is what an echo check needs (is there an
     * unmistakable period anywhere in this window?).
     *
     * @param window a window of the fitted schema and length
     * @param row    row index in [0, length)
     * @return ln P(statistic &ge; the row's), &le; 0
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException when the window does not match the model or the row is out of range
     */
    public double logRowTail(FeatureWindow window, int row) {
        Model m = fittedFor(window);
        if (row < 0 || row >= window.length()) {
            throw new IllegalArgumentException("row must be in [0, " + window.length() + "), got " + row);
        }
        double sum = 0;
        double max = 0;
        for (int j = 0; j < window.width(); j++) {
            double s = m.tails().surprisal(j, window.get(row, j));
            sum += s;
            max = Math.max(max, s);
        }
        return m.statistic().logUpper(config().combine() == PeriodTailConfig.Combine.MAX ? max : sum, false);
    }

    /**
     * The features' two-sided tail probabilities of a window's last row, for callers that want to know which
     * feature made a period rare.
     *
     * @return one probability per feature, in [0, 1] (0 only where it underflows)
     * @throws IllegalStateException    if not fitted
     * @throws IllegalArgumentException when the window does not match the model
     */
    public double[] tails(FeatureWindow window) {
        Model m = fittedFor(window);
        double[] out = new double[m.schema().size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = m.tails().tail(j, window.get(window.length() - 1, j));
        }
        return out;
    }

    @Override
    protected void writeModel(Model m, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        ModelStreams.writeHeader(data, NAME, PeriodTailState.VERSION);
        double[][] cols = new double[m.tails().features()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = m.tails().column(j);
        }
        new PeriodTailState(config(), m.schema().names(), m.windowLength(), cols).write(data);
        data.flush();
    }

    /** Reads a detector written by {@link #save}. */
    static PeriodTailDetector load(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ModelStreams.readHeader(data, NAME, PeriodTailState.VERSION, PeriodTailState.VERSION);
        PeriodTailState s = PeriodTailState.read(data);
        FeatureSchema schema;
        try {
            schema = FeatureSchema.of(s.featureNames());
        } catch (IllegalArgumentException e) {
            throw new IOException("model stream of '" + NAME + "' is corrupt: " + e.getMessage(), e);
        }
        return new PeriodTailDetector(s.config(), build(s.config(), schema, s.windowLength(), s.columns()));
    }

    @Override
    public String toString() {
        PeriodTailConfig config = config();
        return "PeriodTailDetector[" + config.combine().wireName() + ", threshold " + config.threshold()
                + (isFitted() ? ", " + fitted().tails().features() + " features, " + fitted().windowLength()
                + " rows" : ", unfitted") + "]";
    }
}
