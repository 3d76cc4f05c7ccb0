package io.ppcanomaly.service;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.RootCauseInput;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detection run over loaded data: windows → fit (or the given model) → score each period → explain the
 * anomalous → root causes → alerts → incidents. Single use, not thread-safe; {@link AnomalyService} makes one
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

    /** An entity's current run of anomalous periods. */
    private record Run(LocalDateTime start, LocalDateTime last, double maxScore) {
    }

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
        Explainer explainer = req.explain() ? Explainers.create(req.explainer(), req.explainerOptions()) : null;
        RootCauseAnalyzer analyzer = req.rootCause()
                ? RootCauseAnalyzers.create(req.rootCauseAnalyzer(), req.rootCauseOptions()) : null;
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
        Map<String, Run> runs = new HashMap<>();
        if (live != null) {
            for (Map.Entry<String, OngoingAnomaly> e : live.ongoing().entrySet()) {
                OngoingAnomaly a = e.getValue();
                runs.put(e.getKey(), new Run(a.start(), a.last(), a.peakScore()));
            }
        }
        List<Alert> alerts = new ArrayList<>();
        long windowsScored = 0;
        long echoes = 0;
        long belowFloor = 0;
        double minScore = req.minScore().orElse(0.0);
        for (int pi = 0; pi < periods.size(); pi++) {
            LocalDateTime p = periods.get(pi);
            long f0 = System.nanoTime();
            List<Entity> entities = new ArrayList<>(targets.size());
            List<FeatureWindow> windows = new ArrayList<>(targets.size());
            List<MetricSeries> series = new ArrayList<>(targets.size());
            for (Entity e : targets) {
                MetricSeries s = frames.series(e.id());
                int idx = s == null ? -1 : s.indexOf(p);
                if (idx >= fx.firstWindowEnd()) {
                    entities.add(e);
                    series.add(s);
                    windows.add(fx.window(s, idx, frames.reference(e.id())));
                }
            }
            featuresNs += System.nanoTime() - f0;
            windowsPerPeriod.put(p, (long) windows.size());
            if (windows.isEmpty()) {
                continue;
            }
            long s0 = System.nanoTime();
            List<AnomalyResult> results = detector.scoreAll(windows);
            windowsScored += windows.size();
            List<Integer> flagged = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                checked.add(entities.get(i).id());
                if (results.get(i).anomalous()) {
                    if (results.get(i).score() >= minScore) {
                        flagged.add(i);
                    } else {
                        belowFloor++;
                    }
                }
            }
            List<Integer> hits = confirmed(detector, flagged, windows);
            echoes += flagged.size() - hits.size();
            Map<String, LocalDateTime> lookedBack = pi == 0 && traceBack
                    ? lookBack(detector, hits, entities, series, p) : Map.of();
            scoreNs += System.nanoTime() - s0;

            Explanation[] explanations = explain(explainer, detector, hits, windows);
            if (learn) {
                long l0 = System.nanoTime();
                List<FeatureWindow> order = new ArrayList<>(windows);
                Collections.shuffle(order, new Random(req.seed() ^ p.hashCode()));
                ((StreamingDetector) detector).learnAll(order);
                scoreNs += System.nanoTime() - l0;
            }
            Map<String, Run> next = new HashMap<>();
            List<EntityAnomaly> anomalies = new ArrayList<>(hits.size());
            for (int h = 0; h < hits.size(); h++) {
                int i = hits.get(h);
                String id = entities.get(i).id();
                double score = results.get(i).score();
                Run prev = runs.get(id);
                Run run = prev != null && prev.last().equals(g.plus(p, -1))
                        ? new Run(prev.start(), p, Math.max(prev.maxScore(), score))
                        : new Run(lookedBack.getOrDefault(id, p), p, score);
                next.put(id, run);
                anomalies.add(new EntityAnomaly(id, run.start(), p, run.maxScore(),
                        AlertAssembler.lastRow(windows.get(i)),
                        explanations[h] == null ? Map.of() : explanations[h].contributions()));
            }
            runs = next;
            Map<String, List<AlertCause>> causes = rootCauses(analyzer, anomalies, p);
            for (int h = 0; h < hits.size(); h++) {
                int i = hits.get(h);
                Entity e = entities.get(i);
                MetricSeries s = series.get(i);
                double money = AlertAssembler.moneyAtStake(s, s.indexOf(p), req.features());
                alerts.add(AlertAssembler.alert(e, windows.get(i), s.at(s.indexOf(p)), results.get(i),
                        runs.get(e.id()).start(),
                        explanations[h], money, req.severity(), causes.getOrDefault(e.id(), List.of()), now));
            }
        }
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
            for (Map.Entry<String, Run> e : runs.entrySet()) {
                Run r = e.getValue();
                if (r.last().equals(last)) {
                    ongoing.put(e.getKey(), new OngoingAnomaly(r.start(), r.last(), r.maxScore()));
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

    /**
     * For anomalies found in the first period judged, scores the preceding periods of those entities (one
     * batch) to find when each run of anomalous periods began.
     */
    private Map<String, LocalDateTime> lookBack(Detector detector, List<Integer> hits, List<Entity> entities,
                                                List<MetricSeries> series, LocalDateTime p) {
        int lookback = req.startLookback();
        if (lookback == 0 || hits.isEmpty()) {
            return Map.of();
        }
        List<FeatureWindow> windows = new ArrayList<>();
        List<int[]> owner = new ArrayList<>();
        for (int h = 0; h < hits.size(); h++) {
            MetricSeries s = series.get(hits.get(h));
            int idx = s.indexOf(p);
            for (int k = 1; k <= lookback && idx - k >= fx.firstWindowEnd(); k++) {
                windows.add(fx.window(s, idx - k, frames.reference(s.entityId())));
                owner.add(new int[] {h, k});
            }
        }
        if (windows.isEmpty()) {
            return Map.of();
        }
        List<AnomalyResult> results = detector.scoreAll(windows);
        List<Integer> flagged = new ArrayList<>();
        double minScore = req.minScore().orElse(0.0);
        for (int w = 0; w < results.size(); w++) {
            if (results.get(w).anomalous() && results.get(w).score() >= minScore) {
                flagged.add(w);
            }
        }
        boolean[] anomalous = new boolean[results.size()];
        for (int w : confirmed(detector, flagged, windows)) {
            anomalous[w] = true;
        }
        int[] reach = new int[hits.size()];
        boolean[] broken = new boolean[hits.size()];
        for (int w = 0; w < results.size(); w++) {
            int h = owner.get(w)[0];
            int k = owner.get(w)[1];
            if (broken[h]) {
                continue;
            }
            if (anomalous[w] && k == reach[h] + 1) {
                reach[h] = k;
            } else {
                broken[h] = true;
            }
        }
        Map<String, LocalDateTime> out = new HashMap<>();
        for (int h = 0; h < hits.size(); h++) {
            if (reach[h] > 0) {
                out.put(entities.get(hits.get(h)).id(), frames.granularity().plus(p, -reach[h]));
            }
        }
        return out;
    }

    /**
     * Keeps the flagged windows whose judged period carries the anomaly itself. Each window is split into two
     * players, the judged row and the earlier rows, "absent" meaning the entity's baseline (zeros in the
     * scale-free feature space). The period is kept when the judged row alone is flagged, or when its Shapley
     * share is at least the earlier rows' — exactly when score(judged row only) &ge; score(judged row at
     * baseline); a continuing incident of steady size splits the share about evenly, the first test keeps it.
     * Both windows are scored in one batch. Without
     * {@link DetectionRequest#confirmPeriod()}, or for one-row windows, all are kept.
     *
     * @return indices into {@code windows}, in order
     */
    private List<Integer> confirmed(Detector detector, List<Integer> flagged, List<FeatureWindow> windows) {
        if (!req.confirmPeriod() || flagged.isEmpty() || windows.get(flagged.get(0)).length() < 2) {
            return flagged;
        }
        int n = flagged.size();
        List<FeatureWindow> players = new ArrayList<>(2 * n);
        for (int i : flagged) {
            FeatureWindow w = windows.get(i);
            int f = w.width();
            double[] alone = new double[w.length() * f];
            w.copyLastRowsTo(1, alone, alone.length - f);
            players.add(w.withValues(alone));
            double[] without = w.toArray();
            java.util.Arrays.fill(without, without.length - f, without.length, 0.0);
            players.add(w.withValues(without));
        }
        List<AnomalyResult> r = detector.scoreAll(players);
        List<Integer> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            AnomalyResult alone = r.get(2 * k);
            if (alone.anomalous() || alone.score() >= r.get(2 * k + 1).score()) {
                out.add(flagged.get(k));
            }
        }
        return out;
    }

    private Explanation[] explain(Explainer explainer, Detector detector, List<Integer> hits,
                                  List<FeatureWindow> windows) {
        Explanation[] out = new Explanation[hits.size()];
        if (explainer == null || hits.isEmpty()) {
            return out;
        }
        long t0 = System.nanoTime();
        // Explainers and fitted detectors are thread-safe; each explanation is seeded on its own, so the
        // parallel result equals the sequential one.
        IntStream.range(0, hits.size()).parallel().forEach(h -> {
            FeatureWindow w = windows.get(hits.get(h));
            out[h] = explainer.explain(detector, w, FeatureWindow.zeros(w.schema(), w.length(), w.entityId(),
                    w.period()));
        });
        explainNs += System.nanoTime() - t0;
        return out;
    }

    private Map<String, List<AlertCause>> rootCauses(RootCauseAnalyzer analyzer, List<EntityAnomaly> anomalies,
                                                     LocalDateTime p) {
        if (analyzer == null || anomalies.isEmpty()) {
            return Map.of();
        }
        long t0 = System.nanoTime();
        List<RootCause> causes = analyzer.analyze(new RootCauseInput(frames.graph(), anomalies, frames.upTo(p)));
        rootCauseNs += System.nanoTime() - t0;
        return AlertAssembler.causesByEntity(causes);
    }
}
