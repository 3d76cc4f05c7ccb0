package io.ppcanomaly.cli;

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

    /** The sample, once generated, for the rest of the process (it is deterministic). */
    private static volatile Sample sample;

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
            return sample().source();
        }
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(cl, "--input must be a readable file, got '" + input + "'"
                    + (Files.isDirectory(input) ? " (a directory)" : " (no such file)"));
        }
        return CsvMetricSource.of(input, onError);
    }

    /** @return the built-in sample account, generated once */
    static Sample sample() {
        Sample s = sample;
        if (s == null) {
            synchronized (SourceOptions.class) {
                s = sample;
                if (s == null) {
                    SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT);
                    AccountData data = new AccountData(a.graph(), a.granularity(), a.keywordSeries(),
                            LoadSummary.NONE);
                    s = new Sample(a, InMemoryMetricSource.of("built-in sample (" + a.keywordIds().size()
                            + " keywords, " + a.config().days() + " days, seed " + a.config().seed() + ")", data));
                    sample = s;
                }
            }
        }
        return s;
    }
}
