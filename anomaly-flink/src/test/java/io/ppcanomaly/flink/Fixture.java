package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportCsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One small generated account shared by the tests of this module (built once per JVM): 150 keywords over 90 days
 * with the sample's incident mix, written as the canonical report CSV; the default ensemble trained on it up to
 * 20 days before its end; and the single-machine service's backtest of those 20 days with that model — the
 * alerts every pipeline run must reproduce. A small account keeps {@code mvn verify} fast; the full sample runs
 * in the benchmark.
 */
final class Fixture {

    static final int JUDGED = 20;
    private static Fixture instance;

    final SampleAccount account;
    final Path csv;
    final List<String> lines;
    final TrainedModel model;
    final DetectionReport expected;

    private Fixture() throws IOException {
        account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(150));
        Path dir = Files.createTempDirectory("anomaly-flink-fixture");
        csv = dir.resolve("report.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            ReportCsvWriter.write(new AccountData(account.graph(), account.granularity(), account.keywordSeries(),
                    LoadSummary.NONE), w);
        }
        lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        AnomalyService service = new AnomalyService();
        LocalDateTime through = Granularity.DAY.plus(account.end(), -JUDGED);
        model = service.train(DetectionRequest.builder().asOf(through).build(), CsvMetricSource.of(csv, OnError.FAIL));
        expected = service.detect(model.applyTo(DetectionRequest.builder().periods(JUDGED).build()),
                CsvMetricSource.of(csv, OnError.FAIL));
    }

    static synchronized Fixture get() {
        if (instance == null) {
            try {
                instance = new Fixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    List<Alert> expectedAlerts() {
        return expected.alerts();
    }
}
