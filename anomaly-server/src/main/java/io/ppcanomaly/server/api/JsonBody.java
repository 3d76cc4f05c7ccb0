package io.ppcanomaly.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON object body, read with typed getters that refuse wrong types with a 400 naming the field and
 * the value, and unknown fields with a 400 listing the known ones. Not thread-safe (one per request).
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /**
     * Parses a body that must be a JSON object (an empty body counts as {@code {}}) with only the given fields.
     *
     * @throws ApiException 400 for a body that is not a JSON object, or an unknown field
     */
    public static JsonBody parse(String body, String... fields) {
        ObjectNode node;
        if (body == null || body.isBlank()) {
            node = MAPPER.createObjectNode();
        } else {
            JsonNode n;
            try {
                n = MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("the body must be a JSON object, got text that is not JSON ("
                        + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")");
            }
            if (!(n instanceof ObjectNode o)) {
                throw ApiException.badRequest("the body must be a JSON object, got " + n.getNodeType().name()
                        .toLowerCase(java.util.Locale.ROOT));
            }
            node = o;
        }
        Set<String> known = Set.of(fields);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw ApiException.notOneOf("body field", f, List.copyOf(new TreeSet<>(known)));
            }
        }
        return new JsonBody(node);
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** @return the field as text, or {@code null} when absent or null; 400 when not a string */
    public String text(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badField(field, v.toString(), field + " must be a string, got " + v);
        }
        return v.textValue();
    }

    /** @return the field as a boolean, or {@code dflt} when absent; 400 when not true/false */
    public boolean bool(String field, boolean dflt) {
        JsonNode v = present(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw ApiException.badField(field, v.toString(), field + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    /** @return the field as a boolean; 400 when absent or not true/false */
    public boolean requiredBool(String field) {
        if (present(field) == null) {
            throw ApiException.badField(field, null, field + " is required (true or false)");
        }
        return bool(field, false);
    }

    /** @return the field as an int in [min, max], or {@code dflt} when absent; 400 otherwise */
    public Integer integer(String field, Integer dflt, int min, int max) {
        JsonNode v = present(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badField(field, v.toString(), field + " must be a whole number, got " + v);
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw ApiException.badField(field, v.toString(), field + " must be between " + min + " and " + max
                    + ", got " + n);
        }
        return (int) n;
    }

    /** @return the field as a long &ge; 0, or {@code null} when absent; 400 otherwise */
    public Long version(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw ApiException.badField(field, v.toString(), field + " must be a whole number >= 0, got " + v);
        }
        return v.longValue();
    }

    /** @return the field as a finite number, or {@code null} when absent; 400 otherwise */
    public Double number(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw ApiException.badField(field, v.toString(), field + " must be a finite number, got " + v);
        }
        return v.doubleValue();
    }

    /** @return the field, a JSON object, as compact JSON text, or {@code null} when absent; 400 otherwise */
    public String object(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.badField(field, v.toString(), field + " must be a JSON object, got " + v);
        }
        return v.toString();
    }

    /** @return the field as a list of strings, or {@code null} when absent; 400 otherwise */
    public List<String> texts(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.badField(field, v.toString(), field + " must be an array of strings, got " + v);
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw ApiException.badField(field, v.toString(), field + " must be an array of strings, got " + v);
            }
            out.add(e.textValue());
        }
        return out;
    }
}
