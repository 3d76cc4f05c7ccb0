package io.ppcanomaly.monitor.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of the monitor's configuration {@link Properties} that remember which keys were read, so that every
 * key nobody claimed can be refused by name. Every error names the key and the value:
 * {@code monitor config key 'schedule.daily-at' must be a time of day such as 06:00, got '25:00'}.
 *
 * <p>Not thread-safe; one reader per parse.
 */
public final class ConfigReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Properties props;
    private final Set<String> read = new TreeSet<>();

    /** @param props the configuration (not copied: do not change it while reading) */
    public ConfigReader(Properties props) {
        this.props = props;
    }

    /** @return the raw value, trimmed, or {@code null} when absent or blank; the key counts as read */
    public String get(String key) {
        read.add(key);
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** @return the value, or {@code def} */
    public String string(String key, String def) {
        String v = get(key);
        return v == null ? def : v;
    }

    /** @throws IllegalArgumentException when the key is absent, saying what it is for */
    public String required(String key, String what) {
        String v = get(key);
        if (v == null) {
            throw new IllegalArgumentException("monitor config key '" + key + "' must be set (" + what + "), got none");
        }
        return v;
    }

    /** @return an integer in [{@code min}, {@code max}], or {@code def} */
    public int integer(String key, int def, int min, int max) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, v, "an integer in [" + min + ", " + max + "]");
    }

    /** @return a number in [{@code min}, {@code max}], or {@code def} */
    public double number(String key, double def, double min, double max) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(key, v, "a number in [" + min + ", " + max + "]");
    }

    /** @return {@code true} or {@code false}, or {@code def} */
    public boolean bool(String key, boolean def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, v, "true or false");
        };
    }

    /** @return a duration such as {@code 10m}, {@code 90s}, {@code 2h}, {@code 7d} or ISO {@code PT10M}, &gt; 0 */
    public Duration duration(String key, Duration def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        Duration d = null;
        Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw error(key, v, "a positive duration such as 90s, 10m, 2h, 7d or PT10M");
        }
        return d;
    }

    /** @return a time of day {@code HH:mm}, or {@code def} */
    public LocalTime time(String key, LocalTime def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw error(key, v, "a time of day such as 06:00");
        }
    }

    /** @return a time zone id such as {@code UTC} or {@code America/New_York}, or {@code def} */
    public ZoneId zone(String key, ZoneId def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw error(key, v, "a time zone such as UTC or America/New_York");
        }
    }

    /** @return a day of the week ({@code monday} … {@code sunday}, or the first three letters), or {@code def} */
    public DayOfWeek day(String key, DayOfWeek def) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        String u = v.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(u) || d.name().startsWith(u) && u.length() == 3) {
                return d;
            }
        }
        throw error(key, v, "a day of the week such as sunday");
    }

    /** @return the comma-separated values parsed by {@code parse} (its exception message kept), or {@code def} */
    public <T> List<T> list(String key, List<T> def, Function<String, T> parse) {
        String v = get(key);
        if (v == null) {
            return def;
        }
        List<T> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(parse.apply(part.trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("monitor config key '" + key + "' has a bad value '" + part.trim()
                        + "' in '" + v + "': " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw error(key, v, "a comma-separated list of at least one value");
        }
        return Collections.unmodifiableList(out);
    }

    /** @return every key starting with {@code prefix}, the prefix removed, values as given; the keys count as read */
    public Properties withPrefix(String prefix) {
        Properties out = new Properties();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith(prefix)) {
                read.add(k);
                out.setProperty(k.substring(prefix.length()), props.getProperty(k).trim());
            }
        }
        return out;
    }

    /** @return the keys present that were never read, sorted */
    public List<String> unread() {
        List<String> out = new ArrayList<>();
        for (String k : new TreeSet<>(props.stringPropertyNames())) {
            if (!read.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** @return the raw value of a key as given (for messages), or {@code null} */
    public String raw(String key) {
        return props.getProperty(key);
    }

    /** @return {@code monitor config key '<key>' must be <rule>, got '<value>'} */
    public static IllegalArgumentException error(String key, String value, String rule) {
        return new IllegalArgumentException("monitor config key '" + key + "' must be " + rule + ", got '" + value
                + "'");
    }
}
