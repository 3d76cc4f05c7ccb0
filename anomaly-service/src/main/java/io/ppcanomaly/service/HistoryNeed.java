package io.ppcanomaly.service;

import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.source.MetricQuery;
import java.util.List;
import java.util.OptionalInt;

/**
 * How many periods a detection run reads, ending at its as-of: what it asks its source for in
 * {@link MetricQuery#history()}, so a one-period run with a fitted model does not load years of history.
 *
 * <p>The run judges {@code n} periods {@code P0 … asOf}. A window ending at {@code p} reads the features' window and
 * baseline, {@code [p - (window + baseline) + 1, p]}; anomalies found in the first period judged are traced back
 * {@code startLookback} periods, whose windows end as early as {@code P0 - lookback}; the root-cause analyzer reads
 * {@link RootCauseAnalyzer#historyBefore} periods before the earliest anomaly start, which is {@code P0 - lookback}
 * or, in a live run continuing earlier ones, the start of an anomaly still going. Every other stage reads only
 * those windows. So the run reads {@code n + lookback + max(window + baseline - 1, analyzer)} periods, more when an
 * ongoing anomaly started earlier, and its results are the same as with every period loaded
 * ({@code BoundedHistoryTest} checks it alert for alert).
 *
 * <p>The granularity is not known before the data is read: the features give the window and baseline in periods
 * of either, and the analyzer's reach is taken as the larger of days and hours (48 hours against 14 days with the
 * defaults: a daily run reads a week more than it needs). A caller that knows it (the monitor: its champion's) gets
 * the count for that granularity alone. A run that fits its detector reads every period (the training sample is the
 * whole history), and so does one whose analyzer does not say how far back it reads.
 */
final class HistoryNeed {

    private HistoryNeed() {
    }

    /**
     * @param req  the request, its features set when a model came with it ({@link TrainedModel#applyTo})
     * @param live the live state continued, or {@code null} for a backtest
     * @return periods to load ending at the request's as-of (or the data's last period), &ge; 1; {@code 0} for every
     *         period
     */
    static int periods(DetectionRequest req, LiveState live) {
        return periods(req, live, null);
    }

    /**
     * @param req   the request, its features set when a model came with it ({@link TrainedModel#applyTo})
     * @param live  the live state continued, or {@code null} for a backtest
     * @param known the data's granularity, or {@code null} when it is not known (then counted for either)
     * @return periods to load ending at the request's as-of (or the data's last period), &ge; 1; {@code 0} for every
     *         period
     */
    static int periods(DetectionRequest req, LiveState live, Granularity known) {
        Granularity count = known == null ? Granularity.HOUR : known;
        List<Granularity> either = known == null ? List.of(Granularity.values()) : List.of(known);
        if (req.model() == null && live == null) {
            return 0;   // the detector is fitted on every window before the first period judged
        }
        long judged;
        long lookback;
        long ongoing = 0;
        if (live != null && live.started()) {
            if (req.asOf() == null) {
                return 0;   // how many periods the run judges depends on where the data ends
            }
            // Counted in hours when the granularity is unknown: at least as many as in days, so right for either.
            judged = count.between(live.judgedThrough(), req.asOf());
            lookback = 0;   // a continuing run carries its anomalies' starts instead of tracing them back
            for (OngoingAnomaly a : live.ongoing().values()) {
                ongoing = Math.max(ongoing, count.between(a.start(), req.asOf()) + 1);
            }
            if (judged < 1) {
                return 0;   // the engine refuses it, naming the periods
            }
        } else {
            judged = req.periods();
            lookback = req.startLookback();
        }
        long windows = 0;
        for (Granularity g : either) {
            FeatureConfig f = req.featuresFor(g);
            windows = Math.max(windows, (long) f.windowLength() + f.baselineLength() - 1);
        }
        long analyzer = 0;
        if (req.rootCause()) {
            RootCauseAnalyzer a = RootCauseAnalyzers.create(req.rootCauseAnalyzer(), req.rootCauseOptions());
            for (Granularity g : either) {
                OptionalInt before = a.historyBefore(g);
                if (before.isEmpty()) {
                    return 0;
                }
                analyzer = Math.max(analyzer, before.getAsInt());
            }
        }
        long need = Math.max(judged + lookback + Math.max(windows, analyzer), ongoing + analyzer);
        return need > Integer.MAX_VALUE ? 0 : (int) need;
    }
}
