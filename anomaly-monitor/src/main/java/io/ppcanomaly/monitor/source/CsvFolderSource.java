package io.ppcanomaly.monitor.source;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportFormatException;
import io.ppcanomaly.service.source.RowError;
import io.ppcanomaly.service.source.RowProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder of report CSVs read as one report: what a daily export drops (one file per day or per week, in any
 * order). Every {@code *.csv} file directly in the folder is read with {@link CsvMetricSource} (canonical or Amazon
 * Ads headers, each file its own), and the files' keywords and metrics are joined; one keyword reported for the same
 * period by two files fails naming both files. Files that do not hold the queried profile are left out (a folder
 * shared by profiles); the query's {@code until} cuts the joined series.
 *
 * <p>Immutable and thread-safe: each {@link #load} lists and reads the folder anew, so files dropped in between are
 * picked up.
 */
public final class CsvFolderSource implements MetricSource {

    private final Path folder;
    private final OnError onError;

    /**
     * @param folder  the folder
     * @param onError what to do with a bad row of any file
     */
    public CsvFolderSource(Path folder, OnError onError) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    @Override
    public String description() {
        return "report folder " + folder;
    }

    @Override
    public AccountData load(MetricQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "report folder must exist");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                    && Files.isRegularFile(f)).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new ReportFormatException(description() + " holds no .csv file");
        }
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<String, TreeMap<LocalDateTime, Metrics>> metrics = new LinkedHashMap<>();
        Map<String, Path> firstFile = new LinkedHashMap<>();
        Granularity granularity = null;
        long read = 0;
        long loaded = 0;
        long filtered = 0;
        long skipped = 0;
        Map<RowProblem, Long> by = new EnumMap<>(RowProblem.class);
        List<RowError> examples = new ArrayList<>();
        IllegalArgumentException noProfile = null;
        for (Path f : files) {
            AccountData d;
            try {
                d = CsvMetricSource.of(f, onError).load(new MetricQuery(query.profileId(), null));
            } catch (IllegalArgumentException e) {
                noProfile = e;
                continue;
            }
            if (granularity == null) {
                granularity = d.granularity();
            } else if (granularity != d.granularity()) {
                throw new ReportFormatException(f + " holds " + d.granularity().name().toLowerCase(Locale.ROOT)
                        + "ly data, the folder's first file " + granularity.name().toLowerCase(Locale.ROOT) + "ly");
            }
            for (Entity e : d.graph().entities()) {
                Entity had = entities.putIfAbsent(e.id(), e);
                if (had != null && !Objects.equals(had.parentId(), e.parentId())) {
                    throw new ReportFormatException(f + ": entity '" + e.id() + "' must sit under '" + had.parentId()
                            + "' as in " + firstFile.get(e.id()) + ", got '" + e.parentId() + "'");
                }
                firstFile.putIfAbsent(e.id(), f);
            }
            for (Map.Entry<String, MetricSeries> e : d.leafMetrics().entrySet()) {
                TreeMap<LocalDateTime, Metrics> m = metrics.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
                MetricSeries s = e.getValue();
                for (int i = 0; i < s.size(); i++) {
                    if (m.put(s.periodAt(i), s.at(i)) != null) {
                        throw new ReportFormatException(f + ": '" + e.getKey() + "' at " + s.periodAt(i)
                                + " is reported by another file of " + folder + " too");
                    }
                }
            }
            LoadSummary l = d.summary();
            read += l.rowsRead();
            loaded += l.rowsLoaded();
            filtered += l.rowsFiltered();
            skipped += l.rowsSkipped();
            l.skippedBy().forEach((k, v) -> by.merge(k, v, Long::sum));
            for (RowError r : l.examples()) {
                if (examples.size() < LoadSummary.MAX_EXAMPLES) {
                    examples.add(r);
                }
            }
        }
        if (granularity == null) {
            throw noProfile;
        }
        Map<String, MetricSeries> series = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<LocalDateTime, Metrics>> e : metrics.entrySet()) {
            MetricSeries.Builder b = MetricSeries.builder(e.getKey(), granularity);
            boolean any = false;
            for (Map.Entry<LocalDateTime, Metrics> m : e.getValue().entrySet()) {
                if (query.until() != null && m.getKey().isAfter(query.until())) {
                    filtered++;
                    loaded--;
                    continue;
                }
                b.add(m.getKey(), m.getValue());
                any = true;
            }
            if (any) {
                series.put(e.getKey(), b.build());
            }
        }
        return new AccountData(EntityGraph.of(entities.values()), granularity, series,
                new LoadSummary(read, loaded, filtered, skipped, by, examples));
    }
}
