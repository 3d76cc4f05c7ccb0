package io.ppcanomaly.cli;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.ReportCsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small report CSVs for the command tests. */
final class Reports {

    static final SampleConfig SMALL = SampleConfig.DEFAULT.toBuilder().keywords(120).days(45).incidentDays(10)
            .cpcSpikes(1).ctrCollapses(1).conversionDrops(0).budgetExhaustions(1).reportingOutages(0).build();

    private Reports() {
    }

    /** Writes a small generated account as a canonical report CSV. */
    static SampleAccount write(Path file) throws IOException {
        SampleAccount a = SyntheticAccountGenerator.generate(SMALL);
        try (Writer w = Files.newBufferedWriter(file)) {
            ReportCsvWriter.write(new AccountData(a.graph(), a.granularity(), a.keywordSeries(), LoadSummary.NONE), w);
        }
        return a;
    }

    /** The test-only detector and Shapley explainer of the service's test-jar: fast and exact. */
    static final String[] FAST = {"--detector", "test-robust-z"};
}
