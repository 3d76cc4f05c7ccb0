package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.FitProgress.Unit;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.spi.FitReporter;
import io.ppcanomaly.api.spi.FittedModel;
import io.ppcanomaly.api.spi.WindowChecks;
import io.ppcanomaly.ensemble.calibration.EmpiricalCalibrator;
import io.ppcanomaly.ensemble.tail.PeriodTailDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link EnsembleDetector}: fitted members, their calibrators, and the combination. Immutable
 * apart from the streaming members' own state; scoring is thread-safe.
 *
 * <p>The combined score is calibrated too: the weighted mean of the members' votes (their surprisals or their
 * calibrated scores, see {@link Combination}) is mapped through the empirical distribution of that same mean on
 * the calibration sample, so the ensemble's 0.99 also means "rarer than 99% of normal windows", however
 * correlated the members are. A member that fails while scoring a batch is left out of that batch's vote; the mean
 * is then taken over the others with renormalised weights and mapped through the distribution of <em>that</em>
 * subset's mean, built once from the stored calibration scores and cached.
 *
 * <p>With a {@code period-tail} member and {@code calibration.screen} &gt; 0, training periods that member finds
 * rarer than the screen are kept out of the other members' fit and of every calibration, and scores account for
 * the screen ({@link CalibrationScreen}).
 */
final class FittedEnsemble implements FittedModel {

    private static final Logger LOG = LoggerFactory.getLogger(FittedEnsemble.class);

    final EnsembleConfig config;
    final String[] names;
    final Detector[] members;
    /** Normalised weights, summing to 1. */
    final double[] weights;
    /** The weights as configured (persisted, so a loaded model normalises them bit-identically). */
    final double[] configuredWeights;
    /** [member][sample]: each member's [0, 1] score of each calibration window. */
    final double[][] calibrationScores;
    final EmpiricalCalibrator[] calibrators;
    /** [member][sample]: each member's vote on the calibration windows, on the combination's scale. */
    private final double[][] votes;
    private final Map<Integer, EmpiricalCalibrator> combined = new ConcurrentHashMap<>();
    /** Index of the member that judges the screen, or -1. */
    private final int judgeIndex;
    private final CalibrationScreen screen;

