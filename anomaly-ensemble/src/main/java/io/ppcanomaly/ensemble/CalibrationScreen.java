package io.ppcanomaly.ensemble;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.ensemble.tail.PeriodTailDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps incidents in the training data out of what the ensemble learns "normal" from.
 *
 * <h2>Why</h2>
 * The ensemble calibrates on its latest training periods. When those hold incidents — a campaign's budget cut
 * off for four days, a reporting outage — their windows fill the calibration tail: on the sample account
 * trained through 2026-03-20, 12% of the held-out windows held an incident period or its echo, and a window
 * exactly at the clean 0.998 level calibrated to 0.9886, so the first daily runs after training alerted on
 * nothing that the backtest (trained before the incidents) alerted on. A quantile cannot be robust to that
 * much contamination; the incidents have to be recognised. The {@code period-tail} member can do it without
 * help: fitted on the older, larger part of the history with tails that ignore their outermost 2%
 * ({@link io.ppcanomaly.ensemble.tail.RobustTail}), it tells how rare each training period is.
 *
 * <h2>What it does</h2>
 * A period whose tail probability is below {@code calibration.screen} (default 1e-4) is taken for an incident.
 * A training window <em>ending</em> in such a period is dropped from the window members' fit and from every
 * calibration; a window holding one among its earlier periods (an echo) keeps its place with that period set to
 * the entity's baseline (zeros, the convention of the scale-free features and of the Shapley explainer), so an
 * outage does not remove two weeks of windows. Scoring then accounts for the screen exactly: a judged period
 * rarer than the screen scores 1 − its own tail probability; any other window 1 − (α + (1 − α) · p), with p its
 * tail probability among the screened calibration windows and α the screen. On normal data the screen removes
 * about α of the periods, so the threshold's false-alert budget is kept.
 */
final class CalibrationScreen {

    private static final CalibrationScreen NONE = new CalibrationScreen(null, 0.0);

    private final PeriodTailDetector judge;
    private final double alpha;
    private final double logAlpha;

    private CalibrationScreen(PeriodTailDetector judge, double alpha) {
        this.judge = judge;
        this.alpha = alpha;
        this.logAlpha = alpha > 0 ? Math.log(alpha) : Double.NEGATIVE_INFINITY;
    }

    /** @return a screen that keeps everything */
    static CalibrationScreen none() {
        return NONE;
    }

    /**
     * @param judge a fitted period-tail detector, or {@code null} for none
     * @param alpha the screen's tail probability, in [0, 0.01]; 0 for none
     */
    static CalibrationScreen of(PeriodTailDetector judge, double alpha) {
        return judge == null || !(alpha > 0) ? NONE : new CalibrationScreen(judge, alpha);
    }

    /** @return whether the screen does anything */
    boolean active() {
        return judge != null;
    }

    /** @return the screen's tail probability α, 0 when inactive */
    double alpha() {
        return active() ? alpha : 0.0;
    }

    /** Counts of what {@link #clean} did. */
    record Outcome(List<FeatureWindow> kept, int dropped, int repaired) {
    }

    /**
     * @return the windows with those ending in an incident period dropped and incident periods among the
     *         earlier rows set to zeros; the list itself when inactive
     */
    Outcome clean(List<FeatureWindow> windows) {
        if (!active()) {
            return new Outcome(windows, 0, 0);
        }
        List<FeatureWindow> kept = new ArrayList<>(windows.size());
        int dropped = 0;
        int repaired = 0;
        for (FeatureWindow w : windows) {
            int last = w.length() - 1;
            if (judge.logRowTail(w, last) < logAlpha) {
                dropped++;
                continue;
            }
            double[] v = null;
            for (int t = 0; t < last; t++) {
                if (judge.logRowTail(w, t) < logAlpha) {
                    if (v == null) {
                        v = w.toArray();
                    }
                    Arrays.fill(v, t * w.width(), (t + 1) * w.width(), 0.0);
                }
            }
            if (v == null) {
                kept.add(w);
            } else {
                kept.add(w.withValues(v));
                repaired++;
            }
        }
        return new Outcome(kept, dropped, repaired);
    }

    /**
     * @param w a window to score
     * @return ln of the tail probability of its judged period on the period-tail member, 0 when inactive
     */
    double logLastTail(FeatureWindow w) {
        return active() ? judge.logRowTail(w, w.length() - 1) : 0.0;
    }

    /**
     * The ensemble's score from the combined calibration and the screen.
     *
     * @param logLastTail  {@link #logLastTail} of the window
     * @param combinedTail the window's tail probability among the screened calibration windows, in [0, 1]
     * @return the score in [0, 1]
     */
    double score(double logLastTail, double combinedTail) {
        if (!active()) {
            return 1.0 - combinedTail;
        }
        if (logLastTail < logAlpha) {
            return -Math.expm1(logLastTail);
        }
        return (1.0 - alpha) * (1.0 - combinedTail);
    }
}
