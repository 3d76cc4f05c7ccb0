package io.ppcanomaly.server.series;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Kpi;
import io.ppcanomaly.api.model.MetricField;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.server.api.Json;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.store.StoredAlert;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the alert page draws: the alerted entity's metrics around the alert, each period's baseline, the judged
 * periods, and the path from the entity up to its profile with each level's change in the alert's period.
 * Stateless.
 *
 * <h2>Baseline</h2>
 * The baseline drawn for a period is the flat baseline of {@link io.ppcanomaly.api.features.FeatureExtractor}:
 * the {@code baselineLength} periods (default 28) before that period's window of {@code windowLength} periods
 * (default 14), at least {@code minBaselineLength} (default 7) of them; volumes are per-period means over it, KPIs
 * pooled ratios (ΣR/ΣS for ROAS...), with the zero rules of {@link Kpi}. The extractor's seasonal baseline multiplies
 * this by a shrunk factor of the period's calendar slot (weekday; hour of weekdays or weekends); the extractor does
 * not expose those factors, so the chart shows the flat level the detector's seasonal expectation is built on. Values are raw (no shrinkage), so a
 * level's {@code changes} is {@code value / baseline − 1} of the period itself, next to the alert's
 * {@code kpi_changes} which come from the shrunk features the detector saw. Entities of the hierarchy sum their
 * leaves, as the detection run does; a leaf without a row in a period had no activity there.
 */
public final class SeriesView {

    /** Volumes drawn, in order. */
    public static final List<MetricField> VOLUMES = List.of(MetricField.values());
    /** KPIs drawn, in order. */
    public static final List<Kpi> KPIS = List.of(Kpi.values());

    private SeriesView() {
    }

