package io.ppcanomaly.bench;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.monitor.AnomalyMonitor;
import io.ppcanomaly.monitor.MonitorConfig;
import io.ppcanomaly.monitor.ProfileSettings;
import io.ppcanomaly.monitor.RunResult;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.MetricSource;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportCsvWriter;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
 * One scheduled run of the monitor on a 1,000-keyword profile with its model loaded (the daemon's steady state): take
 * the profile's lease, read its metrics, judge the new day with the live model (the ensemble's streaming member
 * learning), explain and trace the alerts, and store alerts, watermark, learnt model and ledger in one transaction on
 * the embedded H2 store. The account is the built-in sample (1,000 keywords, 90 days, its 11 incidents in the last 30,
 * the reporting outage's day with some 250 alerts among them): the set-up's first run trains the model on the first
 * 60 days and judges day 61, then each operation judges the next day, so the 5 warm-up and 24 measured operations
 * cover the rest of the incident month. Bar: &le; 1 s from reading metrics to stored alerts. {@code source=memory}
 * reads an in-memory account (a cache, a stream); {@code source=csv} reads the report CSV of all 90 days (90,000
 * rows) on every run, as a cron job over an export would.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar MonitorBenchmark -f 1 -wi 5 -i 24
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5)
@Measurement(iterations = 24)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MonitorBenchmark {

    /** Days of history before the first day judged. */
    static final int HISTORY = 60;
    /** Days the account has beyond the history: the first run and the warm-up and measured operations of a fork. */
    static final int JUDGED = 30;

    /** The account, a store with the profile's first model trained, the monitor, the next day to judge. */
    @State(Scope.Benchmark)
    public static class MonitorState {
        /** Keywords of the profile. */
        @Param({"1000"})
        public int keywords;
        /** Where the metrics come from: memory or csv. */
        @Param({"memory", "csv"})
        public String source;
        Path dir;
        AlertStore store;
        AnomalyMonitor monitor;
        ProfileId profile;
        LocalDateTime next;
        LocalDateTime last;

        /** Generates the account, trains the first model (the first run) and warms the store. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withKeywords(keywords)
                    .withDays(HISTORY + JUDGED));
            AccountData data = new AccountData(a.graph(), a.granularity(), a.keywordSeries(), LoadSummary.NONE);
            dir = Files.createTempDirectory("monitor-bench");
            MetricSource metrics;
            if (source.equals("csv")) {
                Path csv = dir.resolve("report.csv");
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    ReportCsvWriter.write(data, w);
                }
                metrics = CsvMetricSource.of(csv, OnError.FAIL);
            } else {
                metrics = InMemoryMetricSource.of("sample", data);
            }
            store = AlertStore.embedded(dir.resolve("store"));
            profile = ProfileId.of("pr-01");
            monitor = AnomalyMonitor.builder().config(MonitorConfig.builder().profile(ProfileSettings.of("pr-01"))
                    .instanceId("bench").build()).store(store).source(metrics).discoverExtensions(false).build();
            next = a.start().plusDays(HISTORY);
            last = a.end();
            RunResult first = monitor.runOnce(profile, next);
            if (first.outcome() != RunResult.Outcome.COMPLETED) {
                throw new IllegalStateException(first.summary());
            }
            next = next.plusDays(1);
        }

        /** Closes the monitor and the store and deletes the files. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            monitor.close();
            store.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One scheduled run: the next day, every keyword, explanations, root causes, stored. */
    @Benchmark
    public RunResult scheduledRun(MonitorState s) {
        if (s.next.isAfter(s.last)) {
            throw new IllegalStateException("the account has no more days to judge: at most " + (JUDGED - 1)
                    + " warm-up and measured operations per fork");
        }
        RunResult r = s.monitor.runOnce(s.profile, s.next);
        if (r.outcome() != RunResult.Outcome.COMPLETED) {
            throw new IllegalStateException(r.summary());
        }
        s.next = s.next.plusDays(1);
        return r;
    }
}
