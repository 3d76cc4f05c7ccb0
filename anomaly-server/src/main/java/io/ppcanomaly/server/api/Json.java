package io.ppcanomaly.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** Streams JSON responses with Jackson's generator: no reflection, field names exactly as documented. */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** Writes JSON with a generator. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param g the generator
         * @throws IOException never in practice (the target is memory)
         */
        void write(JsonGenerator g) throws IOException;
    }

    /** @return the UTF-8 bytes {@code w} writes */
    public static byte[] bytes(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes a field that may be null. */
    public static void text(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    /** Writes an instant as ISO-8601 UTC, or null. */
    public static void instant(JsonGenerator g, String name, Instant v) throws IOException {
        text(g, name, v == null ? null : v.toString());
    }

    /** Writes a number that may be null. */
    public static void number(JsonGenerator g, String name, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** Writes a map of numbers as an object, in its iteration order. */
    public static void numbers(JsonGenerator g, String name, Map<String, Double> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : m.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes raw JSON object text (already validated as an object) as a field, or null. */
    public static void raw(JsonGenerator g, String name, String json) throws IOException {
        g.writeFieldName(name);
        if (json == null) {
            g.writeNull();
        } else {
            g.writeRawValue(json);
        }
    }
}
