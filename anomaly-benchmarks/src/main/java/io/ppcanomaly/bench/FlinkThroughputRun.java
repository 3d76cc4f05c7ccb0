package io.ppcanomaly.bench;

import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.flink.AlertRecord;
import io.ppcanomaly.flink.EntityTrailSizes;
import io.ppcanomaly.flink.KeywordEvent;
import io.ppcanomaly.flink.ModelUpdate;
import io.ppcanomaly.flink.PipelineConfig;
import io.ppcanomaly.flink.PpcAnomalyPipeline;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.service.source.ReportCsvWriter;
import java.io.BufferedWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Flink pipeline's throughput: keyword-periods judged per second on a local MiniCluster at parallelism 1 and
 * 2, with the default ensemble, explanations and root causes, checkpointing on.
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.FlinkThroughputRun \
 *      --keywords 5000 --profiles 2 --days 60 --judged 20 --parallelism 1,2
 * </pre>
 *
 * Generates {@code profiles} accounts (the sample generator, seeds 42, 43, …; profile ids pr-01, pr-02, …) and
 * writes them as one canonical CSV, day by day; trains the default ensemble on the first account up to
 * {@code judged} days before the end; then, per parallelism, runs the whole job (CSV source, roll-ups, detection,
 * alerts to a discarding sink) twice: once without a model (ingest only: source, roll-ups, keyed state; the model broadcast for another level) and once
 * with it. Reported: wall time of both, keyword-periods judged ({@code profiles × keywords × judged}), their rate
 * over the whole job and over the judging alone (with-model minus ingest-only wall time), and the state per entity.
 */
@Command(name = "flink-throughput-run", mixinStandardHelpOptions = true,
        description = "The Flink pipeline's keyword-periods judged per second at several parallelisms.")
public final class FlinkThroughputRun implements Callable<Integer> {

    @Option(names = "--keywords", defaultValue = "5000", description = "Keywords per profile (default ${DEFAULT-VALUE}).")
    int keywords;

    @Option(names = "--profiles", defaultValue = "2", description = "Profiles (default ${DEFAULT-VALUE}).")
    int profiles;

    @Option(names = "--days", defaultValue = "60", description = "Days of data (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--judged", defaultValue = "20", description = "Days judged at the end (default ${DEFAULT-VALUE}).")
    int judged;

    @Option(names = "--parallelism", split = ",", defaultValue = "1,2",
            description = "Parallelisms (default ${DEFAULT-VALUE}).")
    List<Integer> parallelisms;

    @Option(names = "--model-dir", description = "Keep the trained model here and reuse it when present.")
    Path modelDir;

