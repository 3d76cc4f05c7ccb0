package io.ppcanomaly.service;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.Explainers;
import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.RootCauseAnalyzers;
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
     * Runs detection.
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
        AccountData data = source.load(new MetricQuery(request.profileId(), request.asOf()));
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
        return train(request, source, FitListener.NONE);
    }

    /**
     * Trains like {@link #train(DetectionRequest, MetricSource)}, telling {@code listener} how the fit goes.
     *
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException for an unknown detector or history too short to fit
     */
    public TrainedModel train(DetectionRequest request, MetricSource source, FitListener listener)
            throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(source, "source");
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
        Detector d = DetectionEngine.fit(req, frames, through, windows, listener);
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
