package io.ppcanomaly.lstm;

import io.ppcanomaly.api.eval.RocAuc;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.sample.Incident;
import io.ppcanomaly.api.sample.IncidentKind;
import io.ppcanomaly.api.sample.SampleAccount;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every keyword window of a synthetic account, labelled against its injected incidents.
 *
 * <ul>
 *   <li><b>positive</b>: one of the window's periods is a day on which a CPC spike or CTR collapse changed the
 *       keyword;</li>
 *   <li><b>negative</b>: no incident of any kind touched the keyword in the window or in the baseline before it
 *       (a baseline that contains an incident shifts every feature of an otherwise normal window, which is the
 *       feature layer's effect, not the detector's);</li>
 *   <li>everything else is left out of the ROC.</li>
 * </ul>
 */
final class SyntheticWindows {

    static final Set<IncidentKind> TARGET = EnumSet.of(IncidentKind.KEYWORD_CPC_SPIKE,
            IncidentKind.KEYWORD_CTR_COLLAPSE);

    final List<FeatureWindow> all = new ArrayList<>();
    final List<FeatureWindow> positives = new ArrayList<>();
    final List<FeatureWindow> negatives = new ArrayList<>();

    SyntheticWindows(SampleAccount account) {
        FeatureExtractor fx = new FeatureExtractor();
        FeatureConfig fc = fx.config();
        for (Map.Entry<String, MetricSeries> e : account.keywordSeries().entrySet()) {
            String kw = e.getKey();
            MetricSeries s = e.getValue();
            List<Incident> touching = account.incidents().stream()
                    .filter(i -> i.affectedKeywordIds().contains(kw)).toList();
            for (FeatureWindow w : fx.windows(s, 0, s.size() - 1, 1)) {
                all.add(w);
                LocalDateTime end = w.period();
                LocalDateTime first = end.minusDays(fc.windowLength() - 1L);
                LocalDateTime baselineStart = first.minusDays(fc.baselineLength());
                boolean positive = false;
                boolean clean = true;
                for (Incident i : touching) {
                    if (overlaps(i, first, end) && TARGET.contains(i.kind())) {
                        positive = true;
                    }
                    if (overlaps(i, baselineStart, end)) {
                        clean = false;
                    }
                }
                if (positive) {
                    positives.add(w);
                } else if (clean) {
                    negatives.add(w);
                }
            }
        }
    }

    private static boolean overlaps(Incident i, LocalDateTime from, LocalDateTime to) {
        return !i.end().isBefore(from) && !i.start().isAfter(to);
    }

    /** ROC-AUC of positive against negative scores (ties count one half), via the API's {@link RocAuc}. */
    static double auc(double[] pos, double[] neg) {
        double[] scores = new double[pos.length + neg.length];
        boolean[] labels = new boolean[scores.length];
        System.arraycopy(pos, 0, scores, 0, pos.length);
        System.arraycopy(neg, 0, scores, pos.length, neg.length);
        java.util.Arrays.fill(labels, 0, pos.length, true);
        return RocAuc.of(scores, labels);
    }
}
