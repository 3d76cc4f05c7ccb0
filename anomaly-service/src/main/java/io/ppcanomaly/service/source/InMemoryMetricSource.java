package io.ppcanomaly.service.source;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MetricSource} over series already in memory (from a stream processor, a cache, the sample
 * generator). Immutable and thread-safe.
 *
 * <p>A query's profile selects the {@link EntityType#PROFILE} entity of that id and everything below it; its
 * {@code until} truncates every series at that period. Its {@link MetricQuery#history() history} keeps the series
 * from the history's first period on, as the CSV source does ({@link AccountAssembler}): the graph unchanged, a
 * series that started earlier cut to start there, one that ended earlier replaced by one period of zeros there.
 * The load summary is the data's own.
 */
public final class InMemoryMetricSource implements MetricSource {

    private final String description;
    private final AccountData data;

    private InMemoryMetricSource(String description, AccountData data) {
        this.description = description;
        this.data = data;
    }

    /**
     * @param graph       the hierarchy
     * @param granularity the period length of every series
     * @param leafMetrics leaf id → metrics (see {@link AccountData})
     * @throws IllegalArgumentException when a series names no leaf of the graph or has another granularity
     */
    public static InMemoryMetricSource of(EntityGraph graph, Granularity granularity,
                                          Map<String, MetricSeries> leafMetrics) {
        return of("in-memory account", new AccountData(graph, granularity, leafMetrics, LoadSummary.NONE));
    }

    /** A source serving already-loaded data (for example a CSV read once and checked many times). */
    public static InMemoryMetricSource of(String description, AccountData data) {
        return new InMemoryMetricSource(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(data, "data"));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public AccountData load(MetricQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.profileId() == null && query.until() == null && !query.bounded()) {
            return data;
        }
        EntityGraph graph = data.graph();
        if (query.profileId() != null) {
            String p = query.profileId();
            if (!graph.contains(p) || graph.get(p).type() != EntityType.PROFILE) {
                List<String> profiles = new ArrayList<>();
                for (Entity e : graph.entities(EntityType.PROFILE)) {
                    profiles.add(e.id());
                }
                throw new IllegalArgumentException("profile must be one of " + profiles + " in " + description
                        + ", got '" + p + "'");
            }
            List<Entity> kept = new ArrayList<>();
            kept.add(graph.get(p));
            kept.addAll(graph.descendants(p));
            graph = EntityGraph.of(kept);
        }
        Map<String, MetricSeries> out = new LinkedHashMap<>();
        for (Map.Entry<String, MetricSeries> e : data.leafMetrics().entrySet()) {
            if (!graph.contains(e.getKey())) {
                continue;
            }
            MetricSeries s = e.getValue();
            if (query.until() != null && !s.isEmpty() && s.end().isAfter(query.until())) {
                long keep = s.granularity().between(s.start(), query.until()) + 1;
                s = s.head((int) Math.max(0, keep));
                if (s.isEmpty()) {
                    continue;
                }
            }
            out.put(e.getKey(), s);
        }
        if (query.bounded()) {
            keepHistory(out, query);
        }
        return new AccountData(graph, data.granularity(), out, data.summary());
    }

    /** Cuts every series to the query's history, ending at the latest period of any (already cut at until). */
    private void keepHistory(Map<String, MetricSeries> out, MetricQuery query) {
        Granularity g = data.granularity();
        LocalDateTime last = null;
        for (MetricSeries s : out.values()) {
            if (!s.isEmpty() && (last == null || s.end().isAfter(last))) {
                last = s.end();
            }
        }
        if (last == null) {
            return;
        }
        LocalDateTime first = query.firstPeriod(last, g);
        for (Map.Entry<String, MetricSeries> e : out.entrySet()) {
            MetricSeries s = e.getValue();
            if (s.isEmpty() || !s.start().isBefore(first)) {
                continue;
            }
            if (s.end().isBefore(first)) {
                e.setValue(MetricSeries.of(s.entityId(), g, first, new long[1], new long[1], new double[1],
                        new double[1], new long[1]));
            } else {
                e.setValue(s.tail(Math.toIntExact(g.between(s.start(), first))));
            }
        }
    }

    /** @return the granularity of the series */
    public Granularity granularity() {
        return data.granularity();
    }
}
