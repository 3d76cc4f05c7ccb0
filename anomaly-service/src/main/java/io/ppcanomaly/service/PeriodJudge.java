package io.ppcanomaly.service;

import io.ppcanomaly.api.AnomalyResult;
import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.Explainer;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.Explanation;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One period of one level judged exactly as a detection run judges each of its periods — the step
 * {@link AnomalyService} runs for every period, open to callers that keep the data themselves (a stream
 * processor's keyed state: {@code anomaly-flink}). In order: every entity with enough history gets its window
 * (seasonal baseline, the profile as reference) and all are scored in one {@code scoreAll} batch; each flag is
 * confirmed (the judged row against the earlier rows, see the service README); in a model's first period the
 * start of each anomaly is traced back up to {@code startLookback} periods; the alerts are explained; a
 * {@link StreamingDetector} then learns the period's windows in a seeded shuffled order (the windows ordered by
 * entity id first, so the order of the input never changes what the model learns); runs of anomalous periods
 * are carried on. Root causes ({@link #rootCauses}) and alerts ({@link Verdict#alerts}) follow.
 *
 * <p>Not thread-safe (it adds up stage timings, and learning mutates the detector): one per run or per keyed
 * partition.
 */
public final class PeriodJudge {

    private final DetectionRequest req;
    private final FeatureExtractor fx;
    private final Explainer explainer;
    private final RootCauseAnalyzer analyzer;
    long featuresNs;
    long scoreNs;
    long explainNs;
    long rootCauseNs;

    /**
     * @param request the settings (level, explainer, analyzer, seed, look-back, confirmation, floor, severity) with
     *                its feature configuration set (a model's: {@link TrainedModel#applyTo}); its model, profile,
     *                as-of and periods are not used
     * @throws IllegalArgumentException when the request has no feature configuration or names an unknown provider
     */
    public PeriodJudge(DetectionRequest request) {
        this.req = Objects.requireNonNull(request, "request");
        if (request.features() == null) {
            throw new IllegalArgumentException("request features must be set (the model's), got none");
        }
        this.fx = new FeatureExtractor(request.features());
        this.explainer = req.explain() ? Explainers.create(req.explainer(), req.explainerOptions()) : null;
        this.analyzer = req.rootCause() ? RootCauseAnalyzers.create(req.rootCauseAnalyzer(), req.rootCauseOptions())
                : null;
    }

    /** @return the feature extractor windows are built with */
    public FeatureExtractor extractor() {
        return fx;
    }

    /**
     * Judges one period.
     *
     * @param detector  the model as it stands after the previous periods; learnt in place when {@code learn}
     * @param learn     whether a {@link StreamingDetector} learns the period after scoring it
     * @param traceBack whether to trace the start of anomalies back (a model's first period judged)
     * @param period    the period
     * @param targets   the level's entities, in any order (the verdict keeps it)
     * @param series    entity id → its series reaching at least to {@code period} (cut later is fine), or
     *                  {@code null} when it has none; windows use only periods up to {@code period}
     * @param reference entity id → its seasonal reference (the profile's series), or {@code null}
     * @param running   entity id → its run of anomalous periods still going at the previous period
     * @return the verdict
     */
    public Verdict judge(Detector detector, boolean learn, boolean traceBack, LocalDateTime period,
                         List<Entity> targets, Function<String, MetricSeries> series,
                         Function<String, MetricSeries> reference, Map<String, OngoingAnomaly> running) {
        long f0 = System.nanoTime();
        List<Entity> entities = new ArrayList<>(targets.size());
        List<FeatureWindow> windows = new ArrayList<>(targets.size());
        List<MetricSeries> used = new ArrayList<>(targets.size());
        for (Entity e : targets) {
            MetricSeries s = series.apply(e.id());
            int idx = s == null ? -1 : s.indexOf(period);
            if (idx >= fx.firstWindowEnd()) {
                entities.add(e);
                used.add(s);
                windows.add(fx.window(s, idx, reference.apply(e.id())));
            }
        }
        featuresNs += System.nanoTime() - f0;
        Verdict v = new Verdict(period, entities, windows, used);
        if (windows.isEmpty()) {
            return v;
        }
        long s0 = System.nanoTime();
        v.results = detector.scoreAll(windows);
        double minScore = req.minScore().orElse(0.0);
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < v.results.size(); i++) {
            if (v.results.get(i).anomalous()) {
                if (v.results.get(i).score() >= minScore) {
                    flagged.add(i);
                } else {
                    v.belowMinScore++;
                }
            }
        }
        v.hits = confirmed(detector, flagged, windows);
        v.echoes = flagged.size() - v.hits.size();
        Map<String, LocalDateTime> lookedBack = traceBack
                ? lookBack(detector, v.hits, entities, used, period, reference) : Map.of();
        scoreNs += System.nanoTime() - s0;

        v.explanations = explain(detector, v.hits, windows);
        if (learn && detector instanceof StreamingDetector sd) {
            long l0 = System.nanoTime();
            List<FeatureWindow> order = new ArrayList<>(windows);
            order.sort(Comparator.comparing(FeatureWindow::entityId, Comparator.nullsFirst(Comparator.naturalOrder())));
            Collections.shuffle(order, new Random(req.seed() ^ period.hashCode()));
            sd.learnAll(order);
            scoreNs += System.nanoTime() - l0;
        }
        Granularity g = used.get(0).granularity();
        for (int h = 0; h < v.hits.size(); h++) {
            int i = v.hits.get(h);
            String id = entities.get(i).id();
            double score = v.results.get(i).score();
            OngoingAnomaly prev = running.get(id);
            OngoingAnomaly run = prev != null && prev.last().equals(g.plus(period, -1))
                    ? new OngoingAnomaly(prev.start(), period, Math.max(prev.peakScore(), score))
                    : new OngoingAnomaly(lookedBack.getOrDefault(id, period), period, score);
            v.running.put(id, run);
            v.anomalies.add(new EntityAnomaly(id, run.start(), period, run.peakScore(),
                    AlertAssembler.lastRow(windows.get(i)),
                    v.explanations[h] == null ? Map.of() : v.explanations[h].contributions()));
        }
        return v;
    }

    /**
     * Traces the verdict's anomalies to their root causes with the request's analyzer.
     *
     * @param metrics every entity's series cut at the verdict's period (parents' too)
     * @return entity id → its causes, most likely first; empty without an analyzer or anomalies
     */
    public Map<String, List<AlertCause>> rootCauses(EntityGraph graph, Verdict verdict,
                                                    Map<String, MetricSeries> metrics) {
        if (analyzer == null || verdict.anomalies.isEmpty()) {
            return Map.of();
        }
        long t0 = System.nanoTime();
        List<RootCause> causes = analyzer.analyze(new RootCauseInput(graph, verdict.anomalies, metrics));
        rootCauseNs += System.nanoTime() - t0;
        return AlertAssembler.causesByEntity(causes);
    }

    /** What one period's judging found. Built by {@link #judge}; read-only to callers. */
    public final class Verdict {
        private final LocalDateTime period;
        private final List<Entity> entities;
        private final List<FeatureWindow> windows;
        private final List<MetricSeries> series;
        private List<AnomalyResult> results = List.of();
        private List<Integer> hits = List.of();
        private Explanation[] explanations = new Explanation[0];
        private final Map<String, OngoingAnomaly> running = new HashMap<>();
        private final List<EntityAnomaly> anomalies = new ArrayList<>();
        private long echoes;
        private long belowMinScore;

        private Verdict(LocalDateTime period, List<Entity> entities, List<FeatureWindow> windows,
                        List<MetricSeries> series) {
            this.period = period;
            this.entities = entities;
            this.windows = windows;
            this.series = series;
        }

        /** @return the period judged */
        public LocalDateTime period() {
            return period;
        }

        /** @return the entities scored (those with enough history), in the targets' order */
        public List<Entity> checked() {
            return Collections.unmodifiableList(entities);
        }

        /** @return how many windows were scored */
        public int windowsScored() {
            return windows.size();
        }

        /** @return flags that came from earlier periods only (not alerted) */
        public long echoesSuppressed() {
            return echoes;
        }

        /** @return flags under the request's floor */
        public long belowMinScore() {
            return belowMinScore;
        }

        /** @return the confirmed anomalies, for root-cause analysis */
        public List<EntityAnomaly> anomalies() {
            return Collections.unmodifiableList(anomalies);
        }

        /** @return entity id → its run of anomalous periods, for those anomalous in this period */
        public Map<String, OngoingAnomaly> running() {
            return Collections.unmodifiableMap(running);
        }

        /**
         * @param causes entity id → its root causes ({@link #rootCauses}), or empty
         * @param now    the detection timestamp
         * @return the period's alerts, in the order of the targets
         */
        public List<Alert> alerts(Map<String, List<AlertCause>> causes, Instant now) {
            List<Alert> out = new ArrayList<>(hits.size());
            for (int h = 0; h < hits.size(); h++) {
                int i = hits.get(h);
                Entity e = entities.get(i);
                MetricSeries s = series.get(i);
                int idx = s.indexOf(period);
                double money = AlertAssembler.moneyAtStake(s, idx, req.features());
                out.add(AlertAssembler.alert(e, windows.get(i), s.at(idx), results.get(i), running.get(e.id()).start(),
                        explanations[h], money, req.severity(), causes.getOrDefault(e.id(), List.of()), now));
            }
            return out;
        }
    }

    /**
     * For anomalies found in a model's first period, scores the preceding periods of those entities (one batch)
     * to find when each run of anomalous periods began.
     */
    private Map<String, LocalDateTime> lookBack(Detector detector, List<Integer> hits, List<Entity> entities,
                                                List<MetricSeries> series, LocalDateTime p,
                                                Function<String, MetricSeries> reference) {
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
                windows.add(fx.window(s, idx - k, reference.apply(s.entityId())));
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
                out.put(entities.get(hits.get(h)).id(), series.get(hits.get(h)).granularity().plus(p, -reach[h]));
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
     * Both windows are scored in one batch. Without {@link DetectionRequest#confirmPeriod()}, or for one-row
     * windows, all are kept.
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

    private Explanation[] explain(Detector detector, List<Integer> hits, List<FeatureWindow> windows) {
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
}
