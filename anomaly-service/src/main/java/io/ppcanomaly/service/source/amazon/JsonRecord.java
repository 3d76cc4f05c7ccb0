package io.ppcanomaly.service.source.amazon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ppcanomaly.service.source.RowProblem;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of an Amazon report or dataset: its fields as read, and typed getters that refuse a bad value
 * with a {@link FieldException} naming the field. Not thread-safe; one per record.
 */
final class JsonRecord {

    /** A JSON {@code null}. */
    private static final Object NULL = new Object();
    /** An object or an array, where the formats read here only have scalars. */
    private static final Object COMPLEX = new Object();

    /** A field that cannot be used: which, its value as read, and why. */
    static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;
        final RowProblem problem;
        final String field;
        final String value;

        FieldException(RowProblem problem, String field, String value, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
            this.field = field;
            this.value = value;
        }
    }

    private final Map<String, Object> values = new HashMap<>(48);

    /**
     * Reads the object whose {@code START_OBJECT} the parser has just returned, up to its {@code END_OBJECT}.
     *
     * @param known the documented field names; a field outside them is returned, the rest still read
     * @return the first field not in {@code known}, or {@code null}
     */
    String read(JsonParser p, Set<String> known) throws IOException {
        String unknown = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (unknown == null && !known.contains(name)) {
                unknown = name;
            }
            t = p.nextToken();
            values.put(name, switch (t) {
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue() : (Object) p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> NULL;
                default -> {
                    p.skipChildren();
                    yield COMPLEX;
                }
            });
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("expected a field or the end of the object, got " + t);
        }
        return unknown;
    }

    /** @return whether the field is present (possibly {@code null}) */
    boolean present(String field) {
        return values.containsKey(field);
    }

    /** @return whether the field is present and not {@code null} */
    boolean has(String field) {
        Object v = values.get(field);
        return v != null && v != NULL;
    }

    /** @return the field names read */
    Set<String> fields() {
        return values.keySet();
    }

    /** @return the value as text for a message, or {@code null} when absent or {@code null} */
    String raw(String field) {
        Object v = values.get(field);
        if (v == null || v == NULL) {
            return null;
        }
        if (v == COMPLEX) {
            return "{…}";
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    /**
     * @return a text or an id (a JSON number is read as its digits), or {@code null} when absent, {@code null}
     *         or blank
     * @throws FieldException for an object or an array
     */
    String text(String field) throws FieldException {
        Object v = values.get(field);
        if (v == COMPLEX) {
            throw new FieldException(RowProblem.MALFORMED, field, raw(field), field + " must be a text or a number");
        }
        String s = raw(field);
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** @return the text, which must be there */
    String requireText(String field) throws FieldException {
        String s = text(field);
        if (s == null) {
            throw missing(field);
        }
        return s;
    }

    private FieldException missing(String field) {
        return new FieldException(RowProblem.MISSING_VALUE, field, raw(field), field
                + (present(field) ? " must not be blank or null" : " is missing"));
    }

    /**
     * Reads a whole count.
     *
     * @param negativeAllowed whether a negative count is a correction (Marketing Stream deltas) rather than an
     *                        error
     */
    long count(String field, boolean negativeAllowed) throws FieldException {
        double v = number(field, "a whole number");
        if (v != Math.rint(v)) {
            throw new FieldException(RowProblem.NOT_WHOLE, field, raw(field), field + " must be a whole number");
        }
        if (Math.abs(v) > 9.0e15) {
            throw new FieldException(RowProblem.NON_NUMERIC, field, raw(field), field + " must be below 9e15");
        }
        if (v < 0 && !negativeAllowed) {
            throw new FieldException(RowProblem.NEGATIVE, field, raw(field), field + " must be >= 0");
        }
        return (long) v;
    }

    /** Reads an amount of money (a finite number). */
    double money(String field, boolean negativeAllowed) throws FieldException {
        double v = number(field, "an amount of money");
        if (v < 0 && !negativeAllowed) {
            throw new FieldException(RowProblem.NEGATIVE, field, raw(field), field + " must be >= 0");
        }
        return v;
    }

    private double number(String field, String what) throws FieldException {
        Object v = values.get(field);
        if (v == null || v == NULL) {
            throw missing(field);
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new FieldException(RowProblem.NON_NUMERIC, field, raw(field), field + " must be finite");
            }
            return d;
        }
        if (v instanceof BigInteger) {
            throw new FieldException(RowProblem.NON_NUMERIC, field, raw(field), field + " must be below 9e15");
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                if (Double.isFinite(d) && !s.isBlank() && s.strip().chars().allMatch(c -> c == '-' || c == '.'
                        || (c >= '0' && c <= '9'))) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // fall through to the message
            }
        }
        throw new FieldException(v == COMPLEX ? RowProblem.MALFORMED : RowProblem.NON_NUMERIC, field, raw(field),
                field + " must be " + what);
    }
}
