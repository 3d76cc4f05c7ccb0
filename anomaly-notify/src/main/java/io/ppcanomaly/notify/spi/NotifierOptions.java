package io.ppcanomaly.notify.spi;

import io.ppcanomaly.api.spi.ProviderOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of a notifier's options for providers, on top of the detectors' {@link ProviderOptions}: durations,
 * lists, required keys, and a refusal of unknown keys that lists the known ones. Messages follow
 * {@code "<key> must be <rule>, got <value>"}; {@link #secret} never repeats its value.
 */
public final class NotifierOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Properties props;
    private final ProviderOptions typed;

    /** @param props the options, or {@code null} for none (not copied) */
    public NotifierOptions(Properties props) {
        this.props = props == null ? new Properties() : props;
        this.typed = new ProviderOptions(this.props);
    }

    /** @return the typed reader for ints, doubles and booleans */
    public ProviderOptions typed() {
        return typed;
    }

    /**
     * Refuses keys outside {@code known} (prefixes ending in {@code .} accept every key under them).
     *
     * @throws IllegalArgumentException naming the first unknown key and the known ones
     */
    public void requireKnown(Set<String> known) {
        for (String k : new TreeSet<>(props.stringPropertyNames())) {
            boolean ok = known.contains(k);
            for (String p : known) {
                ok |= p.endsWith(".") && k.startsWith(p) && k.length() > p.length();
            }
            if (!ok) {
                throw new IllegalArgumentException("option must be one of " + new TreeSet<>(known) + ", got '" + k
                        + "'");
            }
        }
    }

    /** @return the trimmed value, or {@code def} when absent or blank */
    public String string(String key, String def) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    /** @throws IllegalArgumentException when absent or blank, saying what it is for */
    public String required(String key, String what) {
        String v = string(key, null);
        if (v == null) {
            throw new IllegalArgumentException(key + " must be set (" + what + "), got none");
        }
        return v;
    }

    /** @return a secret (a password, a signing key): the value is never put in a message */
    public String secret(String key, boolean required) {
        String v = props.getProperty(key);
        if (v == null || v.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(key + " must be set, got none");
            }
            return null;
        }
        return v;
    }

    /**
     * @return a duration such as {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601
     *         {@code PT10S}, within [{@code min}, {@code max}], or {@code def} when absent
     */
    public Duration duration(String key, Duration def, Duration min, Duration max) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        Duration d = parseDuration(key, v);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got '" + v + "'");
        }
        return d;
    }

    /** @return a comma-separated list, blanks dropped; empty when absent */
    public List<String> list(String key) {
        return splitList(string(key, null));
    }

    /** @return an int in [{@code min}, {@code max}], or {@code def} when absent */
    public int integer(String key, int def, int min, int max) {
        int i = typed.getInt(key, def);
        if (i < min || i > max) {
            throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + i);
        }
        return i;
    }

    /**
     * Parses a duration ({@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 2d}, {@code PT10S}).
     *
     * @throws IllegalArgumentException naming the key and the value
     */
    public static Duration parseDuration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 10s, 500ms, 5m, 1h or 2d, got '"
                    + value + "'");
        }
    }

    /** @return the comma-separated items of {@code value}, trimmed, blanks dropped */
    public static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
