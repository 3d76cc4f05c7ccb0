package io.ppcanomaly.notify;

import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.notify.routing.Cadence;
import io.ppcanomaly.notify.routing.DigestSchedule;
import io.ppcanomaly.notify.routing.Route;
import io.ppcanomaly.notify.spi.NotifierOptions;
import io.ppcanomaly.notify.spi.NotifierProvider;
import io.ppcanomaly.store.ProfileId;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads {@link NotifyConfig} from {@code notify.*} and {@code route.<name>.*} keys; every error names key and value. */
final class ConfigParser {

    static final Set<String> NOTIFY_KEYS = Set.of("base-url", "profiles", "max-alerts", "retention",
            "dispatch.interval", "dispatch.batch", "dispatch.parallelism", "dispatch.lease", "retry.max-attempts",
            "retry.initial-delay", "retry.max-delay");
    static final Set<String> ROUTE_KEYS = Set.of("type", "profiles", "levels", "min-severity", "min-money", "match",
            "cadence", "digest-at", "digest-day", "time-zone", "base-url");

    private ConfigParser() {
    }

    static NotifyConfig parse(Properties all) {
        Properties notify = new Properties();
        Map<String, Properties> routes = new TreeMap<>();
        for (String k : all.stringPropertyNames()) {
            String v = all.getProperty(k);
            if (k.startsWith("notify.")) {
                notify.setProperty(k.substring("notify.".length()), v);
            } else if (k.startsWith("route.")) {
                String rest = k.substring("route.".length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || dot == rest.length() - 1) {
                    throw new IllegalArgumentException("notify config key '" + k + "' must be route.<name>.<key>, "
                            + "got no " + (dot <= 0 ? "route name" : "key"));
                }
                routes.computeIfAbsent(rest.substring(0, dot), n -> new Properties())
                        .setProperty(rest.substring(dot + 1), v);
            }
        }
        for (String k : new TreeSet<>(notify.stringPropertyNames())) {
            if (!NOTIFY_KEYS.contains(k)) {
                throw new IllegalArgumentException("notify config key 'notify." + k + "' (value '"
                        + notify.getProperty(k) + "') is unknown: notify keys are " + new TreeSet<>(NOTIFY_KEYS));
            }
        }
        Reader n = new Reader("notify.", notify);
        String baseUrl = n.string("base-url");
        List<ProfileId> profiles = new ArrayList<>();
        for (String p : NotifierOptions.splitList(n.string("profiles"))) {
            profiles.add(n.wrap("profiles", p, () -> ProfileId.of(p)));
        }
        DispatchSettings d = DispatchSettings.DEFAULT;
        DispatchSettings dispatch = settings(() -> new DispatchSettings(
                n.duration("dispatch.interval", d.interval()), n.integer("dispatch.batch", d.batch()),
                n.integer("dispatch.parallelism", d.parallelism()), n.duration("dispatch.lease", d.lease()),
                n.integer("max-alerts", d.maxAlerts()), n.duration("retention", d.retention())));
        RetryPolicy r = RetryPolicy.DEFAULT;
        RetryPolicy retry = settings(() -> new RetryPolicy(n.integer("retry.max-attempts",
                r.maxAttempts()), n.duration("retry.initial-delay", r.initialDelay()),
                n.duration("retry.max-delay", r.maxDelay())));
        List<Route> list = new ArrayList<>();
        for (Map.Entry<String, Properties> e : routes.entrySet()) {
            list.add(route(e.getKey(), e.getValue(), baseUrl));
        }
        return new NotifyConfig(list, dispatch, retry, profiles);
    }

    private static final Map<String, String> PARAM_KEYS = Map.of("interval", "dispatch.interval", "batch",
            "dispatch.batch", "parallelism", "dispatch.parallelism", "lease", "dispatch.lease", "maxAlerts",
            "max-alerts", "retention", "retention", "maxAttempts", "retry.max-attempts", "initialDelay",
            "retry.initial-delay", "maxDelay", "retry.max-delay");

