package io.ppcanomaly.monitor.source;

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
import io.ppcanomaly.store.source.JdbcSourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *   <tr><td>{@code source.url}, {@code source.table} … (jdbc)</td><td>the host's own performance table: the keys
 *       of {@link JdbcSourceConfig}</td></tr>
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
                MetricSource s = JdbcSourceConfig.of(keys, "source.", "monitor config");
                return p -> s;
            }
            default -> f = provider(type, keys);
        }
        if (!"csv".equalsIgnoreCase(type) && !"sample".equalsIgnoreCase(type)) {
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