    /**
     * The periods {@link #render} reads, ending at the alert's period plus {@code after}: the shown periods and the
     * features' window and baseline before the first of them, for the source's {@link
     * io.ppcanomaly.service.source.MetricQuery#history()}: a source may leave out the rest of a long history.
     *
     * @param alert    the alert
     * @param features the feature configuration whose window and baseline are drawn
     * @param before   periods shown before the alert's first period, &ge; 0
     * @param after    periods shown after its period, &ge; 0
     * @return periods from the first one read through the alert's period plus {@code after}, &ge; 1
     */
    public static int historyPeriods(StoredAlert alert, FeatureConfig features, int before, int after) {
        Granularity g = alert.granularity();
        LocalDateTime loadFrom = g.plus(alert.firstPeriod(), -((long) before + features.windowLength()
                + features.baselineLength()));
        long n = g.between(loadFrom, g.plus(alert.period(), after)) + 1;
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /**
     * @param alert  the stored alert
     * @param data   its profile's account, loaded up to at least {@code alert.period() + after}
     * @param before periods shown before the alert's first period
     * @param after  periods shown after its latest period
     * @return the JSON body
     * @throws IllegalArgumentException when the account does not hold the alert's entity
     */
    public static byte[] render(StoredAlert alert, AccountData data, FeatureConfig features, int before, int after) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(data, "data");
        EntityGraph graph = data.graph();
        if (!graph.contains(alert.entityId())) {
            throw new IllegalArgumentException("entity '" + alert.entityId() + "' of alert " + alert.id()
                    + " is not in the metric source " + "any more");
        }
        Granularity g = data.granularity();
        LocalDateTime from = g.plus(alert.firstPeriod(), -before);
        LocalDateTime wanted = g.plus(alert.period(), after);
        LocalDateTime end = dataEnd(data);
        LocalDateTime to = end != null && wanted.isAfter(end) ? (end.isBefore(alert.period()) ? alert.period() : end)
                : wanted;
        int history = features.windowLength() + features.baselineLength();
        LocalDateTime loadFrom = g.plus(from, -history);
        Frame main = frame(alert.entityId(), graph, data, g, loadFrom, to);
        int offset = (int) g.between(loadFrom, from);
        int n = (int) g.between(from, to) + 1;
        Set<String> causes = new HashSet<>();
        for (AlertCause c : alert.rootCauses()) {
            causes.add(c.entityId());
        }
        int judgedIdx = (int) g.between(loadFrom, alert.period());
        return Json.bytes(j -> {
            j.writeStartObject();
            j.writeNumberField("alert_id", alert.id());
            j.writeStringField("profile_id", alert.profile().value());
            j.writeStringField("entity_type", alert.entityType().wireName());
            j.writeStringField("entity_id", alert.entityId());
            j.writeStringField("entity_name", alert.entityName());
            j.writeStringField("granularity", g.name().toLowerCase(Locale.ROOT));
            j.writeArrayFieldStart("periods");
            for (int i = 0; i < n; i++) {
                j.writeString(g.format(g.plus(from, i)));
            }
            j.writeEndArray();
            j.writeObjectFieldStart("judged");
            j.writeStringField("first_period", g.format(alert.firstPeriod()));
            j.writeStringField("period", g.format(alert.period()));
            j.writeStringField("anomaly_start", g.format(alert.anomalyStart()));
            j.writeEndObject();
            int[] range = main.baselineRange(judgedIdx, features);
            j.writeObjectFieldStart("baseline_range");
            if (range == null) {
                j.writeNullField("from");
                j.writeNullField("to");
            } else {
                j.writeStringField("from", g.format(g.plus(loadFrom, range[0])));
                j.writeStringField("to", g.format(g.plus(loadFrom, range[1])));
            }
            j.writeEndObject();
            j.writeObjectFieldStart("metrics");
            for (MetricField f : VOLUMES) {
                j.writeArrayFieldStart(f.wireName());
                for (int i = 0; i < n; i++) {
                    j.writeNumber(main.value(f, offset + i));
                }
                j.writeEndArray();
            }
            for (Kpi k : KPIS) {
                j.writeArrayFieldStart(k.wireName());
                for (int i = 0; i < n; i++) {
                    j.writeNumber(main.kpi(k, offset + i));
                }
                j.writeEndArray();
            }
            j.writeEndObject();
            j.writeObjectFieldStart("baseline");
            for (MetricField f : VOLUMES) {
                baselineArray(j, f.wireName(), main, features, offset, n, i -> main.baselineVolume(f, i, features));
            }
            for (Kpi k : KPIS) {
                baselineArray(j, k.wireName(), main, features, offset, n, i -> main.baselineKpi(k, i, features));
            }
            j.writeEndObject();
            j.writeArrayFieldStart("path");
            for (Entity e : path(graph, alert.entityId())) {
                Frame f = e.id().equals(alert.entityId()) ? main : frame(e.id(), graph, data, g, loadFrom, to);
                j.writeStartObject();
                j.writeStringField("entity_type", e.type().wireName());
                j.writeStringField("entity_id", e.id());
                j.writeStringField("entity_name", e.name());
                j.writeBooleanField("root_cause", causes.contains(e.id()));
                AlertCause cause = alert.rootCauses().stream().filter(c -> c.entityId().equals(e.id())).findFirst()
                        .orElse(null);
                Json.text(j, "root_cause_kind", cause == null ? null : cause.kind().wireName());
                j.writeObjectFieldStart("changes");
                for (MetricField m : VOLUMES) {
                    Json.number(j, m.wireName(), change(f.value(m, judgedIdx),
                            f.baselineVolume(m, judgedIdx, features)));
                }
                for (Kpi k : KPIS) {
                    Json.number(j, k.wireName(), change(f.kpi(k, judgedIdx), f.baselineKpi(k, judgedIdx, features)));
                }
                j.writeEndObject();
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        });
    }

    private interface IndexValue {
        Double at(int i);
    }

    private static void baselineArray(JsonGenerator j, String name, Frame f, FeatureConfig c, int offset, int n,
                                      IndexValue v) throws IOException {
        j.writeArrayFieldStart(name);
        for (int i = 0; i < n; i++) {
            Double b = v.at(offset + i);
            if (b == null) {
                j.writeNull();
            } else {
                j.writeNumber(b);
            }
        }
        j.writeEndArray();
    }

    private static Double change(double value, Double baseline) {
        if (baseline == null || !(baseline > 0)) {
            return null;
        }
        return value / baseline - 1;
    }

    /**
     * @return the entity and its ancestors up to the profile: keyword, ad group, campaign, portfolio, profile (the
     *         level where a reporting outage is rooted)
     */
    static List<Entity> path(EntityGraph graph, String id) {
        List<Entity> out = new ArrayList<>();
        Entity e = graph.get(id);
        while (e != null) {
            out.add(e);
            e = e.parentId() == null ? null : graph.get(e.parentId());
        }
        return out;
    }

    private static LocalDateTime dataEnd(AccountData data) {
        LocalDateTime hi = null;
        for (MetricSeries s : data.leafMetrics().values()) {
            if (!s.isEmpty() && (hi == null || s.end().isAfter(hi))) {
                hi = s.end();
            }
        }
        return hi;
    }

    private static Frame frame(String id, EntityGraph graph, AccountData data, Granularity g, LocalDateTime from,
                               LocalDateTime to) {
        int n = (int) g.between(from, to) + 1;
        double[][] v = new double[VOLUMES.size()][n];
        List<Entity> leaves = graph.children(id).isEmpty() ? List.of(graph.get(id)) : graph.leaves(id);
        for (Entity leaf : leaves) {
            MetricSeries s = data.leafMetrics().get(leaf.id());
            if (s == null || s.isEmpty()) {
                continue;
            }
            for (int i = 0; i < s.size(); i++) {
                long t = g.between(from, s.periodAt(i));
                if (t < 0 || t >= n) {
                    continue;
                }
                for (int f = 0; f < VOLUMES.size(); f++) {
                    v[f][(int) t] += s.value(VOLUMES.get(f), i);
                }
            }
        }
        return new Frame(v, n);
    }

    /** One entity's volumes per period, from the load start. */
    private record Frame(double[][] v, int n) {

        double value(MetricField f, int i) {
            return i < 0 || i >= n ? 0 : v[f.ordinal()][i];
        }

        double kpi(Kpi k, int i) {
            return k.ratio(value(k.numerator(), i), value(k.denominator(), i));
        }

        /** @return [first, last] baseline indices of period i, or null with too little history */
        int[] baselineRange(int i, FeatureConfig c) {
            int last = i - c.windowLength();
            int first = Math.max(0, last - c.baselineLength() + 1);
            if (last < 0 || last - first + 1 < c.minBaselineLength()) {
                return null;
            }
            return new int[] {first, last};
        }

        Double baselineVolume(MetricField f, int i, FeatureConfig c) {
            int[] r = baselineRange(i, c);
            if (r == null) {
                return null;
            }
            double sum = 0;
            for (int t = r[0]; t <= r[1]; t++) {
                sum += value(f, t);
            }
            return sum / (r[1] - r[0] + 1);
        }

        Double baselineKpi(Kpi k, int i, FeatureConfig c) {
            int[] r = baselineRange(i, c);
            if (r == null) {
                return null;
            }
            double num = 0;
            double den = 0;
            for (int t = r[0]; t <= r[1]; t++) {
                num += value(k.numerator(), t);
                den += value(k.denominator(), t);
            }
            return k.ratio(num, den);
        }
    }
}
