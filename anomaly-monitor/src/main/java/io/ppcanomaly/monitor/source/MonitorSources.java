package io.ppcanomaly.monitor.source;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.MetricSourceFactory;
import io.ppcanomaly.monitor.config.ConfigReader;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportColumn;
import io.ppcanomaly.store.jdbc.UrlDataSource;
import io.ppcanomaly.store.source.JdbcMetricSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metric sources from the monitor's configuration file ({@code source.*} keys):
 *
 * <table>
 *   <caption>Source keys</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code source.type}</td><td>{@code csv}, {@code jdbc}, {@code sample}, or the name of a
 *       {@link MetricSourceProvider} on the class path</td></tr>
 *   <tr><td>{@code source.path} (csv)</td><td>a report CSV, or a folder of them ({@link CsvFolderSource});
 *       {@code {profile}} is replaced by the profile id, for a file or folder per profile</td></tr>
 *   <tr><td>{@code source.on-error} (csv, jdbc)</td><td>{@code fail} (default) or {@code skip} bad rows</td></tr>
 *   <tr><td>{@code source.url}, {@code source.user}, {@code source.password} (jdbc)</td><td>the host's database
 *       holding its performance table ({@link JdbcMetricSource}); the driver must be on the class path (H2 and
 *       PostgreSQL are)</td></tr>
 *   <tr><td>{@code source.table} or {@code source.query} (jdbc)</td><td>the table, or a {@code SELECT} of the host's
 *       own, one row per keyword and period with the report's columns; one of the two</td></tr>
 *   <tr><td>{@code source.column.<field>} (jdbc)</td><td>the column holding a report field when its name differs
 *       ({@code source.column.spend = cost}); fields by the report CSV's names</td></tr>
 *   <tr><td>{@code source.granularity} (jdbc)</td><td>{@code day} (default) or {@code hour} (an {@code hour}
 *       column makes it hourly by itself)</td></tr>
 *   <tr><td>{@code source.fetch-size} (jdbc)</td><td>rows per round trip (default 10,000)</td></tr>
 *   <tr><td>{@code source.history-in-database} (jdbc)</td><td>{@code true} or {@code false}: whether a run's history
 *       is applied in the database (default: on PostgreSQL only)</td></tr>
 *   <tr><td>{@code source.keywords}, {@code source.days}, {@code source.seed} (sample)</td><td>the built-in
 *       sample account (default 1,000 keywords, 90 days, seed 42; its profile id is {@code pr-01})</td></tr>
 * </table>
 */
public final class MonitorSources {

    private MonitorSources() {
    }

    /**
     * @param keys the {@code source.*} keys, prefix removed
     * @throws IllegalArgumentException naming the key and the value of a bad or unknown setting
     */
    public static MetricSourceFactory of(Properties keys) {
        ConfigReader r = new ConfigReader(keys);
        String type = r.get("type");
        if (type == null) {
            throw new IllegalArgumentException("monitor config key 'source.type' must be set (csv, jdbc, sample or a "
                    + "source provider's name), got none");
        }
        MetricSourceFactory f;
        switch (type.toLowerCase(Locale.ROOT)) {
            case "csv" -> {
                String path = r.get("path");
                if (path == null) {
                    throw new IllegalArgumentException("monitor config key 'source.path' must be set for a csv source "
                            + "(a report file or a folder; {profile} is replaced by the profile id), got none");
                }
                OnError onError = onError(r.string("on-error", "fail"));
                f = p -> csv(path.replace("{profile}", p.id().value()), onError);
                if (!path.contains("{profile}") && !Files.exists(Path.of(path))) {
                    throw ConfigReader.error("source.path", path, "an existing report file or folder");
                }
            }
            case "sample" -> {
                MetricSource s = sample(sampleConfig(r));
                f = p -> s;
            }
            case "jdbc" -> {
                // one source for every profile: each run asks for its profile's rows (the profile_id column)
                MetricSource s = jdbc(r);
                f = p -> s;
            }
            default -> f = provider(type, keys);
        }
        if (!List.of("csv", "sample", "jdbc").contains(type.toLowerCase(Locale.ROOT))) {
            return f;
        }
        List<String> unknown = r.unread();
        if (!unknown.isEmpty()) {
            String k = unknown.get(0);
            throw new IllegalArgumentException("monitor config key 'source." + k + "' (value '" + r.raw(k) + "') is "
                    + "unknown for a " + type + " source");
        }
        return f;
    }

    /**
     * @param keys the {@code source.*} keys of a {@code sample} source, prefix removed
     * @return the sample account they configure
     * @throws IllegalArgumentException naming the key and the value of a bad setting
     */
    public static SampleConfig sampleConfig(Properties keys) {
        return sampleConfig(new ConfigReader(keys));
    }

