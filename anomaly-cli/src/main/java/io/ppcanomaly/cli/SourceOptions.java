package io.ppcanomaly.cli;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the report comes from: a CSV file, or the built-in sample account. */
final class SourceOptions {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Report CSV: canonical headers (date, portfolio, campaign, ad_group, keyword, impressions,"
                    + " clicks, spend, sales, orders) or Amazon Ads' keyword/targeting report. Without it, the "
                    + "built-in sample account (1,000 keywords, 90 days, labelled incidents).")
    Path input;

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
        return input == null;
    }

    /**
     * @return the source
     * @throws CommandLine.ParameterException when the input file does not exist
     */
    MetricSource source(CommandLine cl) {
        if (input == null) {
            return sample(sampleGranularity()).source();
        }
        if (granularity != null) {
            throw new CommandLine.ParameterException(cl, "--granularity chooses the built-in sample; a report's "
                    + "granularity comes from its dates, got --granularity with --input " + input);
        }
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(cl, "--input must be a readable file, got '" + input + "'"
                    + (Files.isDirectory(input) ? " (a directory)" : " (no such file)"));
        }
        return CsvMetricSource.of(input, onError);
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
