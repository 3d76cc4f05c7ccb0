package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.features.FeatureWindow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Splits training windows into the part the members are fitted on and the part their scores are calibrated on.
 *
 * <p>Why hold out at all: a member scores the windows it was fitted on lower than new normal windows (an
 * autoencoder reconstructs what it has seen, an isolation forest's trees were grown on those points), so a
 * calibration learnt in-sample would make every new normal window look rarer than it is and inflate the false
 * alarm rate. When every window carries a period the split is temporal — the latest periods are held out — which
 * is how the model is used (fitted on the past, scoring what comes next) and keeps overlapping windows of the
 * same days from sitting on both sides. Otherwise it is random under the seed.
 *
 * @param fit         the windows the members are fitted on
 * @param calibration the windows the members' scores are calibrated on
 * @param method      how the split was made, for the log: {@code temporal}, {@code random} or {@code in-sample}
 */
record HoldoutSplit(List<FeatureWindow> fit, List<FeatureWindow> calibration, String method) {

    static HoldoutSplit of(List<FeatureWindow> windows, EnsembleConfig c) {
        int n = windows.size();
        int target = (int) Math.round(c.holdoutFraction() * n);
        if (target < c.minHoldout() || n - target < 1) {
            return new HoldoutSplit(windows, subsample(windows, c.maxCalibrationSamples(), c.seed()), "in-sample");
        }
        HoldoutSplit temporal = temporal(windows, target, c);
        if (temporal != null) {
            return temporal;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(c.seed());
        for (int i = 0; i < target; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        boolean[] held = new boolean[n];
        for (int i = 0; i < target; i++) {
            held[idx[i]] = true;
        }
        return split(windows, held, c, "random");
    }

    private static HoldoutSplit temporal(List<FeatureWindow> windows, int target, EnsembleConfig c) {
        TreeMap<LocalDateTime, Integer> perPeriod = new TreeMap<>();
        for (FeatureWindow w : windows) {
            if (w.period() == null) {
                return null;
            }
            perPeriod.merge(w.period(), 1, Integer::sum);
        }
        if (perPeriod.size() < 2) {
            return null;
        }
        // latest periods first, until the held-out part reaches the target size
        int held = 0;
        LocalDateTime cut = null;
        for (var e : perPeriod.descendingMap().entrySet()) {
            if (held >= target) {
                break;
            }
            held += e.getValue();
            cut = e.getKey();
        }
        if (held < c.minHoldout() || held >= windows.size()) {
            return null;
        }
        boolean[] mask = new boolean[windows.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = !windows.get(i).period().isBefore(cut);
        }
        return split(windows, mask, c, "temporal");
    }

    private static HoldoutSplit split(List<FeatureWindow> windows, boolean[] held, EnsembleConfig c, String how) {
        List<FeatureWindow> fit = new ArrayList<>();
        List<FeatureWindow> cal = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            (held[i] ? cal : fit).add(windows.get(i));
        }
        return new HoldoutSplit(fit, subsample(cal, c.maxCalibrationSamples(), c.seed()), how);
    }

    /** A seeded random subset of at most {@code max} windows, in their original order. */
    static List<FeatureWindow> subsample(List<FeatureWindow> windows, int max, long seed) {
        int n = windows.size();
        if (n <= max) {
            return windows;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] keep = Arrays.copyOf(idx, max);
        Arrays.sort(keep);
        List<FeatureWindow> out = new ArrayList<>(max);
        for (int i : keep) {
            out.add(windows.get(i));
        }
        return out;
    }
}
