package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import io.ppcanomaly.service.incident.IncidentGrouper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detection run over loaded data: windows → fit (or the given model) → judge each period ({@link PeriodJudge}:
 * score, confirm, explain, learn) → root causes → alerts → incidents. Single use, not thread-safe; {@link AnomalyService} makes one
 * per call.
 */
final class DetectionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionEngine.class);

    private final DetectionRequest req;
    private final AccountFrames frames;
    private final FeatureExtractor fx;
    private final Instant now;
    private final Collection<Incident> openIncidents;
    private final LiveState live;
    private LiveState nextState;
    private final Map<LocalDateTime, Long> windowsPerPeriod = new TreeMap<>();
    private long featuresNs;
    private long fitNs;
    private long scoreNs;
    private long explainNs;
    private long rootCauseNs;

    DetectionEngine(DetectionRequest req, AccountFrames frames, Instant now, Collection<Incident> openIncidents) {
        this(req, frames, now, openIncidents, null);
    }

    /**
     * @param openIncidents the profile's incidents still ongoing after the previous run, continued by this run's
     * @param live          the state a live run continues from ({@link AnomalyService#detectLive}), or {@code null}
     *                      for a plain run
     */
    DetectionEngine(DetectionRequest req, AccountFrames frames, Instant now, Collection<Incident> openIncidents,
                    LiveState live) {
        this.req = req;
        this.frames = frames;
        this.fx = new FeatureExtractor(req.features());
        this.now = now;
        this.openIncidents = openIncidents;
        this.live = live;
    }

    /** @return the state after a live run, or {@code null} before {@link #run} or for a plain run */
    LiveState nextState() {
        return nextState;
    }

    /** @return windows scored per period judged, oldest first */
    Map<LocalDateTime, Long> windowsPerPeriod() {
        return windowsPerPeriod;
    }

    /** @return the periods the request judges, oldest first */
    static List<LocalDateTime> periods(DetectionRequest req, AccountFrames frames) {
        return periods(req, frames, null);
    }

    /**
     * @return the periods judged, oldest first: those after a started live state's last period up to the as-of,
     *         otherwise the request's {@code periods} ending at its as-of
     */
    static List<LocalDateTime> periods(DetectionRequest req, AccountFrames frames, LiveState live) {
        Granularity g = frames.granularity();
        LocalDateTime asOf = req.asOf() == null ? frames.end() : req.asOf();
        if (!g.isAligned(asOf) || asOf.isBefore(frames.start()) || asOf.isAfter(frames.end())) {
            throw new IllegalArgumentException("asOf must be a " + g.name().toLowerCase(java.util.Locale.ROOT)
                    + " in the data [" + g.format(frames.start()) + ", " + g.format(frames.end()) + "], got "
                    + g.format(asOf));
        }
        int n = req.periods();
        if (live != null && live.started()) {
            LocalDateTime last = live.judgedThrough();
            if (!asOf.isAfter(last)) {
                throw new IllegalArgumentException("asOf must be after the period last judged " + g.format(last)
                        + ", got " + g.format(asOf));
            }
            n = Math.toIntExact(g.between(last, asOf));
        }
        List<LocalDateTime> out = new ArrayList<>(n);
        for (int k = n - 1; k >= 0; k--) {
            out.add(g.plus(asOf, -k));
        }
        return out;
    }

    /** Fits a new detector on every target's windows ending at or before {@code lastEnd}; {@code listener} hears it. */
    static Detector fit(DetectionRequest req, AccountFrames frames, LocalDateTime lastEnd, int[] windowsOut,
                        FitListener listener) {
        return fit(req, frames, lastEnd, windowsOut, UnaryOperator.identity(), listener);
    }

    /**
     * Fits a new detector on every target's windows ending at or before {@code lastEnd}, passed through
     * {@code adjust} first; {@code listener} hears the fit.
     */
    static Detector fit(DetectionRequest req, AccountFrames frames, LocalDateTime lastEnd, int[] windowsOut,
                        UnaryOperator<List<FeatureWindow>> adjust, FitListener listener) {
        FeatureExtractor fx = new FeatureExtractor(req.features());
        List<MetricSeries> series = new ArrayList<>();
        List<MetricSeries> references = new ArrayList<>();
        for (Entity e : frames.targets(req.entityType())) {
            MetricSeries s = frames.series(e.id());
            if (s != null) {
                series.add(s);
                references.add(frames.reference(e.id()));
            }
        }
        List<FeatureWindow> windows = TrainingSample.windows(series, references, fx, lastEnd,
                req.trainingStride(), req.maxTrainingWindows(), req.seed());
        if (!windows.isEmpty()) {
            windows = List.copyOf(adjust.apply(Collections.unmodifiableList(windows)));
        }
        if (windows.isEmpty()) {
            Granularity g = frames.granularity();
            throw new IllegalArgumentException("history before " + g.format(g.plus(lastEnd, 1)) + " must hold at "
                    + "least one training window (" + req.features().minimumSeriesLength() + " periods of a "
                    + req.entityType().wireName() + "), got none: choose a later as-of or a shorter window");
        }
        Detector d = Detectors.create(req.detector(), req.detectorOptions());
        long t0 = System.nanoTime();
        d.fit(windows, listener);
        LOG.info("Fitted {} on {} {} windows ending by {} in {} ms", d.name(), windows.size(),
                req.entityType().wireName(), frames.granularity().format(lastEnd), (System.nanoTime() - t0) / 1_000_000);
        windowsOut[0] = windows.size();
        return d;
    }

    DetectionReport run(long loadNs, FitListener listener) {
        List<LocalDateTime> periods = periods(req, frames, live);
        Granularity g = frames.granularity();
        PeriodJudge judge = new PeriodJudge(req);
        int[] trainingWindows = new int[1];
        Detector detector;
        if (live != null) {
            // a live run learns like a backtest, on a copy returned in the next state
            detector = live.model() instanceof StreamingDetector ? Models.copy(live.model()) : live.model();
            Models.requireCompatible(detector, fx);
        } else if (req.model() != null) {
            detector = periods.size() > 1 && req.model() instanceof StreamingDetector
                    ? Models.copy(req.model()) : req.model();
            Models.requireCompatible(detector, fx);
        } else {
            long t0 = System.nanoTime();
            detector = fit(req, frames, g.plus(periods.get(0), -1), trainingWindows, listener);
            fitNs += System.nanoTime() - t0;
        }
        boolean learn = (periods.size() > 1 || live != null) && detector instanceof StreamingDetector;
        // a backtest traces back the start of anomalies found in its first period; a live run continuing an
        // earlier one carries the runs still going instead, exactly as the backtest's later periods do
        boolean traceBack = live == null || !live.started();

        List<Entity> targets = frames.targets(req.entityType());
        Set<String> checked = new HashSet<>();
        Map<String, OngoingAnomaly> runs = new HashMap<>();
        if (live != null) {
            runs.putAll(live.ongoing());
        }
        List<Alert> alerts = new ArrayList<>();
        long windowsScored = 0;
        long echoes = 0;
        long belowFloor = 0;
        for (int pi = 0; pi < periods.size(); pi++) {
            LocalDateTime p = periods.get(pi);
            PeriodJudge.Verdict v = judge.judge(detector, learn, pi == 0 && traceBack, p, targets, frames::series,
                    frames::reference, runs);
            windowsPerPeriod.put(p, (long) v.windowsScored());
            if (v.windowsScored() == 0) {
                continue;
            }
            windowsScored += v.windowsScored();
            echoes += v.echoesSuppressed();
            belowFloor += v.belowMinScore();
            for (Entity e : v.checked()) {
                checked.add(e.id());
            }
            runs = v.running();
            Map<String, List<AlertCause>> causes = judge.rootCauses(frames.graph(), v, frames.upTo(p));
            alerts.addAll(v.alerts(causes, now));
        }
        featuresNs += judge.featuresNs;
        scoreNs += judge.scoreNs;
        explainNs += judge.explainNs;
        rootCauseNs += judge.rootCauseNs;
        alerts.sort(AlertAssembler.ORDER);
        List<IncidentAlert> members = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            members.add(IncidentAlerts.of(a));
        }
        List<Incident> incidents = IncidentGrouper.DEFAULT.group(members, frames.graph(), req.profileId(), g,
                periods.get(periods.size() - 1), openIncidents);
        if (live != null) {
            LocalDateTime last = periods.get(periods.size() - 1);
            Map<String, OngoingAnomaly> ongoing = new HashMap<>();
            for (Map.Entry<String, OngoingAnomaly> e : runs.entrySet()) {
                if (e.getValue().last().equals(last)) {
                    ongoing.put(e.getKey(), e.getValue());
                }
            }
            nextState = new LiveState(detector, last, ongoing);
        }
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Alert a : alerts) {
            counts.merge(a.severity(), 1, Integer::sum);
        }
        StageTimings timings = new StageTimings(loadNs / 1_000_000, featuresNs / 1_000_000, fitNs / 1_000_000,
                scoreNs / 1_000_000, explainNs / 1_000_000, rootCauseNs / 1_000_000);
        return new DetectionReport(req.entityType(), detector.name(), g, periods, checked.size(), alerts.size(),
                counts, alerts, 0, targets.size() - checked.size(), windowsScored, echoes, belowFloor,
                trainingWindows[0],
                frames.data().summary(), timings, incidents);
    }
}