    /** Builds a settings record, its messages naming the configuration key instead of the record's parameter. */
    private static <T> T settings(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int sp = m.indexOf(' ');
            String key = sp > 0 ? PARAM_KEYS.get(m.substring(0, sp)) : null;
            if (key == null) {
                throw e;
            }
            throw new IllegalArgumentException("notify config key 'notify." + key + "'" + m.substring(sp), e);
        }
    }

    private static Route route(String name, Properties keys, String globalBase) {
        String prefix = "route." + name + ".";
        if (!Route.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("notify config key '" + prefix + "…' must name the route with 1 to 64 "
                    + "letters, digits, '_' or '-', got '" + name + "'");
        }
        Reader r = new Reader(prefix, keys);
        String type = r.string("type");
        if (type == null) {
            throw new IllegalArgumentException("notify config key '" + prefix + "type' must be set to one of "
                    + Notifiers.available() + ", got none");
        }
        NotifierProvider provider = r.wrap("type", type, () -> Notifiers.provider(type));
        Set<String> profiles = new LinkedHashSet<>();
        for (String p : NotifierOptions.splitList(r.string("profiles"))) {
            if (!p.equals("*")) {
                profiles.add(r.wrap("profiles", p, () -> ProfileId.of(p)).value());
            }
        }
        Set<EntityType> levels = EnumSet.noneOf(EntityType.class);
        for (String l : NotifierOptions.splitList(r.string("levels"))) {
            if (!l.equals("*")) {
                levels.add(r.wrap("levels", l, () -> EntityType.parse(l)));
            }
        }
        String sev = r.string("min-severity");
        Severity minSeverity = sev == null ? null : r.wrap("min-severity", sev, () -> Severity.parse(sev));
        String money = r.string("min-money");
        double minMoney = money == null ? 0 : r.wrap("min-money", money, () -> {
            double m = Double.parseDouble(money);
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("must be a number >= 0");
            }
            return m;
        });
        String m = r.string("match");
        Route.Match match = m == null ? Route.Match.ALL : r.wrap("match", m, () -> switch (m.toLowerCase(Locale.ROOT)) {
            case "all" -> Route.Match.ALL;
            case "any" -> Route.Match.ANY;
            default -> throw new IllegalArgumentException("must be all or any");
        });
        String c = r.string("cadence");
        Cadence cadence = c == null ? Cadence.IMMEDIATE : r.wrap("cadence", c, () -> Cadence.parse(c));
        DigestSchedule schedule = null;
        String at = r.string("digest-at");
        String day = r.string("digest-day");
        String zone = r.string("time-zone");
        if (cadence == Cadence.IMMEDIATE) {
            for (String k : List.of("digest-at", "digest-day", "time-zone")) {
                if (r.string(k) != null) {
                    throw new IllegalArgumentException("notify config key '" + prefix + k + "' (value '" + r.string(k)
                            + "') applies to daily and weekly routes only, but route '" + name + "' is immediate");
                }
            }
        } else {
            LocalTime time = at == null ? LocalTime.of(8, 0) : r.wrap("digest-at", at, () -> LocalTime.parse(at));
            DayOfWeek dow = cadence == Cadence.DAILY ? null : day == null ? DayOfWeek.MONDAY
                    : r.wrap("digest-day", day, () -> DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)));
            if (cadence == Cadence.DAILY && day != null) {
                throw new IllegalArgumentException("notify config key '" + prefix + "digest-day' (value '" + day
                        + "') applies to weekly routes only, but route '" + name + "' is daily");
            }
            ZoneId z = zone == null ? ZoneOffset.UTC : r.wrap("time-zone", zone, () -> ZoneId.of(zone));
            schedule = new DigestSchedule(cadence, time, dow, z);
        }
        String base = r.string("base-url") != null ? r.string("base-url") : globalBase;
        Properties options = new Properties();
        for (String k : keys.stringPropertyNames()) {
            if (!ROUTE_KEYS.contains(k)) {
                options.setProperty(k, keys.getProperty(k));
            }
        }
        if (base != null && provider.options().contains("base-url")) {
            options.setProperty("base-url", base);
        }
        try {
            provider.create(options).close();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notify config of route '" + name + "' (" + type + ", keys " + prefix
                    + "*): " + e.getMessage() + "; route keys are " + new TreeSet<>(ROUTE_KEYS) + ", " + type
                    + " options are " + new TreeSet<>(provider.options()), e);
        }
        return new Route(name, type, options, profiles, levels, minSeverity, minMoney, match, cadence, schedule);
    }

    /** Typed reads under a prefix, errors naming the full key and its value. */
    private static final class Reader {
        private final String prefix;
        private final Properties keys;

        Reader(String prefix, Properties keys) {
            this.prefix = prefix;
            this.keys = keys;
        }

        String string(String key) {
            String v = keys.getProperty(key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        int integer(String key, int def) {
            String v = string(key);
            return v == null ? def : wrap(key, v, () -> Integer.parseInt(v));
        }

        Duration duration(String key, Duration def) {
            String v = string(key);
            return v == null ? def : wrap(key, v, () -> NotifierOptions.parseDuration(key, v));
        }

        <T> T wrap(String key, String value, java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException("notify config key '" + prefix + key + "' " + rule(key, e)
                        + ", got '" + value + "'", e);
            }
        }

        private static String rule(String key, RuntimeException e) {
            if (e instanceof NumberFormatException) {
                return "must be a number";
            }
            if (e instanceof DateTimeParseException) {
                return "must be a time of day such as 08:00";
            }
            if (key.equals("time-zone")) {
                return "must be a time zone such as UTC or Europe/Berlin";
            }
            if (key.equals("digest-day")) {
                return "must be a day of the week such as monday";
            }
            String m = String.valueOf(e.getMessage());
            int i = m.indexOf("must ");
            String rule = i >= 0 ? m.substring(i) : "must be valid (" + m + ")";
            int got = rule.lastIndexOf(", got ");
            return got > 0 ? rule.substring(0, got) : rule;
        }
    }
}
