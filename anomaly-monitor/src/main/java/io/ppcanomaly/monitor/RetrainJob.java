package io.ppcanomaly.monitor;

import io.ppcanomaly.api.FitListener;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.monitor.lease.Lease;
import io.ppcanomaly.monitor.registry.ModelRegistry;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.registry.ShadowEvaluation;
import io.ppcanomaly.monitor.registry.VersionOrigin;
import io.ppcanomaly.monitor.registry.VersionStatus;
import io.ppcanomaly.monitor.retrain.AlertSpan;
import io.ppcanomaly.monitor.retrain.ConfirmedAnomalies;
import io.ppcanomaly.monitor.retrain.FeedbackFilter;
import io.ppcanomaly.monitor.retrain.RetrainPolicy;
import io.ppcanomaly.monitor.retrain.ShadowComparison;
import io.ppcanomaly.monitor.state.LedgerTotals;
import io.ppcanomaly.monitor.state.MonitorState;
import io.ppcanomaly.monitor.state.StateConflictException;
import io.ppcanomaly.monitor.state.Watermark;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.LiveDetection;
import io.ppcanomaly.service.LiveState;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.store.StoredAlert;
import io.ppcanomaly.store.TrainingExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retraining of a profile, level by level, under its lease: a challenger trained on the data before the shadow
 * range (with the labels' feedback), a shadow run over the range beside the champion's live record, the decision
 * ({@link ShadowComparison}), and — in one transaction, fenced by the lease and compared against the state the
 * retraining started from — the challenger registered as champion (its live state: the shadow run's end, so it
 * stands where a backtest of it would) or as rejected, with its figures.
 */
final class RetrainJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainJob.class);
    private static final LocalDateTime BEGINNING = LocalDateTime.of(1970, 1, 1, 0, 0);

    private final MonitorRuntime rt;

    RetrainJob(MonitorRuntime rt) {
        this.rt = rt;
    }

    List<RetrainResult> run(ProfileSettings p) {
        long t0 = System.nanoTime();
        List<RetrainResult> out = new ArrayList<>();
        Optional<Lease> lease = rt.leases.tryAcquire(p.id(), "retrain");
        if (lease.isEmpty()) {
            String who = rt.leases.currentHolder(p.id()).orElse("another instance");
            for (EntityType level : p.levels()) {
                out.add(log(skipped(p, level, t0, "lease held by " + who)));
            }
            return out;
        }
        rt.held.add(lease.get());
        try {
            MetricSource source = rt.sources.sourceFor(p);
            AccountData data;
            try {
                data = source.load(new MetricQuery(p.sourceProfile(), null));
            } catch (IOException | RuntimeException e) {
                for (EntityType level : p.levels()) {
                    out.add(log(new RetrainResult(p.id(), level, RetrainResult.Outcome.FAILED, Optional.empty(),
                            Optional.empty(), ms(t0), "reading metrics from " + source.description() + " failed: "
                            + e.getMessage())));
                }
                return out;
            }
            MetricSource loaded = InMemoryMetricSource.of(source.description(), data);
            for (EntityType level : p.levels()) {
                long l0 = System.nanoTime();
                try {
                    out.add(log(retrain(lease.get(), p, level, loaded, data.granularity(), l0)));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Retraining of profile {} {} failed, nothing written: {}", p.id(), level.wireName(),
                            e.toString(), e);
                    out.add(log(new RetrainResult(p.id(), level, RetrainResult.Outcome.FAILED, Optional.empty(),
                            Optional.empty(), ms(l0), String.valueOf(e.getMessage()))));
                }
            }
            return out;
        } finally {
            rt.held.remove(lease.get());
            lease.get().close();
        }
    }

    private RetrainResult retrain(Lease lease, ProfileSettings p, EntityType level, MetricSource data, Granularity g,
                                  long l0) throws IOException {
        Optional<LiveStates.Current> found = LiveStates.current(rt, p, level, data, LocalDateTime.MAX);
        if (found.isEmpty() || !found.get().state().started()) {
            return skipped(p, level, l0, "nothing judged yet: the first model is trained by the first detection run");
        }
        LiveStates.Current c = found.get();
        RetrainPolicy policy = rt.config.retraining();
        LocalDateTime to = c.state().judgedThrough();
        int k = policy.shadowDays() * (g == Granularity.HOUR ? 24 : 1);
        LocalDateTime through = g.plus(to, -k);
        LocalDateTime from = g.plus(through, 1);
        List<TrainingExample> labels = rt.store.trainingData(p.id(), level, BEGINNING, g.plus(to, 1));
        DetectionRequest base = rt.config.detection().toBuilder().entityType(level).profileId(p.sourceProfile())
                .build();
        ConfirmedAnomalies confirmed = null;
        boolean feedback = policy.feedback() && !labels.isEmpty();
        if (feedback) {
            confirmed = new ConfirmedAnomalies(confirmedSpans(p, labels), g);
        }
        ConfirmedAnomalies exclude = confirmed;
        Map<String, Double> scales = new TreeMap<>();
        TrainedModel challenger;
        try {
            challenger = rt.service.train(base.toBuilder().asOf(through).build(), data, windows -> {
                List<FeatureWindow> kept = exclude == null ? windows : exclude.apply(windows);
                scales.putAll(FeedbackFilter.scales(kept));
                return kept;
            }, FitListener.NONE);
        } catch (IllegalArgumentException e) {
            return skipped(p, level, l0, "cannot train on the data before the " + k + " shadow periods: "
                    + e.getMessage());
        }
        FeedbackFilter filter = feedback ? FeedbackFilter.of(labels, policy.radius(), scales, policy.maxExamples())
                : FeedbackFilter.NONE;
        LOG.info("Profile {} {}: challenger trained on {} windows through {} in {} ms{}", p.id(), level.wireName(),
                challenger.trainingWindows(), g.format(through), challenger.fitMillis(), confirmed == null ? ""
                        : " (" + confirmed.excluded() + " windows of alerts labelled true left out; feedback filter of "
                        + filter.examples().size() + " labelled alerts)");
        DetectionRequest shadowRequest = base.toBuilder().detector(challenger.detector().name())
                .features(challenger.features()).explain(false).rootCause(false).asOf(to).periods(k).build();
        LiveDetection shadow = rt.service.detectLive(shadowRequest, data, LiveState.start(challenger.detector()));
        LedgerTotals ledger = rt.store.inTransaction(p.id(), tx -> MonitorState.totals(tx, level, from, to));
        List<TrainingExample> inRange = new ArrayList<>();
        for (TrainingExample e : labels) {
            if (!e.period().isBefore(from) && !e.period().isAfter(to)) {
                inRange.add(e);
            }
        }
        FeedbackFilter.Filtered shadowAlerts = filter.apply(shadow.report());
        ShadowEvaluation eval = ShadowComparison.evaluate(from, to, c.champion().id(), ledger,
                new LiveDetection(shadowAlerts.report(), shadow.state(), shadow.windowsPerPeriod()), inRange, policy);
        byte[] bytes = ModelRegistry.bytes(challenger);
        ByteArrayOutputStream live = new ByteArrayOutputStream(1 << 16);
        shadow.state().model().save(live);
        byte[] liveBytes = live.toByteArray();
        long[] revision = {c.expectedRevision()};
        FeedbackFilter finalFilter = filter;
        ModelVersion v = rt.store.inTransaction(p.id(), tx -> {
            lease.verify(tx);
            Watermark w = MonitorState.watermark(tx, level).orElse(null);
            if (w == null || w.revision() != c.expectedRevision() || !to.equals(w.judgedThrough())) {
                throw new StateConflictException("the monitor state of profile " + p.id() + ", level "
                        + level.wireName() + " moved while retraining (now " + w + "): nothing written");
            }
            ModelVersion registered = rt.registry.register(tx, challenger, bytes,
                    eval.promoted() ? VersionStatus.CHAMPION : VersionStatus.REJECTED, VersionOrigin.RETRAINED, eval,
                    finalFilter);
            if (eval.promoted()) {
                revision[0] = MonitorState.write(tx, level, c.expectedRevision(), registered.id(), to, liveBytes,
                        shadow.state().ongoing());
            }
            return registered;
        });
        if (eval.promoted()) {
            rt.cache.put(MonitorRuntime.key(p, level), new MonitorRuntime.Cached(v.id(), revision[0], shadow.state()));
        }
        return new RetrainResult(p.id(), level, eval.promoted() ? RetrainResult.Outcome.PROMOTED
                : RetrainResult.Outcome.KEPT, Optional.of(v), Optional.of(eval), ms(l0), eval.reason());
    }

    /** @return the spans of the alerts labelled true (the whole alert, as stored, when it is still there) */
    private List<AlertSpan> confirmedSpans(ProfileSettings p, List<TrainingExample> labels) {
        List<AlertSpan> out = new ArrayList<>();
        for (TrainingExample e : labels) {
            if (!e.trueAnomaly()) {
                continue;
            }
            LocalDateTime first = e.period();
            LocalDateTime last = e.period();
            Optional<StoredAlert> a = rt.store.get(p.id(), e.alertId());
            if (a.isPresent()) {
                first = a.get().firstPeriod().isBefore(first) ? a.get().firstPeriod() : first;
                last = a.get().period().isAfter(last) ? a.get().period() : last;
            }
            out.add(new AlertSpan(e.entityId(), first, last));
        }
        return out;
    }

    private static RetrainResult skipped(ProfileSettings p, EntityType level, long t0, String why) {
        return new RetrainResult(p.id(), level, RetrainResult.Outcome.SKIPPED, Optional.empty(), Optional.empty(),
                ms(t0), why);
    }

    private static RetrainResult log(RetrainResult r) {
        if (r.outcome() == RetrainResult.Outcome.FAILED) {
            LOG.warn(r.summary());
        } else {
            LOG.info(r.summary());
        }
        return r;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
