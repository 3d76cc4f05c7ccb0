package io.ppcanomaly.api.sample;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated account: its hierarchy, one daily (or hourly) {@link MetricSeries} per keyword, and the labelled
 * {@link Incident}s injected into it. Immutable and thread-safe; made by
 * {@link SyntheticAccountGenerator#generate(SampleConfig)}.
 *
 * <p>Keyword series are stored; the series of any other entity is the period-by-period sum of its keywords',
 * built on first request and cached.
 */
public final class SampleAccount {

    private final SampleConfig config;
    private final EntityGraph graph;
    private final Map<String, MetricSeries> keywordSeries;
    private final List<String> keywordIds;
    private final List<Incident> incidents;
    private final ConcurrentHashMap<String, MetricSeries> aggregates = new ConcurrentHashMap<>();

    SampleAccount(SampleConfig config, EntityGraph graph, String[] keywordIds, MetricSeries[] series,
                  List<Incident> incidents) {
        this.config = config;
        this.graph = graph;
        Map<String, MetricSeries> map = new LinkedHashMap<>(Math.max(16, (int) (keywordIds.length / 0.75) + 1));
        for (int k = 0; k < keywordIds.length; k++) {
            map.put(keywordIds[k], series[k]);
        }
        this.keywordSeries = Collections.unmodifiableMap(map);
        this.keywordIds = List.of(keywordIds);
        this.incidents = List.copyOf(incidents);
    }

    /** @return the configuration this account was generated from */
    public SampleConfig config() {
        return config;
    }

    /** @return the hierarchy: one profile → portfolios → campaigns → ad groups → keywords */
    public EntityGraph graph() {
        return graph;
    }

    /** @return the period length: {@link Granularity#DAY}, or {@link Granularity#HOUR} for an hourly account */
    public Granularity granularity() {
        return config.granularity();
    }

    /** @return the first period (midnight of the first day) */
    public LocalDateTime start() {
        return config.start().atStartOfDay();
    }

    /** @return the last period, inclusive: the last day, or the last day's 23:00 for an hourly account */
    public LocalDateTime end() {
        return granularity().plus(start(), config.periods() - 1L);
    }

    /** @return every period from {@link #start()} to {@link #end()} */
    public List<LocalDateTime> periods() {
        List<LocalDateTime> out = new ArrayList<>(config.periods());
        for (int t = 0; t < config.periods(); t++) {
            out.add(granularity().plus(start(), t));
        }
        return List.copyOf(out);
    }

    /** @return the keyword ids, in graph order */
    public List<String> keywordIds() {
        return keywordIds;
    }

    /**
     * @return keyword id → its series covering every period, unmodifiable, iterated in graph order
     */
    public Map<String, MetricSeries> keywordSeries() {
        return keywordSeries;
    }

    /**
     * The series of any entity: a keyword's own, or for a higher entity the sum of its keywords' (computed
     * once, then cached).
     *
     * @throws IllegalArgumentException when the id is not in the graph
     */
    public MetricSeries series(String entityId) {
        Objects.requireNonNull(entityId, "entityId");
        MetricSeries s = keywordSeries.get(entityId);
        if (s != null) {
            return s;
        }
        Entity e = graph.get(entityId);
        return aggregates.computeIfAbsent(e.id(), this::aggregate);
    }

    private MetricSeries aggregate(String entityId) {
        List<Entity> leaves = graph.leaves(entityId);
        List<MetricSeries> parts = new ArrayList<>(leaves.size());
        for (Entity leaf : leaves) {
            parts.add(keywordSeries.get(leaf.id()));
        }
        return MetricSeries.sum(entityId, granularity(), parts);
    }

    /** @return the injected incidents, in order of start (then kind, then root) */
    public List<Incident> incidents() {
        return incidents;
    }

    /** @return the injected incidents of one kind, in order of start */
    public List<Incident> incidents(IncidentKind kind) {
        Objects.requireNonNull(kind, "kind");
        return incidents.stream().filter(i -> i.kind() == kind).toList();
    }

    /** @return the incident that changed {@code keywordId}'s metrics at {@code period}, if any */
    public Optional<Incident> incidentAt(String keywordId, LocalDateTime period) {
        for (Incident i : incidents) {
            if (i.covers(keywordId, period)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** @return the ids of the entities of one type, in graph order */
    public List<String> ids(EntityType type) {
        return graph.entities(type).stream().map(Entity::id).toList();
    }

    @Override
    public String toString() {
        return "SampleAccount[seed=" + config.seed() + ", " + graph.size() + " entities, " + keywordIds.size()
                + " keywords, " + config.days() + " days" + (granularity() == Granularity.HOUR ? " of hours" : "")
                + " from " + config.start() + ", " + incidents.size() + " incidents]";
    }
}
