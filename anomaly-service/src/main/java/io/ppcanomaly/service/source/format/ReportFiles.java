package io.ppcanomaly.service.source.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.InputFiles;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.amazon.AdsReportSource;
import io.ppcanomaly.service.source.amazon.AdsReportType;
import io.ppcanomaly.service.source.amazon.Attribution;
import io.ppcanomaly.service.source.amazon.MarketingStreamSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Opens report files as a {@link MetricSource}, telling their format by their content — not their names:
 * <ul>
 *   <li>gzip is undone first, whatever the format;</li>
 *   <li>text starting with {@code [} is an Ads API Reporting v3 report (a JSON array of rows): a search term
 *       report when its first row has {@code searchTerm}, else a targeting report;</li>
 *   <li>text starting with <code>{</code> is Amazon Marketing Stream JSON lines (sp-traffic, sp-conversion);</li>
 *   <li>anything else is a report CSV.</li>
 * </ul>
 * A directory stands for every regular, non-hidden file below it, in path order (as Amazon Data Firehose lays out
 * a stream's files). Several files must all be Marketing Stream records, the only format delivered in pieces.
 * Stateless.
 */
public final class ReportFiles {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Bytes looked at to find the first non-blank character. */
    private static final int SNIFF = 1 << 16;

    private ReportFiles() {
    }

    /**
     * Tells a file's format by its content.
     *
     * @throws IOException when the file cannot be read
     */
    public static ReportFormat detect(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream raw = InputFiles.open(file)) {
            BufferedInputStream in = new BufferedInputStream(raw, SNIFF);
            in.mark(SNIFF);
            int c = firstNonBlank(in);
            in.reset();
            if (c == '{') {
                return ReportFormat.MARKETING_STREAM;
            }
            if (c != '[') {
                return ReportFormat.CSV;
            }
            return reportType(in) == AdsReportType.SP_SEARCH_TERM ? ReportFormat.SP_SEARCH_TERM
                    : ReportFormat.SP_TARGETING;
        }
    }

    private static int firstNonBlank(InputStream in) throws IOException {
        int c;
        int read = 0;
        do {
            c = in.read();
            read++;
            if (read == 1 && c == 0xEF) {   // a UTF-8 byte-order mark
                in.read();
                in.read();
                c = in.read();
            }
        } while (c >= 0 && Character.isWhitespace(c) && read < SNIFF - 4);
        return c;
    }

    /** @return the type the first row of a report array shows; a targeting report when it has no row */
    private static AdsReportType reportType(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT) {
                return AdsReportType.SP_TARGETING;
            }
            List<String> fields = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                fields.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            return fields.contains("searchTerm") ? AdsReportType.SP_SEARCH_TERM : AdsReportType.SP_TARGETING;
        } catch (JsonProcessingException e) {
            return AdsReportType.SP_TARGETING;   // the report source names the JSON error when it loads
        }
    }

    /**
     * Opens files (or directories of files) as one source.
     *
     * @param paths       the files; a directory stands for the files below it
     * @param format      the format, or {@code null} to tell it by each file's content
     * @param attribution the sales window of Amazon reports and streams, or {@code null} for the default (the
     *                    first of 7, 14, 1, 30 days a report has; 7 days for Marketing Stream)
     * @throws IllegalArgumentException when there is no file, or several files are not all Marketing Stream
     *                                  records, naming the first that is not
     * @throws IOException              when a file or directory cannot be read
     */
    public static MetricSource open(List<Path> paths, ReportFormat format, Attribution attribution, OnError onError)
            throws IOException {
        Objects.requireNonNull(onError, "onError");
        List<Path> files = expand(paths);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("input must name at least one file, got " + paths
                    + (paths.isEmpty() ? "" : " (empty directories)"));
        }
        List<ReportFormat> formats = new ArrayList<>();
        for (Path f : files) {
            formats.add(format != null ? format : detect(f));
        }
        if (files.size() > 1) {
            for (int i = 0; i < files.size(); i++) {
                if (formats.get(i) != ReportFormat.MARKETING_STREAM) {
                    throw new IllegalArgumentException("several input files must all be Marketing Stream JSON lines "
                            + "(the only format delivered in pieces), got " + formats.get(i).wireName() + " for '"
                            + files.get(i) + "'");
                }
            }
        }
        Path file = files.get(0);
        return switch (formats.get(0)) {
            case CSV -> CsvMetricSource.of(file, onError);
            case SP_TARGETING -> AdsReportSource.of(file, AdsReportType.SP_TARGETING, attribution, onError);
            case SP_SEARCH_TERM -> AdsReportSource.of(file, AdsReportType.SP_SEARCH_TERM, attribution, onError);
            case MARKETING_STREAM -> MarketingStreamSource.of(files,
                    attribution == null ? Attribution.DAY_7 : attribution, onError);
        };
    }

    /** @return the files: each path itself, or the regular non-hidden files below a directory, in path order */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            Objects.requireNonNull(p, "path");
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }
}
