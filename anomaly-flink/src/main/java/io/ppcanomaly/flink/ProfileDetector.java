package io.ppcanomaly.flink;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.StreamingDetector;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.IncidentAlerts;
import io.ppcanomaly.service.incident.AlertRef;
import io.ppcanomaly.service.incident.Incident;
import io.ppcanomaly.service.incident.IncidentAlert;
import io.ppcanomaly.service.incident.IncidentGrouper;
import io.ppcanomaly.service.OngoingAnomaly;
import io.ppcanomaly.service.PeriodJudge;
import io.ppcanomaly.service.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roll-ups and detection for one profile, keyed by profile id: every entity's trailing metrics in keyed state (each
 * keyword event summed into its keyword's), and per level the model as it stands after the periods judged so far.
 * When the watermark passes a period's end plus the allowed lateness, the period is rolled up ({@link RollUp}: every
 * parent the sum of its keywords) and each configured level is judged with the library's own per-period step ({@link PeriodJudge}, the code
 * {@code AnomalyService} runs for every period): all of the level's entities scored in one batch with the model as
 * it was after the previous periods, flags confirmed, anomalies' starts traced, explained, then the streaming member
 * learns the period; root causes are traced over the whole profile's metrics cut at the period, and the alerts
 * emitted. Models come from the broadcast stream ({@link ModelUpdate}); a (profile, level) whose version differs
 * from the latest broadcast one starts from the new version at its next period.
 *
 * <p>One slot, one core: the library runs some batches on fork-join parallel streams (explanations, large LSTM
 * and forest scoring batches), which from the task thread would spread onto the JVM's common pool and take cores
 * the other slots' threads need. The judging and root-cause steps therefore run on this operator's own fork-join
 * pool of one worker ({@code detect-judge-<subtask>}), while the task thread waits: a parallel stream started on a
 * fork-join worker forks into that worker's pool, so every step runs on that one thread, in the same order and
 * with the same results (each explanation is seeded on its own). Keyed state and outputs stay on the task thread.
 */
