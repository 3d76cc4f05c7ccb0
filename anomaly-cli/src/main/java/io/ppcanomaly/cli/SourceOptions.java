package io.ppcanomaly.cli;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.amazon.Attribution;
import io.ppcanomaly.service.source.format.ReportFormat;
import io.ppcanomaly.service.source.format.ReportFiles;
import io.ppcanomaly.store.source.JdbcSourceConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the report comes from: report files (a CSV, an Amazon Ads API report, Amazon Marketing Stream records),
 * or the built-in sample account.
 */
final class SourceOptions {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = {"Report file(s), the format told by content: a report CSV (canonical headers date, "
                    + "portfolio, campaign, ad_group, keyword, impressions, clicks, spend, sales, orders, or Amazon "
                    + "Ads' keyword/targeting report download), an Ads API Reporting v3 spTargeting or spSearchTerm "
                    + "report as downloaded (GZIP_JSON), or Amazon Marketing Stream sp-traffic and sp-conversion "
                    + "JSON lines. Repeat it, or give a directory, for Marketing Stream files; any file may be "
                    + "gzipped.",
                "Without it, the built-in sample account (1,000 keywords, 90 days, labelled incidents)."})
    List<Path> inputs;

    @Option(names = "--source-config", paramLabel = "FILE",
            description = "Read the metrics from the host's own performance table instead of a report: a properties "
                    + "file with source.url, source.user, source.password, source.table (or source.query), "
                    + "source.column.<field>=<column> for names that differ from the report's, and optionally "
                    + "source.granularity, source.on-error, source.fetch-size, source.history-in-database (the "
                    + "monitor's jdbc source keys; source.type=jdbc may be given).")
    Path sourceConfig;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "Read the input as csv, sp-targeting, sp-search-term or marketing-stream instead of "
                    + "telling the format by content.")
    ReportFormat format;

    @Option(names = "--attribution", paramLabel = "DAYS", converter = AttributionConverter.class,
            description = "Sales and orders window of Amazon API reports and Marketing Stream: 1, 7, 14 or 30 days "
                    + "(default: a report's first of 7, 14, 1, 30 it has; 7 for Marketing Stream).")
    Attribution attribution;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "A bad row fails the run naming line, column and value (fail, the default), or is "
                    + "skipped and counted in the output (skip).")
    OnError onError;

    @Option(names = "--profile", paramLabel = "ID", description = "Only this profile_id.")
    String profile;

    @Option(names = "--granularity", paramLabel = "day|hour", converter = Converters.Grain.class,
            description = "Without --input: the built-in daily sample (day, the default) or the hourly one (hour: "
                    + "1,000 keywords, 56 days of hours, incidents in the last 7 days). A report's own granularity "
                    + "comes from its dates.")
    Granularity granularity;

    /** The samples, each generated once for the rest of the process (they are deterministic). */
    private static final Map<Granularity, Sample> SAMPLES = new EnumMap<>(Granularity.class);

    /** The built-in sample with its labels. */
    record Sample(SampleAccount account, MetricSource source) {
    }

    /** @return whether the built-in sample is used */
    boolean usesSample() {
        return (inputs == null || inputs.isEmpty()) && sourceConfig == null;
    }

    /**
     * @return the source
     * @throws CommandLine.ParameterException when an input does not exist, or several are not all Marketing Stream
     *                                        records
     * @throws IOException                    when an input cannot be read to tell its format
     */
    MetricSource source(CommandLine cl) throws IOException {
        if (usesSample()) {
            return sample(sampleGranularity()).source();
        }
        if (sourceConfig != null) {
            return table(cl);
        }
        if (granularity != null) {
            throw new CommandLine.ParameterException(cl, "--granularity chooses the built-in sample; a report's "
                    + "granularity comes from its dates, got --granularity with --input " + inputs);
        }
        for (Path input : inputs) {
            if (!Files.isRegularFile(input) && !Files.isDirectory(input)) {
                throw new CommandLine.ParameterException(cl, "--input must be a readable file or directory, got '"
                        + input + "' (no such file)");
            }
        }
        try {
            return ReportFiles.open(inputs, format, attribution, onError);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--input: " + e.getMessage());
        }
    }

    /** @return the host's table configured by {@code --source-config} ({@link JdbcSourceConfig}) */
    private MetricSource table(CommandLine cl) throws IOException {
        if (inputs != null && !inputs.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--source-config and --input are two metric sources; give "
                    + "one, got --input " + inputs);
        }
        if (granularity != null || format != null || attribution != null) {
            throw new CommandLine.ParameterException(cl, "--granularity, --format and --attribution are for the "
                    + "sample and report files; with --source-config the file's source.* keys say it");
        }
        if (!Files.isRegularFile(sourceConfig)) {
            throw new CommandLine.ParameterException(cl, "--source-config must be a readable properties file, got '"
                    + sourceConfig + "' (no such file)");
        }
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(sourceConfig, StandardCharsets.UTF_8)) {
            file.load(r);
        }
        for (String k : file.stringPropertyNames()) {
            if (!k.startsWith("source.")) {
                throw new CommandLine.ParameterException(cl, "--source-config: key '" + k + "' in " + sourceConfig
                        + " is not a source.* key");
            }
        }
        try {
            MetricSource table = JdbcSourceConfig.ofPrefixed(file, "source.", "--source-config " + sourceConfig + ":");
            if (table == null) {
                throw new CommandLine.ParameterException(cl, "--source-config " + sourceConfig + " has no source.* "
                        + "key (source.url, source.table, …)");
            }
            return table;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** {@code csv}, {@code sp-targeting}, {@code sp-search-term} or {@code marketing-stream}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 7}, {@code 7d}, {@code 14}… */
    static final class AttributionConverter implements CommandLine.ITypeConverter<Attribution> {
        @Override
        public Attribution convert(String value) {
            try {
                return Attribution.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** @return the granularity of the built-in sample this run uses */
    Granularity sampleGranularity() {
        return granularity == null ? Granularity.DAY : granularity;
    }

    /** @return the built-in sample account of a granularity, generated once */
    static Sample sample(Granularity g) {
        synchronized (SAMPLES) {
            return SAMPLES.computeIfAbsent(g, x -> {
                SampleAccount a = SyntheticAccountGenerator.generate(x == Granularity.HOUR ? SampleConfig.HOURLY
                        : SampleConfig.DEFAULT);
                AccountData data = new AccountData(a.graph(), a.granularity(), a.keywordSeries(), LoadSummary.NONE);
                return new Sample(a, InMemoryMetricSource.of("built-in " + (x == Granularity.HOUR ? "hourly " : "")
                        + "sample (" + a.keywordIds().size() + " keywords, " + a.config().days() + " days"
                        + (x == Granularity.HOUR ? " of hours" : "") + ", seed " + a.config().seed() + ")", data));
            });
        }
    }
}
