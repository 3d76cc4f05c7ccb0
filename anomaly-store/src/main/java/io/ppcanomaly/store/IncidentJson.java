package io.ppcanomaly.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.service.incident.IncidentAlert;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The incident table's JSON columns. Numbers at full double precision, so an incident rebuilt from its row
 * ({@link io.ppcanomaly.service.incident.Incident#of}) has exactly the peak score and money it was saved with.
 * Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@code affected}: {@code {"campaign": ["cp-1"], "keyword": ["kw-1", "kw-2"]}}</li>
 *   <li>{@code alerts}: {@code [{"entity_type", "entity_id", "entity_name", "period", "severity", "anomaly_score",
 *       "money_at_stake", "cause": {"entity_type", "entity_id", "entity_name", "kind", "confidence", "summary"} or
 *       null}]}</li>
 * </ul>
 */
final class IncidentJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IncidentJson() {
    }

    static String affected(Map<EntityType, List<String>> affected) {
        ObjectNode o = MAPPER.createObjectNode();
        affected.forEach((t, ids) -> {
            ArrayNode a = o.putArray(t.wireName());
            ids.forEach(a::add);
        });
        return o.toString();
    }

    static Map<EntityType, List<String>> affected(String json) {
        Map<EntityType, List<String>> out = new EnumMap<>(EntityType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = read(json).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> ids = new ArrayList<>();
            e.getValue().forEach(n -> ids.add(n.asText()));
            out.put(EntityType.parse(e.getKey()), ids);
        }
        return out;
    }

    static String alerts(List<IncidentAlert> alerts) {
        ArrayNode a = MAPPER.createArrayNode();
        for (IncidentAlert x : alerts) {
            ObjectNode o = a.addObject();
            o.put("entity_type", x.entityType().wireName());
            o.put("entity_id", x.entityId());
            o.put("entity_name", x.entityName());
            o.put("period", x.period().toString());
            o.put("severity", x.severity().wireName());
            o.put("anomaly_score", x.anomalyScore());
            o.put("money_at_stake", x.moneyAtStake());
            if (x.cause() == null) {
                o.putNull("cause");
            } else {
                ObjectNode c = o.putObject("cause");
                c.put("entity_type", x.cause().entityType().wireName());
                c.put("entity_id", x.cause().entityId());
                c.put("entity_name", x.cause().entityName());
                c.put("kind", x.cause().kind().wireName());
                c.put("confidence", x.cause().confidence());
                c.put("summary", x.cause().summary());
            }
        }
        return a.toString();
    }

    static List<IncidentAlert> alerts(String json) {
        List<IncidentAlert> out = new ArrayList<>();
        for (JsonNode o : read(json)) {
            JsonNode c = o.get("cause");
            IncidentAlert.Cause cause = c == null || c.isNull() ? null : new IncidentAlert.Cause(
                    EntityType.parse(c.get("entity_type").asText()), c.get("entity_id").asText(),
                    c.get("entity_name").asText(),
                    RootCauseKind.valueOf(c.get("kind").asText().toUpperCase(Locale.ROOT)),
                    c.get("confidence").doubleValue(), c.get("summary").asText());
            out.add(new IncidentAlert(EntityType.parse(o.get("entity_type").asText()), o.get("entity_id").asText(),
                    o.get("entity_name").asText(), LocalDateTime.parse(o.get("period").asText()),
                    Severity.parse(o.get("severity").asText()), o.get("anomaly_score").doubleValue(),
                    o.get("money_at_stake").doubleValue(), cause));
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored incident JSON is not readable: "
                    + (json.length() <= 80 ? json : json.substring(0, 77) + "..."), e);
        }
    }
}
