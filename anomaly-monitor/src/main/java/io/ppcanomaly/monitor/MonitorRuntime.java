package io.ppcanomaly.monitor;

import io.ppcanomaly.monitor.lease.Lease;
import io.ppcanomaly.monitor.lease.Leases;
import io.ppcanomaly.monitor.registry.ModelRegistry;
import io.ppcanomaly.monitor.retrain.FeedbackFilter;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.LiveState;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.SaveHook;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the monitor's jobs share: configuration, store, registry, service, leases, sources, extension hooks, the
 * cache of live models and the leases held (renewed by the heartbeat). Thread-safe.
 */
final class MonitorRuntime {

    /** A live state held in memory, valid while the stored state is at {@code revision} of {@code versionId}. */
    record Cached(long versionId, long revision, LiveState state) {
    }

    final MonitorConfig config;
    final AlertStore store;
    final ModelRegistry registry;
    final AnomalyService service;
    final Leases leases;
    final MetricSourceFactory sources;
    final List<SaveHook> hooks;
    final Clock clock;
    final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Feedback filters by model version id (a version's filter never changes). */
    final Map<Long, FeedbackFilter> filters = new ConcurrentHashMap<>();
    final Set<Lease> held = ConcurrentHashMap.newKeySet();

    MonitorRuntime(MonitorConfig config, AlertStore store, AnomalyService service, MetricSourceFactory sources,
            List<SaveHook> hooks, Clock clock) {
        this.config = config;
        this.store = store;
        this.registry = new ModelRegistry(store);
        this.service = service;
        this.leases = new Leases(store, config.instanceId(), config.leaseTtl());
        this.sources = sources;
        this.hooks = List.copyOf(hooks);
        this.clock = clock;
    }

    /** @return the feedback filter of a profile's model version */
    FeedbackFilter filter(ProfileSettings p, long versionId) {
        return filters.computeIfAbsent(versionId, id -> registry.feedback(p.id(), id));
    }

    static String key(ProfileSettings p, io.ppcanomaly.api.model.EntityType level) {
        return p.id().value() + '\u0000' + level.wireName();
    }
}
