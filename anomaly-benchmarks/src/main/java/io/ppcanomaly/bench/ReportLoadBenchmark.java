package io.ppcanomaly.bench;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.CsvReader;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.ReportCsvWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a keyword report CSV: the file {@code sample --keywords 1222 --days 120} writes (146,640 rows, 21 MB,
 * seed 42), read by {@link CsvMetricSource} into entities and series. Bar (issue 18): &le; 300 ms warm. Floors in
 * the same run: Jackson's tokenizer alone over the same file ({@link CsvReader}, no values parsed) and the JDK
 * reading its lines. {@code detectOnePeriod} is the whole of a daily run with a cheap saved model (Half-Space
 * Trees, no explanations or root causes): load, roll-ups, features and scoring of 1,222 keywords.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar ReportLoadBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReportLoadBenchmark {

    /** The report file, written once per trial. */
    @State(Scope.Benchmark)
    public static class ReportState {
        /** Keywords in the account (1,222 × 120 days = 146,640 rows). */
        @Param({"1222"})
        public int keywords;
        /** Days in the account. */
        @Param({"120"})
        public int days;
        Path file;
        SampleAccount account;

        /** Writes the report exactly as the CLI's {@code sample} command does. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT
                    .withSeed(SampleConfig.DEFAULT_SEED).withKeywords(keywords).withDays(days));
            file = Files.createTempFile("report-" + keywords + "x" + days + "-", ".csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                ReportCsvWriter.write(new AccountData(account.graph(), account.granularity(),
                        account.keywordSeries(), LoadSummary.NONE), w);
            }
        }

        /** Deletes the file. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** A Half-Space Trees model fitted on every day but the last, for the whole-run benchmark only. */
    @State(Scope.Benchmark)
    public static class ModelState {
        AnomalyService service;
        DetectionRequest request;

        /** Fits the model from the report. */
        @Setup(Level.Trial)
        public void setUp(ReportState r) throws IOException {
            service = new AnomalyService();
            TrainedModel model = service.train(DetectionRequest.builder().detector("half-space-trees")
                    .asOf(r.account.end().minusDays(1)).build(), CsvMetricSource.of(r.file));
            request = model.applyTo(DetectionRequest.builder().explain(false).rootCause(false).build());
        }
    }

    /** The file into entities and series: what the bar measures. */
    @Benchmark
    public AccountData load(ReportState s) throws IOException {
        return CsvMetricSource.of(s.file).load(MetricQuery.ALL);
    }

    /** Floor: Jackson's tokenizer alone (records into lists of strings, nothing parsed), one thread. */
    @Benchmark
    public long tokenizeOnly(ReportState s) throws IOException {
        long fields = 0;
        try (CsvReader r = new CsvReader(Files.newBufferedReader(s.file, StandardCharsets.UTF_8), ',')) {
            List<String> f;
            while ((f = r.next()) != null) {
                fields += f.size();
            }
        }
        return fields;
    }

    /** Floor: the JDK reading the file's lines. */
    @Benchmark
    public long readLines(ReportState s) throws IOException {
        long chars = 0;
        try (BufferedReader r = Files.newBufferedReader(s.file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                chars += line.length();
            }
        }
        return chars;
    }

    /** A whole daily run with a saved Half-Space Trees model: load, roll-ups, features, scoring. */
    @Benchmark
    public DetectionReport detectOnePeriod(ReportState r, ModelState m) throws IOException {
        return m.service.detect(m.request, CsvMetricSource.of(r.file));
    }
}