    /** Runs the benchmark. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkThroughputRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("flink-throughput");
        Path csv = dir.resolve("report.csv");
        List<List<String>> perProfile = new ArrayList<>();
        SampleAccount first = null;
        for (int k = 0; k < profiles; k++) {
            SampleAccount a = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.withSeed(42 + k)
                    .withKeywords(keywords).withDays(days));
            if (first == null) {
                first = a;
            }
            StringWriter w = new StringWriter();
            ReportCsvWriter.write(new AccountData(a.graph(), a.granularity(), a.keywordSeries(), LoadSummary.NONE), w);
            String profile = String.format(Locale.ROOT, "pr-%02d", k + 1);
            List<String> lines = new ArrayList<>();
            for (String l : w.toString().split("\n")) {
                if (!l.startsWith("date,")) {
                    int c = l.indexOf(',');
                    int c2 = l.indexOf(',', c + 1);
                    lines.add(l.substring(0, c + 1) + profile + l.substring(c2));
                }
            }
            perProfile.add(lines);
        }
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("date,profile_id,portfolio,campaign_id,campaign,ad_group_id,ad_group,keyword_id,keyword,"
                    + "impressions,clicks,spend,sales,orders\n");
            // day by day across profiles, as a report feed arrives
            int[] at = new int[profiles];
            while (true) {
                String day = null;
                for (int k = 0; k < profiles; k++) {
                    if (at[k] < perProfile.get(k).size()) {
                        String d = perProfile.get(k).get(at[k]).substring(0, 10);
                        day = day == null || d.compareTo(day) < 0 ? d : day;
                    }
                }
                if (day == null) {
                    break;
                }
                for (int k = 0; k < profiles; k++) {
                    List<String> ls = perProfile.get(k);
                    while (at[k] < ls.size() && ls.get(at[k]).startsWith(day)) {
                        w.write(ls.get(at[k]++));
                        w.write('\n');
                        rows++;
                    }
                }
            }
        }
        Path single = dir.resolve("first.csv");
        try (BufferedWriter w = Files.newBufferedWriter(single, StandardCharsets.UTF_8)) {
            ReportCsvWriter.write(new AccountData(first.graph(), first.granularity(), first.keywordSeries(),
                    LoadSummary.NONE), w);
        }
        LocalDateTime through = Granularity.DAY.plus(first.end(), -judged);
        long t0 = System.nanoTime();
        TrainedModel model;
        if (modelDir != null && Files.exists(io.ppcanomaly.service.ModelStore.modelFile(modelDir,
                io.ppcanomaly.api.model.EntityType.KEYWORD, "ensemble"))) {
            model = io.ppcanomaly.service.ModelStore.load(modelDir, io.ppcanomaly.api.model.EntityType.KEYWORD,
                    "ensemble");
        } else {
            model = new AnomalyService().train(DetectionRequest.builder().asOf(through).build(),
                    CsvMetricSource.of(single, OnError.FAIL));
            if (modelDir != null) {
                io.ppcanomaly.service.ModelStore.save(model, modelDir);
            }
        }
        double trainS = (System.nanoTime() - t0) / 1e9;
        ModelUpdate update = ModelUpdate.of("bench", model);
        long judgedPeriods = (long) profiles * keywords * judged;
        System.out.printf(Locale.ROOT, "%d profiles x %d keywords x %d days = %,d rows; model trained in %.1f s "
                        + "(%,d windows), %,d bytes; keyword-periods judged per run: %,d%n", profiles, keywords, days,
                rows, trainS, model.trainingWindows(), update.model.length, judgedPeriods);
        System.out.printf(Locale.ROOT, "state per entity (daily defaults): %,d bytes serialized%n",
                EntityTrailSizes.bytesPerEntity(PipelineConfig.DEFAULT));
        System.out.println("| parallelism | ingest only | with detection | keyword-periods/s (whole job) "
                + "| keyword-periods/s (judging) | alerts |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int p : parallelisms) {
            ModelUpdate otherLevel = ModelUpdate.of("bench", new java.util.Properties() {
                {
                    putAll(io.ppcanomaly.service.ModelStore.metadata(model));
                    setProperty("entity.type", "campaign");
                }
            }, update.model);
            double ingest = run(csv, p, otherLevel)[0];
            double[] full = run(csv, p, update);
            double judging = full[0] - ingest;
            System.out.printf(Locale.ROOT, "| %d | %.1f s | %.1f s | %,.0f | %,.0f | %,.0f |%n", p, ingest, full[0],
                    judgedPeriods / full[0], judgedPeriods / judging, full[1]);
        }
        return 0;
    }

    private static double[] run(Path csv, int parallelism, ModelUpdate update) throws Exception {
        Configuration conf = new Configuration();
        // the learnt ensemble and the trails are several MB: checkpoints go to files, as on a cluster
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("flink-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(10_000);
        PipelineConfig cfg = PipelineConfig.DEFAULT;
        DataStream<KeywordEvent> events = PpcAnomalyPipeline.csvEvents(env, csv.toString(), cfg, true);
        DataStream<ModelUpdate> modelStream = env.fromData(List.of(update), TypeInformation.of(ModelUpdate.class));
        PpcAnomalyPipeline.Result r = PpcAnomalyPipeline.build(cfg, events, modelStream);
        r.alerts().sinkTo(new Count()).name("count");
        COUNT.set(0);
        long t0 = System.nanoTime();
        env.execute("flink-throughput-p" + parallelism);
        double s = (System.nanoTime() - t0) / 1e9;
        return new double[] {s, COUNT.get()};
    }

    /** Counts the alerts (an accumulator) and drops them. */
    static final class Count implements Sink<AlertRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<AlertRecord> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(AlertRecord element, Context ctx) {
                    COUNT.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();
}
