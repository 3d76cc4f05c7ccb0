package io.ppcanomaly.api.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated reads of a provider's {@link Properties}, with messages of the form
 * {@code "<key> must be <rule>, got <value>"}.
 *
 * <p>Providers use it to turn string options into their config records; {@link #requireKnown} rejects a
 * misspelled key instead of ignoring it.
 */
public final class ProviderOptions {

    private final Properties props;

    /** @param props the options, or {@code null} for none; not copied, so do not mutate it concurrently */
    public ProviderOptions(Properties props) {
        this.props = props == null ? new Properties() : props;
    }

    /** @return the raw value, trimmed, or {@code null} when absent */
    public String get(String key) {
        String v = props.getProperty(key);
        return v == null ? null : v.trim();
    }

    /** @return the value or {@code def} when absent */
    public String getString(String key, String def) {
        String v = get(key);
        return v == null || v.isEmpty() ? def : v;
    }

    /** @return an int option, or {@code def} when absent */
    public int getInt(String key, int def) {
        String v = get(key);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    /** @return a long option, or {@code def} when absent */
    public long getLong(String key, long def) {
        String v = get(key);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    /** @return a finite double option, or {@code def} when absent */
    public double getDouble(String key, double def) {
        String v = get(key);
        if (v == null || v.isEmpty()) {
            return def;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + " must be finite, got '" + v + "'");
        }
        return d;
    }

    /** @return a boolean option ({@code true}/{@code false}), or {@code def} when absent */
    public boolean getBoolean(String key, boolean def) {
        String v = get(key);
        if (v == null || v.isEmpty()) {
            return def;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        };
    }

    /**
     * Rejects keys outside {@code known}, so a typo fails loudly.
     *
     * @throws IllegalArgumentException naming the unknown key and the accepted ones
     */
    public void requireKnown(Set<String> known) {
        Objects.requireNonNull(known, "known");
        for (String k : props.stringPropertyNames()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("option must be one of " + new TreeSet<>(known) + ", got '" + k + "'");
            }
        }
    }
}
