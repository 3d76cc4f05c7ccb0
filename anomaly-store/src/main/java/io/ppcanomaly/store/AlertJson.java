package io.ppcanomaly.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.AlertCause;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON columns' formats. Numbers are written at full double precision (shortest exact form), so a window
 * read back scores exactly as it did. Stateless and thread-safe.
 *
 * <ul>
 *   <li>maps ({@code member_scores}, {@code explanation}, {@code kpi_changes}): {@code {"cpc": 1.8, …}}, order kept</li>
 *   <li>{@code root_causes}: {@code [{"entity_type", "entity_id", "entity_name", "kind", "confidence", "start",
 *       "summary"}]}, as in the report JSON</li>
 *   <li>{@code sequence_data}: {@code {"features": ["ctr", …], "entity_id": …, "period": "2026-03-14T00:00",
 *       "rows": [[…], …]}}, oldest row first, the last the judged period</li>
 *   <li>{@code feature_snapshot}: {@code {"impressions": …, "clicks": …, "spend": …, "sales": …, "orders": …}}</li>
 * </ul>
 */
final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private AlertJson() {
    }

    /** @throws IllegalArgumentException when {@code json} is neither null nor a JSON object */
    static void requireObject(String field, String json) {
        if (json == null) {
            return;
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " must be a JSON object, got '" + abbreviate(json) + "': "
                    + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(field + " must be a JSON object, got '" + abbreviate(json) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /**
     * Writes the map as Jackson's tree model did ({@code {"k":1.5,...}}, numbers by {@link Double#toString}), by
     * hand: building a tree and a generator per column cost about a tenth of saving 10,000 alerts.
     */
    static String map(Map<String, Double> m) {
        StringBuilder b = new StringBuilder(16 + 24 * m.size()).append('{');
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, e.getKey()).append(':');
            number(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static StringBuilder string(StringBuilder b, String s) {
        if (s == null) {
            return b.append("null");
        }
        return b.append('"').append(ENCODER.quoteAsString(s)).append('"');
    }

    private static void number(StringBuilder b, Double d) {
        if (d == null) {
            b.append("null");
        } else if (Double.isFinite(d)) {
            b.append(d.doubleValue());
        } else {
            b.append('"').append(d.doubleValue()).append('"');
        }
    }

    static Map<String, Double> map(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode n = read(json);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().doubleValue());
        }
        return out;
    }

    static String causes(List<AlertCause> causes) {
        StringBuilder b = new StringBuilder(32 + 256 * causes.size()).append('[');
        for (AlertCause c : causes) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"entity_type\":");
            string(b, c.entityType().wireName()).append(",\"entity_id\":");
            string(b, c.entityId()).append(",\"entity_name\":");
            string(b, c.entityName()).append(",\"kind\":");
            string(b, c.kind().wireName()).append(",\"confidence\":");
            number(b, c.confidence());
            b.append(",\"start\":");
            string(b, c.start() == null ? null : c.start().toString()).append(",\"summary\":");
            string(b, c.summary()).append('}');
        }
        return b.append(']').toString();
    }

    static List<AlertCause> causes(String json) {
        List<AlertCause> out = new ArrayList<>();
        for (JsonNode o : read(json)) {
            JsonNode start = o.get("start");
            out.add(new AlertCause(EntityType.parse(o.get("entity_type").asText()), o.get("entity_id").asText(),
                    o.get("entity_name").asText(),
                    RootCauseKind.valueOf(o.get("kind").asText().toUpperCase(Locale.ROOT)),
                    o.get("confidence").doubleValue(),
                    start == null || start.isNull() ? null : LocalDateTime.parse(start.asText()),
                    o.get("summary").asText()));
        }
        return out;
    }

    static String window(FeatureWindow w) {
        if (w == null) {
            return null;
        }
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode names = o.putArray("features");
        w.schema().names().forEach(names::add);
        o.put("entity_id", w.entityId());
        o.put("period", w.period() == null ? null : w.period().toString());
        ArrayNode rows = o.putArray("rows");
        for (int t = 0; t < w.length(); t++) {
            ArrayNode row = rows.addArray();
            for (int f = 0; f < w.width(); f++) {
                row.add(w.get(t, f));
            }
        }
        return o.toString();
    }

    static FeatureWindow window(String json) {
        if (json == null) {
            return null;
        }
        JsonNode o = read(json);
        List<String> names = new ArrayList<>();
        o.get("features").forEach(n -> names.add(n.asText()));
        JsonNode rowsNode = o.get("rows");
        double[][] rows = new double[rowsNode.size()][];
        for (int t = 0; t < rows.length; t++) {
            JsonNode r = rowsNode.get(t);
            rows[t] = new double[r.size()];
            for (int f = 0; f < rows[t].length; f++) {
                rows[t][f] = r.get(f).doubleValue();
            }
        }
        JsonNode entity = o.get("entity_id");
        JsonNode period = o.get("period");
        return FeatureWindow.of(FeatureSchema.of(names), rows,
                entity == null || entity.isNull() ? null : entity.asText(),
                period == null || period.isNull() ? null : LocalDateTime.parse(period.asText()));
    }

    static String metrics(Metrics m) {
        if (m == null) {
            return null;
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.put("impressions", m.impressions());
        o.put("clicks", m.clicks());
        o.put("spend", m.spend());
        o.put("sales", m.sales());
        o.put("orders", m.orders());
        return o.toString();
    }

    static Metrics metrics(String json) {
        if (json == null) {
            return null;
        }
        JsonNode o = read(json);
        return new Metrics(o.get("impressions").longValue(), o.get("clicks").longValue(),
                o.get("spend").doubleValue(), o.get("sales").doubleValue(), o.get("orders").longValue());
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + abbreviate(json), e);
        }
    }
}
