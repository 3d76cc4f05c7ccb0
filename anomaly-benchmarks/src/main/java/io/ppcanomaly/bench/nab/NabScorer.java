package io.ppcanomaly.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scores a detector's anomaly scores on NAB files the way NAB's runner does: optimise the threshold over all the
 * files together ({@link Sweeper#optimize}), score every file at that threshold, sum, and normalise against the
 * null detector and the perfect detector:
 * {@code 100 · (S − S_null) / (S_perfect − S_null)}.
 *
 * <p>The null detector gives every row the same anomaly score, so it either detects nothing
 * ({@code −A_FN} per window) or every row; its raw score is optimised by the same sweep, exactly as NAB runs its
 * {@code null} detector. The perfect score is {@code A_TP} per label window (NAB counts every window of the
 * label file). See Lavin &amp; Ahmad, "Evaluating Real-time Anomaly Detection Algorithms — the Numenta Anomaly
 * Benchmark", IEEE ICMLA 2015, and NAB v1.1's {@code runner.py}.
 *
 * <p>The scores must be causal (a row's score may use only that row and earlier rows) for the result to mean
 * what NAB means; this class cannot check that, the caller guarantees it.
 */
public final class NabScorer {

    private static final double NULL_DETECTOR_SCORE = 0.5;

    private final double probationFraction;

    /** A scorer with NAB's probationary fraction, 0.15. */
    public NabScorer() {
        this(Sweeper.DEFAULT_PROBATION_FRACTION);
    }

    /** @param probationFraction the probationary fraction, in [0, 1] */
    public NabScorer(double probationFraction) {
        if (!(probationFraction >= 0 && probationFraction <= 1)) {
            throw new IllegalArgumentException("probationFraction must be in [0, 1], got " + probationFraction);
        }
        this.probationFraction = probationFraction;
    }

    /**
     * Evaluates one detector under one profile.
     *
     * @param detector the detector's name, for the report
     * @param files    the files, with at least one label window in all
     * @param scores   per file (same order), one anomaly score in [0, 1] per row
     * @throws IllegalArgumentException for mismatched sizes, scores outside [0, 1], or no label window at all
     */
    public NabResult evaluate(String detector, List<NabFile> files, List<double[]> scores, CostProfile profile) {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(profile, "profile");
        if (files.size() != scores.size()) {
            throw new IllegalArgumentException("scores must have one array per file (" + files.size() + "), got "
                    + scores.size());
        }
        int windows = files.stream().mapToInt(NabFile::windowCount).sum();
        if (windows == 0) {
            throw new IllegalArgumentException("files must hold at least one label window, got 0");
        }
        Sweeper sweeper = new Sweeper(profile, probationFraction);
        List<SweptFile> swept = new ArrayList<>(files.size());
        List<SweptFile> sweptNull = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            NabFile f = files.get(i);
            swept.add(sweeper.sweep(f, scores.get(i)));
            double[] constant = new double[f.size()];
            Arrays.fill(constant, NULL_DETECTOR_SCORE);
            sweptNull.add(sweeper.sweep(f, constant));
        }
        double threshold = sweeper.optimize(swept).threshold();
        List<FileScore> perFile = new ArrayList<>(files.size());
        double raw = 0;
        for (SweptFile f : swept) {
            ThresholdScore s = sweeper.scoreAt(f, threshold);
            raw += s.score();
            perFile.add(new FileScore(f.file().name(), s.score(), s.tp(), s.tn(), s.fp(), s.fn(),
                    scorableWindows(f), detectedWindows(f, threshold)));
        }
        double nullThreshold = sweeper.optimize(sweptNull).threshold();
        double nullScore = 0;
        for (SweptFile f : sweptNull) {
            nullScore += sweeper.scoreAt(f, nullThreshold).score();
        }
        double perfect = windows * profile.tpWeight();
        double normalized = 100.0 * (raw - nullScore) / (perfect - nullScore);
        return new NabResult(detector, profile, threshold, raw, nullScore, perfect, normalized, perFile);
    }

    /** Evaluates one detector under the three published profiles ({@link CostProfile#ALL}). */
    public List<NabResult> evaluateAllProfiles(String detector, List<NabFile> files, List<double[]> scores) {
        List<NabResult> out = new ArrayList<>(CostProfile.ALL.size());
        for (CostProfile p : CostProfile.ALL) {
            out.add(evaluate(detector, files, scores, p));
        }
        return out;
    }

    private static int scorableWindows(SweptFile f) {
        int n = 0;
        for (int k = 0; k < f.file().windowCount(); k++) {
            if (f.windowScorable(k)) {
                n++;
            }
        }
        return n;
    }

    private static int detectedWindows(SweptFile f, double threshold) {
        boolean[] hit = new boolean[f.file().windowCount()];
        for (int i = f.probationLength(); i < f.size(); i++) {
            if (f.window(i) != SweptFile.OUTSIDE && f.anomalyScore(i) >= threshold) {
                hit[f.window(i)] = true;
            }
        }
        int n = 0;
        for (boolean h : hit) {
            if (h) {
                n++;
            }
        }
        return n;
    }
}
