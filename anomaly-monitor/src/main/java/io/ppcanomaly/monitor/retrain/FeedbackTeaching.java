package io.ppcanomaly.monitor.retrain;

import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Shapes a challenger's training windows with people's labels ({@link RetrainPolicy}): the windows of alerts
 * labelled false join the training windows as normal — {@code copies} jittered copies each, dated at the start of
 * the training range — and every window of an entity that contains a period of an alert labelled true is left out.
 *
 * <p>Why copies: a detector fitted on tens of thousands of windows barely notices one more; an isolation forest's
 * subsamples of 256 would rarely even draw it. A few hundred close copies make the pattern a small dense region of
 * normal data, which every member of the ensemble then scores as ordinary, and the jitter keeps it a region rather
 * than a point, so a recurrence that differs a little is covered too. Why dated early: the ensemble calibrates on its
 * latest periods held out; the copies must be learnt, not calibrated on (a calibration sample full of them would
 * raise the bar for every window).
 *
 * <p>Thread-safe; {@link #apply} is deterministic for a seed, and {@link #taught()} / {@link #excluded()} count what
 * the last call did.
 */
public final class FeedbackTeaching implements UnaryOperator<List<FeatureWindow>> {

    private final List<FeatureWindow> normal;
    private final List<AlertSpan> confirmed;
    private final Granularity granularity;
    private final RetrainPolicy policy;
    private final double featureLimit;
    private final long seed;
    private volatile int taught;
    private volatile int excluded;

    /**
     * @param normal       windows of alerts labelled false (the detector's own windows, as stored with the alerts)
     * @param confirmed    spans of alerts labelled true
     * @param granularity  the period length, to extend a span over the windows that contain it
     * @param policy       copies, jitter and the cap on taught copies
     * @param featureLimit the feature extractor's bound on |feature|: jittered values stay within it
     * @param seed         seed of the jitter
     */
    public FeedbackTeaching(Collection<FeatureWindow> normal, Collection<AlertSpan> confirmed, Granularity granularity,
                            RetrainPolicy policy, double featureLimit, long seed) {
        this.normal = List.copyOf(normal);
        this.confirmed = List.copyOf(confirmed);
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (!(featureLimit > 0)) {
            throw new IllegalArgumentException("featureLimit must be > 0, got " + featureLimit);
        }
        this.featureLimit = featureLimit;
        this.seed = seed;
    }

    @Override
    public List<FeatureWindow> apply(List<FeatureWindow> windows) {
        if (windows.isEmpty()) {
            return windows;
        }
        int length = windows.get(0).length();
        Map<String, List<AlertSpan>> spans = new HashMap<>();
        for (AlertSpan s : confirmed) {
            spans.computeIfAbsent(s.entityId(), k -> new ArrayList<>()).add(s);
        }
        List<FeatureWindow> out = new ArrayList<>(windows.size());
        LocalDateTime earliest = null;
        int dropped = 0;
        for (FeatureWindow w : windows) {
            if (w.period() != null && (earliest == null || w.period().isBefore(earliest))) {
                earliest = w.period();
            }
            if (contaminated(w, spans.get(w.entityId()), length)) {
                dropped++;
            } else {
                out.add(w);
            }
        }
        excluded = dropped;
        List<FeatureWindow> usable = new ArrayList<>();
        for (FeatureWindow w : normal) {
            if (w.schema().equals(windows.get(0).schema()) && w.length() == length) {
                usable.add(w);
            }
        }
        int cap = (int) Math.floor(policy.maxTaughtFraction() * out.size());
        int per = usable.isEmpty() ? 0 : Math.min(policy.copies(), cap / usable.size());
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 0;
        for (FeatureWindow w : usable) {
            double[] base = w.toArray();
            for (int c = 0; c < per; c++) {
                double[] v = new double[base.length];
                for (int i = 0; i < v.length; i++) {
                    double x = base[i] + policy.jitter() * gaussian(rnd);
                    v[i] = Math.max(-featureLimit, Math.min(featureLimit, x));
                }
                out.add(FeatureWindow.of(w.schema(), v, "feedback:" + w.entityId(), earliest));
                n++;
            }
        }
        taught = n;
        return out;
    }

    /** @return copies taught by the last {@link #apply} */
    public int taught() {
        return taught;
    }

    /** @return training windows left out by the last {@link #apply} */
    public int excluded() {
        return excluded;
    }

    /** @return windows labelled false that can be taught, and spans labelled true */
    public String describe() {
        return normal.size() + " windows labelled false, " + confirmed.size() + " alerts labelled true";
    }

    private boolean contaminated(FeatureWindow w, List<AlertSpan> spans, int length) {
        if (spans == null || w.period() == null) {
            return false;
        }
        for (AlertSpan s : spans) {
            LocalDateTime lastContaining = granularity.plus(s.last(), length - 1L);
            if (!w.period().isBefore(s.first()) && !w.period().isAfter(lastContaining)) {
                return true;
            }
        }
        return false;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
