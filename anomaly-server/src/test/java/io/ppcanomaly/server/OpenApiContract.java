package io.ppcanomaly.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The server's {@code openapi.yaml} as a test oracle: every response the test suite receives through
 * {@link ApiClient} is checked against it - the status documented for the operation, the content type, the
 * headers it promises ({@code Retry-After}, {@code Location}) and the body against the JSON schema (draft 2020-12,
 * as OpenAPI 3.1 uses), validated by networknt's json-schema-validator. Records which operations and statuses the
 * suite exercised. Thread-safe.
 */
final class OpenApiContract {

    private static final String BASE = "https://ppcanomaly.io/openapi.json";
    static final OpenApiContract INSTANCE = new OpenApiContract();

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final List<Operation> operations = new ArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> checked = Collections.synchronizedList(new ArrayList<>());

    /** A documented operation: method, path template and its pattern. */
    record Operation(String method, String template, Pattern pattern, JsonNode node) {
    }

    private OpenApiContract() {
        try (InputStream in = AnomalyServer.class.getResourceAsStream("openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String json = doc.toString();
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(BASE, json)));
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String regex = "^" + p.getKey().replaceAll("\\{[^}]+}", "[^/]+") + "$";
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), p.getKey(), Pattern.compile(regex),
                        op.getValue()));
            }
        }
    }

    /** @return the document */
    JsonNode document() {
        return doc;
    }

    /** @return every documented operation */
    List<Operation> operations() {
        return operations;
    }

    /** @return "METHOD template status" of every response checked so far */
    Set<String> seen() {
        return seen;
    }

    /** @return how many responses were checked */
    int checkedCount() {
        return checked.size();
    }

    /**
     * Checks one response.
     *
     * @return the problems, empty when it matches the document
     */
    List<String> check(String method, String path, int status, String contentType, Map<String, List<String>> headers,
                       String body) {
        List<String> problems = new ArrayList<>();
        Operation op = operations.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(path).matches())
                .min((a, b) -> Integer.compare(a.template().split("\\{").length, b.template().split("\\{").length))
                .orElse(null);
        String where = method + " " + path + " -> " + status;
        checked.add(where);
        if (op == null) {
            if (status != 404) {
                problems.add(where + ": no documented operation");
            }
            return problems;
        }
        seen.add(op.method() + " " + op.template() + " " + status);
        JsonNode response = op.node().path("responses").get(Integer.toString(status));
        if (response == null) {
            problems.add(where + ": status " + status + " is not documented for " + op.method() + " " + op.template());
            return problems;
        }
        response = deref(response);
        JsonNode hs = response.path("headers");
        for (Iterator<String> it = hs.fieldNames(); it.hasNext(); ) {
            String h = it.next();
            if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(h))) {
                problems.add(where + ": documented header " + h + " is missing");
            }
        }
        JsonNode content = response.path("content");
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!content.has(type)) {
            problems.add(where + ": content type '" + type + "' is not documented (documented: "
                    + content.fieldNames().next() + ")");
            return problems;
        }
        if (!type.equals("application/json")) {
            return problems;
        }
        JsonNode schemaNode = content.get(type).get("schema");
        if (schemaNode == null || !schemaNode.has("$ref")) {
            problems.add(where + ": the document's response schema must be a $ref to components (test oracle rule)");
            return problems;
        }
        Schema schema = schemas.computeIfAbsent(schemaNode.get("$ref").asText(),
                ref -> registry.getSchema(SchemaLocation.of(BASE + ref)));
        List<Error> errors;
        try {
            errors = schema.validate(body, com.networknt.schema.InputFormat.JSON);
        } catch (RuntimeException e) {
            problems.add(where + ": body is not JSON: " + e.getMessage() + " in " + abbreviate(body));
            return problems;
        }
        for (Error e : errors) {
            problems.add(where + ": " + e + " in " + abbreviate(body));
        }
        return problems;
    }

    private JsonNode deref(JsonNode n) {
        while (n.has("$ref")) {
            String[] parts = n.get("$ref").asText().substring(2).split("/");
            JsonNode t = doc;
            for (String part : parts) {
                t = t.get(part.replace("~1", "/").replace("~0", "~"));
            }
            n = t;
        }
        return n;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    /** @return for each documented operation, the statuses documented */
    Map<String, List<String>> documentedStatuses() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Operation op : operations) {
            List<String> statuses = new ArrayList<>();
            op.node().path("responses").fieldNames().forEachRemaining(statuses::add);
            out.put(op.method() + " " + op.template(), statuses);
        }
        return out;
    }
}
