package io.ppcanomaly.monitor;

import io.ppcanomaly.api.Detector;
import io.ppcanomaly.api.Detectors;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.monitor.registry.ModelVersion;
import io.ppcanomaly.monitor.state.MonitorState;
import io.ppcanomaly.monitor.state.StoredLiveState;
import io.ppcanomaly.monitor.state.Watermark;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.LiveDetection;
import io.ppcanomaly.service.LiveState;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.MetricSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the live state a level continues from: the stored one (or its copy cached in memory while the stored
 * revision has not moved), or — when the champion changed since the state was written (a rollback, a manual
 * promotion, a first model) — one grown from the champion as trained, replaying the periods already judged after its
 * training (learning only, nothing stored) so that it stands exactly where a backtest of it would.
 */
final class LiveStates {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStates.class);

    /**
     * Where a level stands.
     *
     * @param champion         the version judging
     * @param expectedRevision the stored state's revision the next write must find, or -1 when there is none
     * @param state            the live state to continue from
     * @param from             the last period judged or trained on: periods after it are new
     */
    record Current(ModelVersion champion, long expectedRevision, LiveState state, LocalDateTime from) {
    }

    private LiveStates() {
    }

    /** @return the base request of a level for a model version */
    static DetectionRequest request(MonitorRuntime rt, ProfileSettings p, EntityType level, ModelVersion v) {
        return rt.config.detection().toBuilder().entityType(level).profileId(p.sourceProfile())
                .features(v.features()).detector(v.detector()).build();
    }

    /**
     * @param source the profile's data up to at least {@code asOf}
     * @param asOf   the last period the caller will judge (replays never go past the stored watermark)
     * @return the current state, or empty when the level has no champion yet
     */
    static Optional<Current> current(MonitorRuntime rt, ProfileSettings p, EntityType level, MetricSource source,
                                     LocalDateTime asOf) throws IOException {
        Object[] read = rt.store.inTransaction(p.id(), tx -> new Object[] {rt.registry.champion(tx, level)
                .orElse(null), MonitorState.watermark(tx, level).orElse(null)});
        ModelVersion champion = (ModelVersion) read[0];
        Watermark w = (Watermark) read[1];
        if (champion == null) {
            return Optional.empty();
        }
        String key = MonitorRuntime.key(p, level);
        if (w != null && w.modelVersionId() == champion.id()) {
            return Optional.of(grown(rt, p, level, champion, w));
        }
        // a champion the state has not grown from: start it, replaying what was judged after its training
        rt.cache.remove(key);
        TrainedModel m = rt.registry.load(p.id(), champion.id());
        long revision = w == null ? -1 : w.revision();
        LocalDateTime judged = w == null ? null : w.judgedThrough();
        Granularity g = m.granularity();
        if (judged != null && m.trainedThrough().isBefore(judged) && !asOf.isBefore(judged)) {
            int n = Math.toIntExact(g.between(m.trainedThrough(), judged));
            long t0 = System.nanoTime();
            LiveDetection replay = rt.service.detectLive(request(rt, p, level, champion).toBuilder().explain(false).rootCause(false)
                    .asOf(judged).periods(n).build(), source, LiveState.start(m.detector()));
            LOG.info("Profile {} {}: model v{} became champion; replayed the {} periods from {} to {} it had not "
                            + "learnt from, in {} ms", p.id(), level.wireName(), champion.id(), n,
                    g.format(g.plus(m.trainedThrough(), 1)), g.format(judged), (System.nanoTime() - t0) / 1_000_000);
            return Optional.of(new Current(champion, revision, replay.state(), judged));
        }
        LocalDateTime from = judged == null || judged.isBefore(m.trainedThrough()) ? m.trainedThrough() : judged;
        if (judged != null && judged.isBefore(m.trainedThrough())) {
            LOG.warn("Profile {} {}: model v{} was trained through {}, after the last period judged {}; the periods "
                            + "between are in its training data and are not judged", p.id(), level.wireName(),
                    champion.id(), g.format(m.trainedThrough()), g.format(judged));
        }
        return Optional.of(new Current(champion, revision, LiveState.start(m.detector()), from));
    }

    /**
     * Where a level stands when that needs no metrics: its champion has a state grown from it, cached or stored (a
     * level in its steady state). The monitor asks this of every level before reading a profile, to read only the
     * periods they need.
     *
     * @return the current state, or empty when the level has no champion yet or its state was not grown from the
     *         champion ({@link #current} then needs the metrics: to train, start or replay)
     */
    static Optional<Current> grown(MonitorRuntime rt, ProfileSettings p, EntityType level) throws IOException {
        Object[] read = rt.store.inTransaction(p.id(), tx -> new Object[] {rt.registry.champion(tx, level)
                .orElse(null), MonitorState.watermark(tx, level).orElse(null)});
        ModelVersion champion = (ModelVersion) read[0];
        Watermark w = (Watermark) read[1];
        if (champion == null || w == null || w.modelVersionId() != champion.id()) {
            return Optional.empty();
        }
        return Optional.of(grown(rt, p, level, champion, w));
    }

    /** The state grown from the champion: the cached copy while the stored revision has not moved, else the stored. */
    private static Current grown(MonitorRuntime rt, ProfileSettings p, EntityType level, ModelVersion champion,
                                 Watermark w) throws IOException {
        String key = MonitorRuntime.key(p, level);
        MonitorRuntime.Cached c = rt.cache.get(key);
        if (c != null && c.versionId() == champion.id() && c.revision() == w.revision()) {
            return new Current(champion, w.revision(), c.state(), from(c.state(), champion));
        }
        StoredLiveState s = rt.store.inTransaction(p.id(), tx -> MonitorState.read(tx, level)).orElseThrow();
        Detector model = Detectors.load(new ByteArrayInputStream(s.model()));
        LiveState state = new LiveState(model, s.watermark().judgedThrough(), s.ongoing());
        rt.cache.put(key, new MonitorRuntime.Cached(champion.id(), s.watermark().revision(), state));
        return new Current(champion, s.watermark().revision(), state, from(state, champion));
    }

    private static LocalDateTime from(LiveState state, ModelVersion champion) {
        return state.started() ? state.judgedThrough() : champion.trainedThrough();
    }
}
