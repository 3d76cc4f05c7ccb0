package io.ppcanomaly.monitor;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.monitor.lease.Lease;
import io.ppcanomaly.monitor.registry.ModelRegistry;
import io.ppcanomaly.monitor.registry.VersionOrigin;
import io.ppcanomaly.monitor.registry.VersionStatus;
import io.ppcanomaly.monitor.retrain.FeedbackFilter;
import io.ppcanomaly.monitor.state.MonitorState;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.LiveDetection;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.SaveHook;
import io.ppcanomaly.store.SaveResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detection run of a profile: take its lease, read its metrics once, and for each level judge every period
 * after the level's watermark with the live model, storing the alerts, the new watermark, the learnt model and the
 * ledger of judged periods in one transaction (fenced by the lease). A level without a champion first gets one,
 * trained on the data before the period judged.
 */
final class DetectionJob {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionJob.class);

    private final MonitorRuntime rt;

    DetectionJob(MonitorRuntime rt) {
        this.rt = rt;
    }

    /**
     * @param asOf the last period to judge, or {@code null} for the latest period closed by the schedule's clock;
     *             cut at the data's last period either way
     */
    RunResult run(ProfileSettings p, LocalDateTime asOf) {
        long t0 = System.nanoTime();
        Optional<Lease> lease = rt.leases.tryAcquire(p.id(), "detect");
        if (lease.isEmpty()) {
            String who = rt.leases.currentHolder(p.id()).orElse("another instance");
            return finish(new RunResult(p.id(), RunResult.Outcome.SKIPPED, null, null, List.of(), 0, ms(t0),
                    "lease held by " + who));
        }
        rt.held.add(lease.get());
        try {
            return finish(run(lease.get(), p, asOf, t0));
        } finally {
            rt.held.remove(lease.get());
            lease.get().close();
        }
    }

    private RunResult run(Lease lease, ProfileSettings p, LocalDateTime requested, long t0) {
        MetricSource source = rt.sources.sourceFor(p);
        LocalDateTime until = requested != null ? requested
                : rt.config.schedule().lastClosedPeriod(Granularity.HOUR, rt.clock.instant());
        AccountData data;
        int history;
        try {
            history = history(p, until);
            data = source.load(new MetricQuery(p.sourceProfile(), until, history));
        } catch (IOException | RuntimeException e) {
            return new RunResult(p.id(), RunResult.Outcome.FAILED, null, null, List.of(), ms(t0), ms(t0),
                    "reading metrics from " + source.description() + " failed: " + e.getMessage());
        }
        long loadMs = ms(t0);
        Granularity g = data.granularity();
        LocalDateTime end = dataEnd(data);
        if (end == null) {
            return new RunResult(p.id(), RunResult.Outcome.SKIPPED, null, g, List.of(), loadMs, ms(t0),
                    "no metrics in " + source.description());
        }
        LocalDateTime asOf = requested != null ? requested
                : rt.config.schedule().lastClosedPeriod(g, rt.clock.instant());
        if (asOf.isAfter(end)) {
            asOf = end;
        }
        MetricSource loaded = InMemoryMetricSource.of(source.description(), data);
        MetricSource everything = history == 0 ? loaded
                : new EveryPeriod(source, new MetricQuery(p.sourceProfile(), until));
        List<LevelRun> levels = new ArrayList<>();
        int failed = 0;
        for (EntityType level : p.levels()) {
            long l0 = System.nanoTime();
            try {
                levels.add(runLevel(lease, p, level, loaded, everything, g, asOf, l0));
            } catch (IOException | RuntimeException e) {
                failed++;
                LOG.warn("Profile {} {} failed, nothing written for it: {}", p.id(), level.wireName(), e.toString(),
                        e);
                rt.cache.remove(MonitorRuntime.key(p, level));
                levels.add(new LevelRun(level, LevelRun.Status.FAILED, 0, false, List.of(), Optional.empty(), 0, 0, 0,
                        0, 0, ms(l0), String.valueOf(e.getMessage())));
            }
        }
        RunResult.Outcome outcome = failed == 0 ? RunResult.Outcome.COMPLETED
                : failed == levels.size() ? RunResult.Outcome.FAILED : RunResult.Outcome.PARTIAL;
        return new RunResult(p.id(), outcome, asOf, g, levels, loadMs, ms(t0), "");
    }

    /**
     * How many periods, ending at {@code until}, the profile's levels need: the most any level's live run reads
     * ({@link AnomalyService#liveHistory}, counted in its champion's granularity, judging through {@code until}, and
     * one more period: the run judges through the last period closed, which may be one before {@code until}'s), when
     * every level has a state grown from its champion (its steady state); a level already judged through
     * {@code until} needs none. 0 (every period) when a level has no such state: it will train a first model, or
     * start or replay a new champion, on the whole history.
     */
    private int history(ProfileSettings p, LocalDateTime until) throws IOException {
        long most = 1;
        for (EntityType level : p.levels()) {
            Optional<LiveStates.Current> c = LiveStates.grown(rt, p, level);
            if (c.isEmpty() || !c.get().state().started()) {
                return 0;
            }
            if (!until.isAfter(c.get().state().judgedThrough())) {
                continue;
            }
            DetectionRequest req = LiveStates.request(rt, p, level, c.get().champion()).toBuilder().asOf(until)
                    .build();
            int n = AnomalyService.liveHistory(req, c.get().state(), c.get().champion().granularity());
            if (n == 0 || n == Integer.MAX_VALUE) {
                return 0;
            }
            most = Math.max(most, n + 1L);
        }
        return (int) most;
    }

    /**
     * @param data       the profile's metrics as read for this run (the history the levels need)
     * @param everything the profile's every period, for a level that trains a first model or replays a new champion
     */
    private LevelRun runLevel(Lease lease, ProfileSettings p, EntityType level, MetricSource data,
                              MetricSource everything, Granularity g, LocalDateTime asOf, long l0) throws IOException {
        boolean trained = false;
        Optional<LiveStates.Current> found = LiveStates.current(rt, p, level, everything, asOf);
        if (found.isEmpty()) {
            trainFirstModel(lease, p, level, everything, g.plus(asOf, -1));
            trained = true;
            found = LiveStates.current(rt, p, level, everything, asOf);
        }
        LiveStates.Current c = found.orElseThrow();
        if (!asOf.isAfter(c.from())) {
            return new LevelRun(level, LevelRun.Status.UP_TO_DATE, c.champion().id(), trained, List.of(),
                    Optional.empty(), 0, 0, 0, 0, 0, ms(l0), "judged through " + g.format(c.from()));
        }
        DetectionRequest.Builder req = LiveStates.request(rt, p, level, c.champion()).toBuilder().asOf(asOf);
        if (!c.state().started()) {
            req.periods(Math.toIntExact(g.between(c.from(), asOf)));
        }
        // the incidents earlier runs left ongoing (any level of the profile) are continued, not split per run
        LiveDetection live = rt.service.detectLive(req.build(), data, c.state(), rt.store.ongoingIncidents(p.id()));
        FeedbackFilter.Filtered filtered = rt.filter(p, c.champion().id()).apply(live.report());
        DetectionReport report = filtered.report();
        if (!filtered.suppressed().isEmpty()) {
            FeedbackFilter.Suppressed first = filtered.suppressed().get(0);
            LOG.info("Profile {} {}: {} alerts kept back by model v{}'s feedback filter (e.g. {} at {}, like alert {} "
                            + "labelled false, distance {})", p.id(), level.wireName(), filtered.suppressed().size(),
                    c.champion().id(), first.alert().entityId(), g.format(first.alert().period()),
                    first.resembled().alertId(), String.format(java.util.Locale.ROOT, "%.3f", first.distance()));
        }
        ByteArrayOutputStream model = new ByteArrayOutputStream(1 << 16);
        live.state().model().save(model);
        byte[] bytes = model.toByteArray();
        Map<LocalDateTime, Integer> alerts = new HashMap<>();
        for (Alert a : report.alerts()) {
            alerts.merge(a.period(), 1, Integer::sum);
        }
        long[] revision = new long[1];
        long version = c.champion().id();
        SaveHook hook = (tx, saved) -> {
            lease.verify(tx);
            revision[0] = MonitorState.write(tx, level, c.expectedRevision(), version, live.state().judgedThrough(),
                    bytes, live.state().ongoing());
            MonitorState.recordPeriods(tx, level, version, live.windowsPerPeriod(), alerts);
            for (SaveHook h : rt.hooks) {
                h.afterSave(tx, saved);
            }
        };
        SaveResult saved = rt.store.save(p.id(), report, hook);
        rt.cache.put(MonitorRuntime.key(p, level), new MonitorRuntime.Cached(version, revision[0], live.state()));
        return new LevelRun(level, LevelRun.Status.JUDGED, version, trained, report.periods(), Optional.of(report),
                saved.opened().size(), saved.continued().size(), saved.escalated().size(), saved.alreadyStored(),
                filtered.suppressed().size(), ms(l0), "");
    }

    /** Trains and registers a level's first champion on the data through {@code through}. */
    private void trainFirstModel(Lease lease, ProfileSettings p, EntityType level, MetricSource data,
                                 LocalDateTime through) throws IOException {
        DetectionRequest req = rt.config.detection().toBuilder().entityType(level).profileId(p.sourceProfile())
                .asOf(through).build();
        LOG.info("Profile {} {}: no model yet; training {} on the data through {}", p.id(), level.wireName(),
                req.detector(), through);
        TrainedModel m = rt.service.train(req, data);
        byte[] bytes = ModelRegistry.bytes(m);
        rt.store.inTransaction(p.id(), tx -> {
            lease.verify(tx);
            if (rt.registry.champion(tx, level).isEmpty()) {
                rt.registry.register(tx, m, bytes, VersionStatus.CHAMPION, VersionOrigin.INITIAL, null,
                        FeedbackFilter.NONE);
            }
            return null;
        });
        LOG.info("Profile {} {}: first model trained on {} windows in {} ms", p.id(), level.wireName(),
                m.trainingWindows(), m.fitMillis());
    }

    private RunResult finish(RunResult r) {
        if (r.outcome() == RunResult.Outcome.COMPLETED || r.outcome() == RunResult.Outcome.SKIPPED) {
            LOG.info(r.summary());
        } else {
            LOG.warn(r.summary());
        }
        return r;
    }

    /** @return the latest period of any leaf, or {@code null} when there is none */
    static LocalDateTime dataEnd(AccountData data) {
        LocalDateTime end = null;
        for (MetricSeries s : data.leafMetrics().values()) {
            if (!s.isEmpty() && (end == null || s.end().isAfter(end))) {
                end = s.end();
            }
        }
        return end;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * A profile's every period up to the run's {@code until}, read from the source the first time a level needs them
     * (a first model, a new champion's replay: a champion can change between the run's read and its level) and then
     * kept for the run's other levels. Not thread-safe: one run's levels run one after another.
     */
    private static final class EveryPeriod implements MetricSource {

        private final MetricSource source;
        private final MetricQuery query;
        private MetricSource read;

        EveryPeriod(MetricSource source, MetricQuery query) {
            this.source = source;
            this.query = query;
        }

        @Override
        public String description() {
            return source.description();
        }

        @Override
        public AccountData load(MetricQuery q) throws IOException {
            if (read == null) {
                LOG.info("Reading every period of {} up to {} from {}: a level trains or replays on them",
                        query.profileId(), query.until(), source.description());
                read = InMemoryMetricSource.of(source.description(), source.load(query));
            }
            return read.load(q);
        }
    }
}