    /** @param members at least one, all of one schema and window length (the caller checked) */
    FittedEnsemble(EnsembleConfig config, String[] names, Detector[] members, double[] weights,
                   double[][] calibrationScores) {
        this.config = config;
        this.names = names;
        this.members = members;
        this.configuredWeights = weights.clone();
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        this.weights = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            this.weights[j] = weights[j] / sum;
        }
        this.calibrationScores = calibrationScores;
        this.calibrators = new EmpiricalCalibrator[members.length];
        this.votes = new double[members.length][];
        for (int j = 0; j < members.length; j++) {
            calibrators[j] = EmpiricalCalibrator.fit(calibrationScores[j], 0.0, config.tailFraction());
            double[] v = new double[calibrationScores[j].length];
            for (int i = 0; i < v.length; i++) {
                v[i] = vote(j, calibrationScores[j][i], calibrators[j].calibrate(calibrationScores[j][i]));
            }
            votes[j] = v;
        }
        combinedFor((1 << members.length) - 1);
        int judge = -1;
        for (int j = 0; j < members.length; j++) {
            if (members[j] instanceof PeriodTailDetector) {
                judge = j;
                break;
            }
        }
        this.judgeIndex = config.screen() > 0 ? judge : -1;
        this.screen = judgeIndex < 0 ? CalibrationScreen.none()
                : CalibrationScreen.of((PeriodTailDetector) members[judgeIndex], config.screen());
    }

    /**
     * Fits every resolved member on the same windows and calibrates them on the held-out ones, reporting the
     * {@code MEMBERS} done and passing each member's own events on under the ensemble's name.
     *
     * @throws IllegalStateException when no member could be fitted (or, in strict mode, when one fails)
     */
    static FittedEnsemble fit(EnsembleConfig configured, List<ResolvedMember> resolved, List<FeatureWindow> windows,
                              FitReporter progress) {
        EnsembleConfig config = configured;
        FeatureWindow first = WindowChecks.requireTraining(windows);
        HoldoutSplit split = HoldoutSplit.of(windows, config);
        List<Throwable> failures = new ArrayList<>();
        Map<String, Detector> prefitted = new HashMap<>();
        Set<String> failedEarly = new HashSet<>();
        FitListener members = progress.nested();
        progress.advance(Unit.MEMBERS, 0, resolved.size());
        CalibrationScreen screen = screen(config, resolved, split, prefitted, failedEarly, failures, progress,
                members);
        CalibrationScreen.Outcome fitPart = screen.clean(split.fit());
        CalibrationScreen.Outcome calPart = screen.clean(split.calibration());
        List<FeatureWindow> fitWindows = fitPart.kept();
        List<FeatureWindow> calWindows = calPart.kept();
        if (screen.active() && (fitWindows.isEmpty() || calWindows.size() < Math.min(config.minHoldout(),
                split.calibration().size()))) {
            LOG.warn("Ensemble calibration screen would leave {} of {} fit windows and {} of {} calibration "
                    + "windows: screen not used", fitWindows.size(), split.fit().size(), calWindows.size(),
                    split.calibration().size());
            fitWindows = split.fit();
            calWindows = split.calibration();
            screen = CalibrationScreen.none();
            // the fitted model records the screen it was calibrated with, so scoring and a reload agree
            config = config.withoutScreen();
        }
        if (screen.active()) {
            LOG.info("Ensemble screen (period-tail, p < {}): dropped {} and repaired {} of {} fit windows, dropped "
                    + "{} and repaired {} of {} calibration windows", config.screen(), fitPart.dropped(),
                    fitPart.repaired(), split.fit().size(), calPart.dropped(), calPart.repaired(),
                    split.calibration().size());
        }
        LOG.debug("Ensemble fits {} members on {} windows, calibrates on {} ({})", resolved.size(),
                fitWindows.size(), calWindows.size(), split.method());
        List<String> names = new ArrayList<>();
        List<Detector> fitted = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (ResolvedMember r : resolved) {
            String name = r.spec().name();
            if (failedEarly.contains(name)) {
                progress.advance(Unit.MEMBERS, names.size() + failures.size(), resolved.size());
                continue;
            }
            try {
                Detector d = prefitted.get(name);
                if (d == null) {
                    d = r.provider().create(r.spec().toProperties());
                    d.fit(fitWindows, members);
                }
                if (!d.schema().equals(first.schema()) || d.windowLength() != first.length()) {
                    throw new IllegalStateException("member '" + name + "' fitted schema " + d.schema()
                            + " and length " + d.windowLength() + ", expected " + first.schema() + " and "
                            + first.length());
                }
                List<AnomalyResult> rs = d.scoreAll(calWindows);
                double[] s = new double[rs.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = rs.get(i).score();
                }
                names.add(name);
                fitted.add(d);
                weights.add(r.spec().weight());
                scores.add(s);
            } catch (RuntimeException | LinkageError e) {
                if (progress.isListenerFailure(e)) {
                    throw (RuntimeException) e; // the caller's listener aborted the fit: not this member's fault
                }
                if (config.strict()) {
                    throw new IllegalStateException("ensemble member '" + name + "' failed to fit (strict mode): "
                            + e, e);
                }
                LOG.warn("Ensemble member '{}' failed to fit and is left out; the weights are renormalised over "
                        + "the others: {}", name, e.toString());
                failures.add(e);
            }
            progress.advance(Unit.MEMBERS, names.size() + failures.size(), resolved.size());
        }
        if (fitted.isEmpty()) {
            IllegalStateException e = new IllegalStateException("no ensemble member could be fitted on "
                    + windows.size() + " windows; tried " + resolved.stream().map(r -> r.spec().name()).toList());
            failures.forEach(e::addSuppressed);
            throw e;
        }
        double[] w = new double[weights.size()];
        for (int j = 0; j < w.length; j++) {
            w[j] = weights.get(j);
        }
        return new FittedEnsemble(config, names.toArray(String[]::new), fitted.toArray(Detector[]::new), w,
                scores.toArray(double[][]::new));
    }

    /** @return the members' schema: every member was checked to have the same one, at fit and at load */
    @Override
    public FeatureSchema schema() {
        return members[0].schema();
    }

    /** @return the members' window length, checked like the schema */
    @Override
    public int windowLength() {
        return members[0].windowLength();
    }

    /** @return the configured threshold on the combined calibrated score */
    @Override
    public double threshold() {
        return config.threshold();
    }

    /**
     * Fits the period-tail member first, on the raw fit windows (its tails ignore their outermost share, so it
     * needs no screen itself), when the screen is on and that member is configured, and builds the screen from
     * it; otherwise no screen. A failure leaves the member out, named in {@code failedEarly}.
     */
    private static CalibrationScreen screen(EnsembleConfig config, List<ResolvedMember> resolved, HoldoutSplit split,
                                           Map<String, Detector> prefitted, Set<String> failedEarly,
                                           List<Throwable> failures, FitReporter progress, FitListener members) {
        if (!(config.screen() > 0)) {
            return CalibrationScreen.none();
        }
        for (ResolvedMember r : resolved) {
            if (!r.spec().name().equals(PeriodTailDetector.NAME)) {
                continue;
            }
            try {
                Detector d = r.provider().create(r.spec().toProperties());
                d.fit(split.fit(), members);
                prefitted.put(r.spec().name(), d);
                return d instanceof PeriodTailDetector pt ? CalibrationScreen.of(pt, config.screen())
                        : CalibrationScreen.none();
            } catch (RuntimeException | LinkageError e) {
                if (progress.isListenerFailure(e)) {
                    throw (RuntimeException) e; // the caller's listener aborted the fit: not this member's fault
                }
                if (config.strict()) {
                    throw new IllegalStateException("ensemble member '" + r.spec().name() + "' failed to fit "
                            + "(strict mode): " + e, e);
                }
                LOG.warn("Ensemble member '{}' failed to fit and is left out, and with it the calibration screen: {}",
                        r.spec().name(), e.toString());
                failedEarly.add(r.spec().name());
                failures.add(e);
                return CalibrationScreen.none();
            }
        }
        return CalibrationScreen.none();
    }

    /** @return the calibration screen in use (inactive without a period-tail member or with screen 0) */
    CalibrationScreen screen() {
        return screen;
    }

    /** @return member j's vote for a raw score whose calibrated value is {@code calibrated} */
    private double vote(int j, double score, double calibrated) {
        return config.combination().vote(calibrated, calibrators[j].tailProbability(score));
    }

    /** @return the calibrator of the weighted mean over the members in {@code mask}, built once */
    EmpiricalCalibrator combinedFor(int mask) {
        return combined.computeIfAbsent(mask, mk -> {
            int n = votes[0].length;
            double wsum = 0;
            for (int j = 0; j < members.length; j++) {
                if ((mk & (1 << j)) != 0) {
                    wsum += weights[j];
                }
            }
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                raw[i] = mean(mk, wsum, votes, i);
            }
            return EmpiricalCalibrator.fit(raw, 0.0, config.tailFraction());
        });
    }

    private double mean(int mask, double wsum, double[][] v, int i) {
        double s = 0;
        for (int j = 0; j < members.length; j++) {
            if ((mask & (1 << j)) != 0) {
                s += weights[j] * v[j][i];
            }
        }
        double m = s / wsum;
        // rounding must not push a mean of values in [0, 1] (or of surprisals >= 0) out of range
        return m < 0 ? 0 : (config.combination() == Combination.MEAN && m > 1 ? 1 : m);
    }

    /**
     * Scores a batch; with {@code learn}, streaming members score then learn each window in order.
     *
     * @throws IllegalArgumentException when a window does not match the model
     * @throws IllegalStateException    when no member could score the batch
     */
    List<AnomalyResult> score(List<FeatureWindow> windows, boolean learn) {
        WindowChecks.requireMatching(windows, schema(), windowLength());
        int n = windows.size();
        if (n == 0) {
            return List.of();
        }
        int m = members.length;
        double[][] cal = new double[m][];
        double[][] vs = new double[m][];
        int mask = 0;
        List<Throwable> failures = null;
        for (int j = 0; j < m; j++) {
            try {
                List<AnomalyResult> rs = learn && members[j] instanceof StreamingDetector s
                        ? s.scoreAndLearnAll(windows) : members[j].scoreAll(windows);
                if (rs.size() != n) {
                    throw new IllegalStateException("member returned " + rs.size() + " results for " + n
                            + " windows");
                }
                double[] c = new double[n];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    double s = rs.get(i).score();
                    c[i] = calibrators[j].calibrate(s);
                    v[i] = vote(j, s, c[i]);
                }
                cal[j] = c;
                vs[j] = v;
                mask |= 1 << j;
            } catch (RuntimeException | LinkageError e) {
                if (config.strict()) {
                    throw new IllegalStateException("ensemble member '" + names[j] + "' failed to score (strict "
                            + "mode): " + e, e);
                }
                LOG.warn("Ensemble member '{}' failed to score {} windows and is left out of this vote: {}",
                        names[j], n, e.toString());
                if (failures == null) {
                    failures = new ArrayList<>();
                }
                failures.add(e);
            }
        }
        if (mask == 0) {
            IllegalStateException e = new IllegalStateException("no ensemble member could score the "
                    + n + " windows; members " + List.of(names));
            failures.forEach(e::addSuppressed);
            throw e;
        }
        EmpiricalCalibrator comb = combinedFor(mask);
        double wsum = 0;
        for (int j = 0; j < m; j++) {
            if ((mask & (1 << j)) != 0) {
                wsum += weights[j];
            }
        }
        double threshold = config.threshold();
        boolean screened = screen.active() && (mask & (1 << judgeIndex)) != 0;
        List<AnomalyResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double raw = mean(mask, wsum, vs, i);
            double score = screened ? screen.score(screen.logLastTail(windows.get(i)), comb.tailProbability(raw))
                    : comb.calibrate(raw);
            Map<String, Double> votes = new LinkedHashMap<>(m * 2);
            for (int j = 0; j < m; j++) {
                if (cal[j] != null) {
                    votes.put(names[j], cal[j][i]);
                }
            }
            FeatureWindow w = windows.get(i);
            out.add(new AnomalyResult(w.entityId(), w.period(), EnsembleDetectorProvider.NAME, raw, score,
                    threshold, score >= threshold, votes));
        }
        return out;
    }

    /** Streaming members learn the windows in order; the others keep their fitted model. */
    void learn(List<FeatureWindow> windows) {
        WindowChecks.requireMatching(windows, schema(), windowLength());
        for (int j = 0; j < members.length; j++) {
            if (members[j] instanceof StreamingDetector s) {
                try {
                    s.learnAll(windows);
                } catch (RuntimeException | LinkageError e) {
                    if (config.strict()) {
                        throw new IllegalStateException("ensemble member '" + names[j] + "' failed to learn "
                                + "(strict mode): " + e, e);
                    }
                    LOG.warn("Ensemble member '{}' failed to learn {} windows: {}", names[j], windows.size(),
                            e.toString());
                }
            }
        }
    }

    /** @return member name → normalised weight, in member order */
    Map<String, Double> weights() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            out.put(names[j], weights[j]);
        }
        return out;
    }

    /** @return the index of a member, or -1 */
    int indexOf(String name) {
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals(name)) {
                return j;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "members " + weights() + ", threshold " + threshold();
    }
}
