package io.ppcanomaly.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * NAB's scoring sweep, ported from the Numenta Anomaly Benchmark v1.1 ({@code nab/sweeper.py}): scores every
 * row as if it were a detection, then walks the rows from the highest anomaly score down, giving the raw NAB
 * score at every distinct threshold in one pass.
 *
 * <h2>The rules (Lavin &amp; Ahmad, "Evaluating Real-time Anomaly Detection Algorithms — the Numenta Anomaly
 * Benchmark", IEEE ICMLA 2015; NAB v1.1)</h2>
 * <ul>
 *   <li><b>Probation</b>: the first {@code min(floor(0.15·n), 750)} rows of a file are not scored at all
 *       ({@link NabFile#probationLength}).</li>
 *   <li><b>Inside a window</b> of width {@code w} rows ending at row {@code e}, a detection at row {@code i} sits
 *       at relative position {@code p = −(e − i + 1)/w} ∈ [−1, −1/w] and earns
 *       {@code A_TP · σ̃(p) / σ̃(−1)}, with the scaled sigmoid {@code σ̃(p) = 2/(1 + e^{5p}) − 1} — the full
 *       {@code A_TP} at the window's first row, less the later it comes. Only the earliest detection of a window
 *       counts (the window's credit is the maximum over its detections, and σ̃ falls with {@code i}).</li>
 *   <li><b>A window with no detection</b> costs {@code −A_FN}.</li>
 *   <li><b>A false positive</b> at row {@code i} after a window ending at row {@code e} of width {@code w} sits at
 *       {@code p = |e − i|/(w − 1)} and adds {@code A_FP · σ̃(p)}: slightly negative just after a window,
 *       {@code −A_FP·0.987} one window-width later, and {@code −A_FP} beyond three widths ({@code σ̃ = −1} for
 *       {@code p > 3}). A false positive before the file's first window adds {@code −A_FP}.</li>
 *   <li><b>Threshold</b>: a row is a detection when its anomaly score is {@code >=} the threshold;
 *       {@link #scoresByThreshold} lists the score at every distinct anomaly score (plus 1.1, nothing detected),
 *       over all the files given together, as NAB's optimiser does.</li>
 * </ul>
 * One divergence, where NAB would fail: after a window of a single row NAB divides by {@code w − 1 = 0}
 * ({@code ZeroDivisionError}); here the distance is then infinite, so such a false positive costs the full
 * {@code A_FP}.
 */
public final class Sweeper {

    /** NAB's probationary fraction. */
    public static final double DEFAULT_PROBATION_FRACTION = 0.15;

    /** The threshold NAB starts its sweep at: above every score, so nothing is detected. */
    public static final double NOTHING_DETECTED_THRESHOLD = 1.1;

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final CostProfile profile;
    private final double probationFraction;

    /**
     * @param profile           the cost profile
     * @param probationFraction the probationary fraction, in [0, 1]; NAB uses {@value #DEFAULT_PROBATION_FRACTION}
     */
    public Sweeper(CostProfile profile, double probationFraction) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (!(probationFraction >= 0 && probationFraction <= 1)) {
            throw new IllegalArgumentException("probationFraction must be in [0, 1], got " + probationFraction);
        }
        this.probationFraction = probationFraction;
    }

    /** @return the cost profile */
    public CostProfile profile() {
        return profile;
    }

    /** @return the standard logistic function */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * NAB's scaled sigmoid of a relative position: {@code 2·sigmoid(−5p) − 1}, and exactly −1 for {@code p > 3}.
     * σ̃(−1) = 0.98661, σ̃(−0.5) = 0.84828, σ̃(0) = 0, σ̃(1) = −0.98661.
     */
    public static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * relativePosition) - 1.0;
    }

    /**
     * Computes every row's sweep score for one file.
     *
     * @param file          the file and its windows
     * @param anomalyScores one score per row, each in [0, 1]
     * @throws IllegalArgumentException for a length mismatch or a score outside [0, 1]
     */
    public SweptFile sweep(NabFile file, double[] anomalyScores) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(anomalyScores, "anomalyScores");
        int n = file.size();
        if (anomalyScores.length != n) {
            throw new IllegalArgumentException("anomaly scores of " + file.name() + " must have " + n
                    + " entries, got " + anomalyScores.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(anomalyScores[i] >= 0.0 && anomalyScores[i] <= 1.0)) {
                throw new IllegalArgumentException("anomaly score of " + file.name() + " row " + i
                        + " must be in [0, 1], got " + anomalyScores[i]);
            }
        }
        double[] sweep = new double[n];
        int[] windowOfRow = new int[n];
        int nextWindow = 0;
        int current = SweptFile.OUTSIDE;
        double currentWidth = 0;
        int prevEnd = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            if (current == SweptFile.OUTSIDE && nextWindow < file.windowCount() && i == file.windowStart(nextWindow)) {
                current = nextWindow++;
                currentWidth = file.windowEnd(current) - file.windowStart(current) + 1;
            }
            if (current != SweptFile.OUTSIDE) {
                double position = -(file.windowEnd(current) - i + 1) / currentWidth;
                sweep[i] = scaledSigmoid(position) * profile.tpWeight() / MAX_TP;
                windowOfRow[i] = current;
            } else {
                double unweighted;
                if (prevEnd < 0) {
                    unweighted = -1.0;
                } else {
                    // prevWidth == 1 gives +Infinity, hence -1: see the class comment.
                    unweighted = scaledSigmoid(Math.abs(prevEnd - i) / (prevWidth - 1));
                }
                sweep[i] = unweighted * profile.fpWeight();
                windowOfRow[i] = SweptFile.OUTSIDE;
            }
            if (current != SweptFile.OUTSIDE && i == file.windowEnd(current)) {
                prevEnd = i;
                prevWidth = currentWidth;
                current = SweptFile.OUTSIDE;
            }
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = anomalyScores[i] + 0.0; // -0.0 becomes 0.0, so sorting and equality agree
        }
        return new SweptFile(file, scores, sweep, windowOfRow,
                NabFile.probationLength(n, probationFraction));
    }

    /**
     * The raw NAB score of all the files together at every candidate threshold: first 1.1 (nothing detected),
     * then each distinct anomaly score of a scorable row, from the highest down; a row is detected at a
     * threshold when its score is {@code >=} it.
     *
     * @param files swept files (one detector, one profile)
     * @return the scores by threshold, thresholds strictly decreasing
     */
    public List<ThresholdScore> scoresByThreshold(List<SweptFile> files) {
        Objects.requireNonNull(files, "files");
        int m = 0;
        int windows = 0;
        for (SweptFile f : files) {
            m += f.size() - Math.min(f.size(), f.probationLength());
            windows += f.file().windowCount();
        }
        double[] score = new double[m];
        double[] sweep = new double[m];
        int[] window = new int[m];
        double[] part = new double[windows];
        boolean[] active = new boolean[windows];
        int tn = 0;
        int fn = 0;
        int p = 0;
        int offset = 0;
        for (SweptFile f : files) {
            for (int i = f.probationLength(); i < f.size(); i++) {
                score[p] = f.anomalyScore(i);
                sweep[p] = f.sweepScore(i);
                int w = f.window(i);
                window[p] = w == SweptFile.OUTSIDE ? SweptFile.OUTSIDE : offset + w;
                if (w == SweptFile.OUTSIDE) {
                    tn++;
                } else {
                    fn++;
                    part[offset + w] = -profile.fnWeight();
                    active[offset + w] = true;
                }
                p++;
            }
            offset += f.file().windowCount();
        }
        int[] order = descendingOrder(score);
        List<ThresholdScore> out = new ArrayList<>();
        double threshold = NOTHING_DETECTED_THRESHOLD;
        double fpSum = 0;
        int tp = 0;
        int fp = 0;
        for (int k : order) {
            if (score[k] != threshold) {
                out.add(new ThresholdScore(threshold, total(fpSum, part, active), tp, tn, fp, fn));
                threshold = score[k];
            }
            if (window[k] == SweptFile.OUTSIDE) {
                fp++;
                tn--;
                fpSum += sweep[k];
            } else {
                tp++;
                fn--;
                part[window[k]] = Math.max(part[window[k]], sweep[k]);
            }
        }
        out.add(new ThresholdScore(threshold, total(fpSum, part, active), tp, tn, fp, fn));
        return out;
    }

    /**
     * The best threshold for the files together, as NAB's optimiser picks it: the highest score, and among equal
     * scores the highest threshold.
     */
    public ThresholdScore optimize(List<SweptFile> files) {
        ThresholdScore best = null;
        for (ThresholdScore s : scoresByThreshold(files)) {
            if (best == null || s.score() > best.score()) {
                best = s;
            }
        }
        return best;
    }

    /**
     * Scores one file at a fixed threshold (NAB's per-file scoring step). Equal to the row of
     * {@link #scoresByThreshold} for that file at the lowest listed threshold not below {@code threshold} — the
     * row NAB's {@code scoreDataSet} picks — and, where NAB finds no such row and fails (every score of the file
     * is above the threshold), to "every scorable row detected".
     */
    public ThresholdScore scoreAt(SweptFile f, double threshold) {
        Objects.requireNonNull(f, "file");
        NabFile file = f.file();
        double[] part = new double[file.windowCount()];
        for (int k = 0; k < part.length; k++) {
            part[k] = -profile.fnWeight();
        }
        double fpSum = 0;
        int tp = 0;
        int tn = 0;
        int fp = 0;
        int fn = 0;
        for (int i = f.probationLength(); i < f.size(); i++) {
            boolean detected = f.anomalyScore(i) >= threshold;
            int w = f.window(i);
            if (w == SweptFile.OUTSIDE) {
                if (detected) {
                    fp++;
                    fpSum += f.sweepScore(i);
                } else {
                    tn++;
                }
            } else if (detected) {
                tp++;
                part[w] = Math.max(part[w], f.sweepScore(i));
            } else {
                fn++;
            }
        }
        double total = fpSum;
        for (int k = 0; k < part.length; k++) {
            if (f.windowScorable(k)) {
                total += part[k];
            }
        }
        return new ThresholdScore(threshold, total, tp, tn, fp, fn);
    }

    private static double total(double fpSum, double[] part, boolean[] active) {
        double s = fpSum;
        for (int w = 0; w < part.length; w++) {
            if (active[w]) {
                s += part[w];
            }
        }
        return s;
    }

    /** Indices sorted by score, highest first; equal scores keep their order (NAB's sort is stable). */
    private static int[] descendingOrder(double[] score) {
        Integer[] boxed = new Integer[score.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(score[b], score[a]));
        int[] out = new int[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }
}