final class ProfileDetector extends KeyedBroadcastProcessFunction<String, KeywordEvent, ModelUpdate, AlertRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProfileDetector.class);

    /** Latest model update per level (wire name). */
    static final MapStateDescriptor<String, ModelUpdate> MODELS = new MapStateDescriptor<>("models", Types.STRING,
            TypeInformation.of(ModelUpdate.class));

    private final PipelineConfig cfg;
    private transient MapState<String, EntityTrail> trails;
    private transient MapState<String, LevelState> levels;
    private transient MapState<String, RunState> runs;
    /** level → its incidents still ongoing after the last period judged (IncidentCodec). */
    private transient MapState<String, byte[]> incidents;
    /** profile|level → the live detector matching the state's version and judged period (rebuilt after a restore). */
    private transient Map<String, Live> live;
    /** version id → the version as read (features, request). */
    private transient Map<String, TrainedModel> versions;
    private transient Counter periodsJudged;
    private transient Counter windowsScored;
    private transient Counter alertsEmitted;
    private transient Counter skippedNoModel;
    private transient Counter tooOld;
    private transient Counter evicted;
    private transient Counter beforeModel;
    private transient Counter late;
    /** The one worker the judging runs on (see the class comment). */
    private transient ForkJoinPool judgeThread;

    private record Live(String version, long judgedThrough, Detector detector, PeriodJudge judge) {
    }

    ProfileDetector(PipelineConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        trails = getRuntimeContext().getMapState(new MapStateDescriptor<>("trails", Types.STRING,
                TypeInformation.of(EntityTrail.class)));
        levels = getRuntimeContext().getMapState(new MapStateDescriptor<>("levels", Types.STRING,
                TypeInformation.of(LevelState.class)));
        runs = getRuntimeContext().getMapState(new MapStateDescriptor<>("runs", Types.STRING,
                TypeInformation.of(RunState.class)));
        incidents = getRuntimeContext().getMapState(new MapStateDescriptor<>("incidents", Types.STRING,
                org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        live = new HashMap<>();
        versions = new HashMap<>();
        var g = getRuntimeContext().getMetricGroup();
        periodsJudged = g.counter("periodsJudged");
        windowsScored = g.counter("windowsScored");
        alertsEmitted = g.counter("alertsEmitted");
        skippedNoModel = g.counter("periodsWithoutModel");
        tooOld = g.counter("recordsOlderThanHistory");
        evicted = g.counter("silentEntitiesDropped");
        beforeModel = g.counter("periodsWithinModelTraining");
        late = g.counter("lateEvents");
        String name = "detect-judge-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        judgeThread = new ForkJoinPool(1, pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(name);
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    @Override
    public void close() throws Exception {
        if (judgeThread != null) {
            judgeThread.shutdownNow();
        }
        super.close();
    }

    /** Runs {@code step} on the operator's one judging worker and waits; its unchecked exceptions pass through. */
    private <T> T onJudgeThread(Callable<T> step) {
        return judgeThread.invoke(ForkJoinTask.adapt(step));
    }

    private int capacity() {
        return cfg.trailCapacity();
    }

    /** @return the event time at which period {@code index} is judged: its end plus the allowed lateness */
    long judgeTime(long index) {
        return (index + 1) * Periods.length(cfg.granularity()) - 1 + cfg.allowedLateness().toMillis();
    }

    private long periodOf(long timer) {
        return Math.floorDiv(timer + 1 - cfg.allowedLateness().toMillis(), Periods.length(cfg.granularity())) - 1;
    }

    /**
     * Adds a keyword event to its keyword's trail and sets its period's timer. An event whose period was already
     * rolled up and judged (the watermark passed its end plus the allowed lateness) goes to {@link
     * PpcAnomalyPipeline#LATE} instead.
     */
    @Override
    public void processElement(KeywordEvent e, ReadOnlyContext ctx, Collector<AlertRecord> out) throws Exception {
        long idx = Periods.index(cfg.granularity(), e.period);
        if (judgeTime(idx) <= ctx.timerService().currentWatermark()) {
            ctx.output(PpcAnomalyPipeline.LATE, EntityPeriod.of(e));
            late.inc();
            return;
        }
        EntityTrail t = trails.get(e.keywordId);
        if (t == null) {
            t = EntityTrail.of(e, idx, capacity());
        }
        if (!t.add(e, idx)) {
            tooOld.inc();
            ctx.output(PpcAnomalyPipeline.LATE, EntityPeriod.of(e));
            return;
        }
        trails.put(e.keywordId, t);
        ctx.timerService().registerEventTimeTimer(judgeTime(idx));
    }

    @Override
    public void processBroadcastElement(ModelUpdate u, Context ctx, Collector<AlertRecord> out) throws Exception {
        TrainedModel m;
        try {
            m = u.trainedModel();
        } catch (IllegalArgumentException e) {
            LOG.error("Model update {} ignored: {}", u, e.getMessage());
            return;
        }
        FeatureConfig f = m.features();
        int need = f.windowLength() + f.baselineLength() + cfg.startLookback();
        if (need > cfg.historyPeriods() || m.granularity() != cfg.granularity()) {
            LOG.error("Model update {} ignored: it needs {} periods of {} history, the pipeline keeps {} of {}", u, need,
                    m.granularity(), cfg.historyPeriods(), cfg.granularity());
            return;
        }
        versions.put(u.versionId, m);
        ctx.getBroadcastState(MODELS).put(u.entityType, u);
        LOG.info("Model version {} for level {} received", u.versionId, u.entityType);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out) throws Exception {
        judge(ctx.getCurrentKey(), periodOf(timestamp), ctx.getBroadcastState(MODELS), ctx, out);
    }

    private void judge(String profile, long idx, ReadOnlyBroadcastState<String, ModelUpdate> models,
                       OnTimerContext ctx, Collector<AlertRecord> out) throws Exception {
        Granularity g = cfg.granularity();
        LocalDateTime p = Periods.period(g, idx);
        List<EntityTrail> keywords = new ArrayList<>();
        for (EntityTrail t : trails.values()) {
            if (RollUp.isLeaf(t)) {
                keywords.add(t);
            }
        }
        for (RollUp.Sum sum : RollUp.period(profile, keywords, idx).values()) {
            EntityTrail t = trails.get(sum.id);
            if (t == null) {
                t = EntityTrail.of(sum.id, sum.type, sum.name, sum.parentId, idx, capacity());
            }
            if (t.put(sum, idx)) {
                trails.put(sum.id, t);
            }
        }
        List<EntityTrail> active = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (Map.Entry<String, EntityTrail> e : trails.entries()) {
            EntityTrail t = e.getValue();
            if (t.lastActive < idx - cfg.silentPeriods()) {
                silent.add(e.getKey());
            } else if (t.first <= idx) {
                active.add(t);
            }
        }
        for (String id : silent) {
            trails.remove(id);
            for (EntityType level : cfg.levels()) {
                runs.remove(level.name() + "|" + id);
            }
            evicted.inc();
        }
        List<EntityType> due = new ArrayList<>();
        for (EntityType level : cfg.levels()) {
            ModelUpdate u = models.get(level.wireName());
            if (u == null) {
                skippedNoModel.inc();
                LOG.warn("Profile {} {} {}: no model version yet, period not judged", profile, level.wireName(),
                        g.format(p));
                continue;
            }
            TrainedModel version = versions.computeIfAbsent(u.versionId, k -> u.trainedModel());
            LevelState st = levels.get(level.name());
            if (!p.isAfter(version.trainedThrough())) {
                // a model judges the periods after its training data, as a backtest with it does
                beforeModel.inc();
            } else if (st == null || !st.versionId.equals(u.versionId) || idx > st.judgedThrough) {
                due.add(level);
            }
        }
        if (due.isEmpty()) {
            return;     // nothing to judge: the series are not built
        }
        active.sort(Comparator.comparing(t -> t.entityId));
        Map<String, MetricSeries> series = new HashMap<>(active.size() * 2);
        List<Entity> entities = new ArrayList<>(active.size());
        int history = cfg.historyPeriods();
        for (EntityTrail t : active) {
            series.put(t.entityId, t.series(g, idx, history));
            entities.add(t.entity());
        }
        EntityGraph graph = EntityGraph.of(entities);
        MetricSeries reference = series.get(profile);
        for (EntityType level : due) {
            judgeLevel(profile, level, idx, models.get(level.wireName()), graph, entities, series, reference, ctx,
                    out);
        }
    }

    private void judgeLevel(String profile, EntityType level, long idx, ModelUpdate u, EntityGraph graph,
                            List<Entity> entities, Map<String, MetricSeries> series, MetricSeries reference,
                            OnTimerContext ctx, Collector<AlertRecord> out) throws Exception {
        Granularity g = cfg.granularity();
        LocalDateTime p = Periods.period(g, idx);
        LevelState st = levels.get(level.name());
        boolean fresh = st == null || !st.versionId.equals(u.versionId);
        if (fresh) {
            st = new LevelState();
            st.versionId = u.versionId;
            st.model = u.model;
        } else if (idx <= st.judgedThrough) {
            return;
        }
        TrainedModel version = versions.computeIfAbsent(u.versionId, k -> u.trainedModel());
        String liveKey = profile + "|" + level.name();
        Live l = live.get(liveKey);
        if (l == null || !l.version().equals(st.versionId) || l.judgedThrough() != st.judgedThrough) {
            Detector d = fresh ? u.trainedModel().detector() : Detectors.load(new ByteArrayInputStream(st.model));
            l = new Live(st.versionId, st.judgedThrough, d,
                    new PeriodJudge(version.applyTo(cfg.request(level)).toBuilder().model(null).build()));
        }
        List<Entity> targets = new ArrayList<>();
        for (Entity e : entities) {
            boolean match = level == EntityType.KEYWORD
                    ? e.type() == EntityType.KEYWORD || e.type() == EntityType.PRODUCT_TARGET
                    : e.type() == level;
            if (match) {
                targets.add(e);
            }
        }
        Map<String, OngoingAnomaly> running = new HashMap<>();
        String prefix = level.name() + "|";
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, RunState> e : runs.entries()) {
            if (e.getKey().startsWith(prefix)) {
                RunState r = e.getValue();
                running.put(e.getKey().substring(prefix.length()), new OngoingAnomaly(Periods.fromMillis(r.start),
                        Periods.fromMillis(r.last), r.peak));
                stale.add(e.getKey());
            }
        }
        boolean learn = l.detector() instanceof StreamingDetector;
        boolean traceBack = st.judgedThrough == Long.MIN_VALUE;
        Live judging = l;
        PeriodJudge.Verdict v = onJudgeThread(() -> judging.judge().judge(judging.detector(), learn, traceBack, p,
                targets, series::get, id -> reference, running));
        Map<String, List<AlertCause>> causes = cfg.rootCause()
                ? onJudgeThread(() -> judging.judge().rootCauses(graph, v, series)) : Map.of();
        List<Alert> alerts = v.alerts(causes, Instant.now());
        Map<AlertRef, Incident> owner = groupIncidents(profile, level, p, graph, alerts, ctx);
        Set<String> carried = new HashSet<>();
        for (Alert a : alerts) {
            Incident i = owner.get(new AlertRef(a.entityType(), a.entityId(), a.period()));
            AlertRecord r = AlertRecord.of(profile, st.versionId, a, i == null ? null : i.id());
            if (i != null && carried.add(i.id())) {
                r.incident = IncidentCodec.encode(List.of(i));
            }
            out.collect(r);
            alertsEmitted.inc();
        }
        for (String k : stale) {
            runs.remove(k);
        }
        for (Map.Entry<String, OngoingAnomaly> e : v.running().entrySet()) {
            RunState r = new RunState();
            r.start = Periods.toMillis(e.getValue().start());
            r.last = Periods.toMillis(e.getValue().last());
            r.peak = e.getValue().peakScore();
            runs.put(prefix + e.getKey(), r);
        }
        if (learn) {
            st.model = save(l.detector());
        }
        st.judgedThrough = idx;
        levels.put(level.name(), st);
        live.put(liveKey, new Live(l.version(), idx, l.detector(), l.judge()));
        periodsJudged.inc();
        windowsScored.inc(v.windowsScored());
    }

    /**
     * Groups the period's alerts into incidents as the library does ({@link IncidentGrouper}), continuing the
     * level's open incidents: each incident an alert joined or opened goes to the incident output as it now stands,
     * an open one past the gap goes once more as ended; the ongoing ones stay in state for the next period.
     *
     * @return alert → its incident
     */
    private Map<AlertRef, Incident> groupIncidents(String profile, EntityType level, LocalDateTime p, EntityGraph graph,
                                                 List<Alert> alerts, OnTimerContext ctx) throws Exception {
        Granularity g = cfg.granularity();
        List<Incident> open = IncidentCodec.decode(incidents.get(level.name()));
        List<IncidentAlert> members = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            members.add(IncidentAlerts.of(a));
        }
        List<Incident> touched = members.isEmpty() ? List.of()
                : IncidentGrouper.DEFAULT.group(members, graph, null, g, p, open);
        Map<AlertRef, Incident> owner = new HashMap<>();
        Set<String> touchedIds = new HashSet<>();
        List<Incident> stillOpen = new ArrayList<>();
        long asOf = Periods.toMillis(p);
        for (Incident i : touched) {
            touchedIds.add(i.id());
            for (IncidentAlert a : i.alerts()) {
                owner.put(a.ref(), i);
            }
            ctx.output(PpcAnomalyPipeline.INCIDENTS, IncidentRecord.of(profile, level.wireName(), asOf, i));
            if (i.ongoing()) {
                stillOpen.add(i);
            }
        }
        for (Incident o : open) {
            if (touchedIds.contains(o.id())) {
                continue;
            }
            if (IncidentGrouper.DEFAULT.rules().isOngoing(o.lastPeriod(), p, g)) {
                stillOpen.add(o);
            } else {
                ctx.output(PpcAnomalyPipeline.INCIDENTS, IncidentRecord.of(profile, level.wireName(), asOf,
                        o.withOngoing(false)));
            }
        }
        if (stillOpen.isEmpty()) {
            incidents.remove(level.name());
        } else {
            incidents.put(level.name(), IncidentCodec.encode(stillOpen));
        }
        return owner;
    }

    private static byte[] save(Detector d) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            d.save(buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("saving the learnt '" + d.name() + "' model to state failed", e);
        }
    }
}
