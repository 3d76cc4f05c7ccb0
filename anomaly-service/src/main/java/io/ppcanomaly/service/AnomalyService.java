package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection workflow as one library call: a request and a source of metrics in, ranked, explained alerts
 * with root causes out.
 *
 * <pre>{@code
 * AnomalyService service = new AnomalyService();
 * DetectionReport report = service.detect(DetectionRequest.builder().build(),   // keywords, ensemble, latest day
 *         CsvMetricSource.of(Path.of("report.csv")));
 * ReportJson.write(report, out);
 * }</pre>
 *
 * <h2>What a run does</h2>
 * <ol>
 *   <li>loads the entities and leaf metrics up to the as-of period, validates the hierarchy, pads each leaf
 *       with zero activity up to the account's last period and sums parents from their leaves;</li>
 *   <li>builds each checked entity's trailing window ({@link io.ppcanomaly.api.features.FeatureExtractor});
 *       entities with too little history are skipped and counted
 *       ({@link DetectionReport#entitiesSkipped()});</li>
 *   <li>fits the detector on every window of every checked entity ending before the first judged period
 *       (stride and cap from the request), or uses the request's saved model;</li>
 *   <li>scores all entities of each judged period in one batch; confirms that each flagged period carries the
 *       anomaly itself rather than earlier periods still in its window ({@link DetectionRequest#confirmPeriod()});
 *       explains each anomalous window against the
 *       all-zero baseline (the entity behaving as usual); looks back to find when each anomaly began; runs
 *       root-cause analysis over all anomalies of the period on metrics cut at that period;</li>
 *   <li>rates each alert's severity from score and money at stake;</li>
 *   <li>groups the alerts into incidents — alerts sharing a root and touching in time
 *       ({@link io.ppcanomaly.service.incident.IncidentGrouper}) — and returns the report.</li>
 * </ol>
 * Providers are found by name ({@link Detectors}, {@link Explainers}, {@link RootCauseAnalyzers}); an unknown
 * name fails before any data is read, listing the names available.
 *
 * <h2>Threads</h2>
 * Immutable and thread-safe: every call builds its own detector, explainer and analyzer. A saved model passed
 * in a request is only scored (fitted detectors are thread-safe to score), never mutated.
 */
public final class AnomalyService {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyService.class);

    private final Clock clock;

    /** A service stamping alerts with the system clock. */
    public AnomalyService() {
        this(Clock.systemUTC());
    }

    /** A service stamping alerts with {@code clock} (tests pin it). */
    public AnomalyService(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs detection. With a model in the request the run asks its source for only the periods it reads
     * ({@link MetricQuery#history()}: the periods judged, the start look-back, the features' window and baseline and
     * the root-cause analyzer's reach); the report is the same as with every period loaded, but for the rows its
     * {@link DetectionReport#load() load summary} counts as filtered.
     *
     * @return the report; {@link DetectionReport#executionTimeMs()} covers the whole call
     * @throws IOException              when the source cannot be read (a bad row names line, column and value)
     * @throws IllegalArgumentException for an unknown provider name, an as-of outside the data, history too
     *                                  short to fit, or a model that does not match the feature configuration
     */
    public DetectionReport detect(DetectionRequest request, MetricSource source) throws IOException {
        return detect(request, source, List.of(), FitListener.NONE);
    }

    /**
     * Runs detection, telling {@code listener} how the detector's fit goes (nothing when the request carries a
     * saved model). The report is the one {@link #detect(DetectionRequest, MetricSource)} gives.
     *
     * @return the report; {@link DetectionReport#executionTimeMs()} covers the whole call
     * @throws IOException              when the source cannot be read (a bad row names line, column and value)
     * @throws IllegalArgumentException for an unknown provider name, an as-of outside the data, history too
     *                                  short to fit, or a model that does not match the feature configuration
     */
    public DetectionReport detect(DetectionRequest request, MetricSource source, FitListener listener)
            throws IOException {
        return detect(request, source, List.of(), listener);
    }

    /**
     * Runs detection, continuing the incidents earlier runs left open: an alert whose root matches an open
     * incident and touches it in time joins it, so the report holds that incident under its first id and start,
     * with the earlier alerts and this run's ({@link IncidentGrouper}). This is how a monitor judging one period
     * per run keeps the incidents a backtest over the same periods would report.
     *
     * @param openIncidents the profile's incidents still {@link Incident#ongoing() ongoing} after the previous run
     * @return the report; {@link DetectionReport#executionTimeMs()} covers the whole call
     * @throws IOException              when the source cannot be read (a bad row names line, column and value)
     * @throws IllegalArgumentException for an unknown provider name, an as-of outside the data, history too
     *                                  short to fit, or a model that does not match the feature configuration
     */
    public DetectionReport detect(DetectionRequest request, MetricSource source, Collection<Incident> openIncidents)
            throws IOException {
        return detect(request, source, openIncidents, FitListener.NONE);
    }

    /**
     * Runs detection, continuing the incidents earlier runs left open ({@link #detect(DetectionRequest,
     * MetricSource, Collection)}) and telling {@code listener} how the detector's fit goes
     * ({@link #detect(DetectionRequest, MetricSource, FitListener)}).
     *
     * @param openIncidents the profile's incidents still {@link Incident#ongoing() ongoing} after the previous run
     * @return the report; {@link DetectionReport#executionTimeMs()} covers the whole call
     * @throws IOException              when the source cannot be read (a bad row names line, column and value)
     * @throws IllegalArgumentException for an unknown provider name, an as-of outside the data, history too
     *                                  short to fit, or a model that does not match the feature configuration
     */
    public DetectionReport detect(DetectionRequest request, MetricSource source, Collection<Incident> openIncidents,
                                  FitListener listener) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        List<Incident> open = List.copyOf(Objects.requireNonNull(openIncidents, "openIncidents"));
        Objects.requireNonNull(listener, "listener");
        long t0 = System.nanoTime();
        requireProviders(request);
        AccountData data = source.load(new MetricQuery(request.profileId(), request.asOf(),
                HistoryNeed.periods(request, null)));
        AccountFrames frames = AccountFrames.of(data);
        long loadNs = System.nanoTime() - t0;
        DetectionReport r = new DetectionEngine(request.resolvedFor(frames.granularity()), frames, clock.instant(),
                open).run(loadNs, listener);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        DetectionReport report = new DetectionReport(r.entityType(), r.detector(), r.granularity(), r.periods(),
                r.totalEntitiesChecked(), r.anomaliesDetected(), r.severityCounts(), r.alerts(), ms,
                r.entitiesSkipped(), r.windowsScored(), r.echoesSuppressed(), r.belowMinScore(), r.trainingWindows(), r.load(),
                r.timings(), r.incidents());
        Granularity g = report.granularity();
        LOG.info("{} {}s checked with {} for {}{}: {} anomalies in {} incidents, {} skipped (short history), {} ms",
                report.totalEntitiesChecked(), report.entityType().wireName(), report.detector(),
                g.format(report.periods().get(0)), report.periods().size() > 1 ? " to " + g.format(report.asOf()) : "",
                report.anomaliesDetected(), report.incidents().size(), report.entitiesSkipped(), ms);
        return report;
    }

    /**
     * Fits the request's detector on every window of its level ending at or before {@code request.asOf()}
     * (the data's last period when {@code null}), for later runs with {@link TrainedModel#applyTo}.
     *
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException for an unknown detector or history too short to fit
     */
    public TrainedModel train(DetectionRequest request, MetricSource source) throws IOException {
        return train(request, source, UnaryOperator.identity(), FitListener.NONE);
    }

    /**
     * Trains like {@link #train(DetectionRequest, MetricSource)}, telling {@code listener} how the fit goes.
     *
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException for an unknown detector or history too short to fit
     */
    public TrainedModel train(DetectionRequest request, MetricSource source, FitListener listener)
            throws IOException {
        return train(request, source, UnaryOperator.identity(), listener);
    }

    /**
     * Live detection, for a process judging the same account run after run (a monitor): judges the periods after
     * {@code state}'s last judged period up to the request's as-of (the data's last period when {@code null}) — or,
     * for a state that has judged nothing, the request's {@code periods} ending at the as-of — with the state's
     * model, learning as a backtest does (a {@link io.ppcanomaly.api.StreamingDetector} learns each period after
     * scoring it, on a copy: the state's model is never mutated), and returns the report with the next state.
     *
     * <p>Chaining runs through their states gives exactly what one {@link #detect} backtest over all their periods
     * gives with the same starting model: the same scores, alerts, anomaly starts and root causes. That is what
     * makes a monitor live equal its backtest, and a restarted one continue exactly where it stopped when the state
     * is persisted between runs.
     *
     * @param request what to judge and how; its {@code model} must be {@code null} (the state's model scores) and its
     *                feature configuration the model's
     * @param state   the model and where the previous run stopped; {@link LiveState#start} for a new model
     * @return the report and the next state
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException for a request carrying a model, an as-of not after the state's last judged
     *                                  period or outside the data, or a model that does not match the features
     */
    public LiveDetection detectLive(DetectionRequest request, MetricSource source, LiveState state) throws IOException {
        return detectLive(request, source, state, List.of());
    }

    /**
     * How many periods {@link #detectLive} reads for a request and state, ending at the request's as-of: what it asks
     * its source for in {@link MetricQuery#history()} — the periods judged since the state's last, back to the start of
     * any anomaly still going, plus the features' window and baseline and the root-cause analyzer's reach. For a
     * caller that reads the data once for several runs (the monitor reads a profile once for all its levels) and asks
     * its own source for the most of them.
     *
     * @param request     the live run's request, as given to {@link #detectLive}
     * @param state       the state it continues
     * @param granularity the data's granularity (a model's {@link TrainedModel#granularity()}), or {@code null} when
     *                    it is not known: then the periods are counted for either, as {@link #detectLive} counts them
     *                    (in hours since the state's last period, and the larger window and analyzer reach)
     * @return periods ending at the request's as-of, &ge; 1; {@code 0} when the run needs every period (no as-of
     *         with a started state, or an analyzer that does not say how far back it reads)
     */
    public static int liveHistory(DetectionRequest request, LiveState state, Granularity granularity) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        return HistoryNeed.periods(request.toBuilder().model(state.model()).detector(state.model().name()).build(),
                state, granularity);
    }

    /**
     * Live detection ({@link #detectLive(DetectionRequest, MetricSource, LiveState)}) continuing the incidents earlier
     * runs left open, as {@link #detect(DetectionRequest, MetricSource, Collection)} does.
     *
     * @param openIncidents the profile's incidents still {@link Incident#ongoing() ongoing} after the previous run
     * @return the report and the next state
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException as {@link #detectLive(DetectionRequest, MetricSource, LiveState)}
     */
    public LiveDetection detectLive(DetectionRequest request, MetricSource source, LiveState state,
                                    Collection<Incident> openIncidents) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        List<Incident> open = List.copyOf(Objects.requireNonNull(openIncidents, "openIncidents"));
        if (request.model() != null) {
            throw new IllegalArgumentException("request model must be null in a live run (the state's model scores), "
                    + "got a '" + request.model().name() + "' model");
        }
        DetectionRequest req = request.toBuilder().model(state.model()).detector(state.model().name()).build();
        long t0 = System.nanoTime();
        requireProviders(req);
        AccountData data = source.load(new MetricQuery(req.profileId(), req.asOf(), HistoryNeed.periods(req, state)));
        AccountFrames frames = AccountFrames.of(data);
        long loadNs = System.nanoTime() - t0;
        DetectionEngine engine = new DetectionEngine(req.resolvedFor(frames.granularity()), frames, clock.instant(),
                open, state);
        DetectionReport r = engine.run(loadNs, FitListener.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        DetectionReport report = new DetectionReport(r.entityType(), r.detector(), r.granularity(), r.periods(),
                r.totalEntitiesChecked(), r.anomaliesDetected(), r.severityCounts(), r.alerts(), ms,
                r.entitiesSkipped(), r.windowsScored(), r.echoesSuppressed(), r.belowMinScore(), r.trainingWindows(),
                r.load(), r.timings(), r.incidents());
        Granularity g = report.granularity();
        LOG.debug("Live run: {} {}s checked for {}{}: {} anomalies, {} ms", report.totalEntitiesChecked(),
                report.entityType().wireName(), g.format(report.periods().get(0)),
                report.periods().size() > 1 ? " to " + g.format(report.asOf()) : "", report.anomaliesDetected(), ms);
        return new LiveDetection(report, engine.nextState(), engine.windowsPerPeriod());
    }

    /**
     * {@link #train(DetectionRequest, MetricSource)} with the training windows passed through {@code adjust}
     * before fitting: a monitor teaching windows people labelled normal and leaving confirmed anomalies out, for
     * example. {@link TrainedModel#trainingWindows()} counts the adjusted list.
     *
     * @param adjust takes the sampled windows (unmodifiable, in series then period order) and returns those to fit
     *               on, one schema and length
     * @param listener hears how the fit goes ({@link FitListener#NONE} for nothing)
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException for an unknown detector, history too short to fit, or {@code adjust}
     *                                  returning no window
     */
    public TrainedModel train(DetectionRequest request, MetricSource source,
                              UnaryOperator<List<FeatureWindow>> adjust, FitListener listener) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(adjust, "adjust");
        Objects.requireNonNull(listener, "listener");
        Detectors.provider(request.detector());
        AccountData data = source.load(new MetricQuery(request.profileId(), request.asOf()));
        AccountFrames frames = AccountFrames.of(data);
        DetectionRequest req = request.resolvedFor(frames.granularity());
        LocalDateTime through = req.asOf() == null ? frames.end() : req.asOf();
        if (through.isAfter(frames.end())) {
            Granularity g = frames.granularity();
            throw new IllegalArgumentException("asOf must not be after the data's last period " + g.format(frames.end())
                    + ", got " + g.format(through));
        }
        int[] windows = new int[1];
        long t0 = System.nanoTime();
        Detector d = DetectionEngine.fit(req, frames, through, windows, adjust, listener);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new TrainedModel(d, req.entityType(), frames.granularity(), req.features(), through,
                windows[0], ms);
    }

    private static void requireProviders(DetectionRequest r) {
        if (r.model() == null) {
            Detectors.provider(r.detector());
        }
        if (r.explain() && !Explainers.available().contains(r.explainer())) {
            throw new IllegalArgumentException("explainer name must be one of " + Explainers.available() + ", got '"
                    + r.explainer() + "'");
        }
        if (r.rootCause() && !RootCauseAnalyzers.available().contains(r.rootCauseAnalyzer())) {
            throw new IllegalArgumentException("root-cause analyzer name must be one of "
                    + RootCauseAnalyzers.available() + ", got '" + r.rootCauseAnalyzer() + "'");
        }
    }
}