    private static SampleConfig sampleConfig(ConfigReader r) {
        SampleConfig c = SampleConfig.DEFAULT.withKeywords(r.integer("keywords", SampleConfig.DEFAULT_KEYWORDS, 10,
                10_000_000)).withDays(r.integer("days", SampleConfig.DEFAULT_DAYS, 30, 10_000));
        String seed = r.get("seed");
        if (seed != null) {
            try {
                c = c.withSeed(Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw ConfigReader.error("source.seed", seed, "an integer");
            }
        }
        return c;
    }

    /** @return the built-in sample account of {@code c} as an in-memory source (profile {@code pr-01}) */
    public static MetricSource sample(SampleConfig c) {
        SampleAccount a = SyntheticAccountGenerator.generate(c);
        return InMemoryMetricSource.of("sample account (" + a.keywordIds().size() + " keywords, " + c.days()
                + " days, seed " + c.seed() + ")", new AccountData(a.graph(), a.granularity(), a.keywordSeries(),
                LoadSummary.NONE));
    }

    private static MetricSource csv(String path, OnError onError) {
        Path p = Path.of(path);
        return Files.isDirectory(p) ? new CsvFolderSource(p, onError) : CsvMetricSource.of(p, onError);
    }

    private static JdbcMetricSource jdbc(ConfigReader r) {
        String url = r.get("url");
        if (url == null) {
            throw new IllegalArgumentException("monitor config key 'source.url' must be set for a jdbc source (the "
                    + "host's database, e.g. jdbc:postgresql://host:5432/ads), got none");
        }
        if (!url.startsWith("jdbc:")) {
            throw ConfigReader.error("source.url", url, "a JDBC URL starting with jdbc:");
        }
        String table = r.get("table");
        String query = r.get("query");
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("monitor config keys 'source.table' and 'source.query' must have "
                    + "exactly one set for a jdbc source, got " + (table == null ? "neither"
                    : "both ('" + table + "' and '" + query + "')"));
        }
        JdbcMetricSource.Builder b = JdbcMetricSource.builder(new UrlDataSource(url, r.get("user"),
                r.get("password")));
        try {
            if (table != null) {
                b.table(table);
            } else {
                b.query(query);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor config key 'source." + (table != null ? "table" : "query")
                    + "' is not valid: " + e.getMessage(), e);
        }
        String g = r.string("granularity", "day");
        b.granularity(switch (g.toLowerCase(Locale.ROOT)) {
            case "day" -> Granularity.DAY;
            case "hour" -> Granularity.HOUR;
            default -> throw ConfigReader.error("source.granularity", g, "day or hour");
        });
        b.onError(onError(r.string("on-error", "fail")));
        String fetch = r.get("fetch-size");
        if (fetch != null) {
            try {
                b.fetchSize(Integer.parseInt(fetch));
            } catch (IllegalArgumentException e) {
                throw ConfigReader.error("source.fetch-size", fetch, "a whole number of rows in [1, 1000000]");
            }
        }
        String inDatabase = r.get("history-in-database");
        if (inDatabase != null) {
            b.historyInDatabase(switch (inDatabase.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ConfigReader.error("source.history-in-database", inDatabase, "true or false");
            });
        }
        Properties columns = r.withPrefix("column.");
        for (String field : new TreeSet<>(columns.stringPropertyNames())) {
            ReportColumn c = ReportColumn.of(field);
            String column = columns.getProperty(field);
            if (c == null) {
                throw ConfigReader.error("source.column." + field, column, "a column for one of the report's fields "
                        + "(source.column.<field>, the field one of " + Arrays.stream(ReportColumn.values())
                        .map(ReportColumn::canonical).toList() + ")");
            }
            if (column.isBlank()) {
                throw ConfigReader.error("source.column." + field, column, "a column name");
            }
            b.column(c, column);
        }
        return b.build();
    }

    private static OnError onError(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "fail" -> OnError.FAIL;
            case "skip" -> OnError.SKIP;
            default -> throw ConfigReader.error("source.on-error", v, "fail or skip");
        };
    }

    private static MetricSourceFactory provider(String type, Properties keys) {
        Set<String> names = new TreeSet<>(List.of("csv", "jdbc", "sample"));
        List<MetricSourceProvider> found = new ArrayList<>();
        for (MetricSourceProvider p : ServiceLoader.load(MetricSourceProvider.class,
                MonitorSources.class.getClassLoader())) {
            names.add(p.name());
            if (p.name().equals(type)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw ConfigReader.error("source.type", type, "one of " + names);
        }
        return found.get(0).create(keys);
    }
}
