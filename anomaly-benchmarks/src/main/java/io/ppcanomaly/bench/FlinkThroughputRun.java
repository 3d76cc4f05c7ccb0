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
import java.util.Map;
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
 *      --keywords 5000 --profiles 2 --days 50 --judged 20 --parallelism 2,1,2,1 --model-dir /tmp/flink-bench-model5k
 * </pre>
 *
 * Generates {@code profiles} accounts (the sample generator, seeds 42, 43, …; profile ids {@code pr-NN} chosen so
 * that Flink's key groups give every detection slot of the largest parallelism the same number of profiles — with
 * two profiles, {@code pr-01} and {@code pr-02} both hash to the second of two slots, and parallelism 2 would judge
 * everything on one slot; a stream of many profiles averages that out, two do not) and
 * writes them as one canonical CSV, day by day; trains the default ensemble on the first account up to
 * {@code judged} days before the end; then, per parallelism, runs the whole job (CSV source, roll-ups, detection,
 * alerts to a discarding sink) twice: once without a model (ingest only: source, keyed state, roll-ups; the model
 * broadcast for another level; left out with {@code --ingest-runs false}) and once with it. Reported: wall time of
 * both, keyword-periods judged ({@code profiles × keywords × judged}), their rate over the whole job and per slot
 * (divided by the parallelism) and over the judging alone (with-model minus ingest-only wall time); the CPU seconds
 * of each thread group during the run with detection (source chain, detection — the task thread and its judging
 * worker —, the common fork-join pool, checkpoint snapshots, the rest of Flink, and what no Java thread accounts
 * for: GC, JIT) and per keyword-period; the load average; the state per entity; and the bar's figures: per
 * parallelism the median of its warm runs (the JVM's first run is cold), the p2/p1 ratio by wall time, and by
 * process CPU per keyword-period, which a loaded machine distorts less; and a peer in the same JVM, the
 * single-machine service judging the first profile's same periods ({@code --service-peer}).
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

    @Option(names = "--ingest-runs", defaultValue = "true", arity = "1",
            description = "Also run each parallelism without detection, for the judging share (default ${DEFAULT-VALUE}).")
    boolean ingestRuns;

    @Option(names = "--service-peer", defaultValue = "true", arity = "1",
            description = "Also judge the first profile's periods with the single-machine service, the peer whose CPU "
                    + "per keyword-period the pipeline's is compared with (default ${DEFAULT-VALUE}).")
    boolean servicePeer;

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
        List<String> ids = spreadProfileIds(profiles, parallelisms.stream().mapToInt(Integer::intValue).max()
                .orElse(1));
        System.out.printf(Locale.ROOT, "profiles %s (detection slot at parallelism %d: %s)%n", ids,
                parallelisms.stream().mapToInt(Integer::intValue).max().orElse(1), ids.stream().map(id ->
                        Integer.toString(slotOf(id, parallelisms.stream().mapToInt(Integer::intValue).max()
                                .orElse(1)))).toList());
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
            String profile = ids.get(k);
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
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        List<Row> runs = new ArrayList<>();
        for (int p : parallelisms) {
            ModelUpdate otherLevel = ModelUpdate.of("bench", new java.util.Properties() {
                {
                    putAll(io.ppcanomaly.service.ModelStore.metadata(model));
                    setProperty("entity.type", "campaign");
                }
            }, update.model);
            Row ingest = ingestRuns ? run(csv, p, otherLevel) : null;
            Row full = run(csv, p, update);
            full.ingest = ingest;
            full.cold = runs.isEmpty();
            runs.add(full);
            System.out.printf(Locale.ROOT, "parallelism %d: %.1f s with detection (%.1f s ingest only), process CPU "
                    + "%.1f s, load %s%n", p, full.wall, ingest == null ? Double.NaN : ingest.wall,
                    full.cpu.get("process"), full.load);
        }
        System.out.println();
        System.out.println("| parallelism | ingest only | with detection | keyword-periods/s, whole job | per slot "
                + "| keyword-periods/s, judging (with − ingest) | alerts |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : runs) {
            System.out.printf(Locale.ROOT, "| %d%s | %s | %.1f s | %,.0f | %,.0f | %s | %,d |%n", r.parallelism,
                    r.cold ? " (cold JVM)" : "", r.ingest == null ? "–" : String.format(Locale.ROOT, "%.1f s",
                            r.ingest.wall), r.wall, judgedPeriods / r.wall, judgedPeriods / r.wall / r.parallelism,
                    r.ingest == null ? "–" : String.format(Locale.ROOT, "%,.0f", judgedPeriods / (r.wall
                            - r.ingest.wall)), r.alerts);
        }
        System.out.println();
        System.out.println("CPU seconds by thread group (runs with detection; µs per keyword-period in brackets):");
        System.out.println("| parallelism | process | " + String.join(" | ", GROUPS) + " | load average after |");
        System.out.println("|---:|---:|" + "---:|".repeat(GROUPS.size()) + "---|");
        for (Row r : runs) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "| %d%s | %s |", r.parallelism, r.cold ? " (cold)" : "",
                    cpu(r.cpu.getOrDefault("process", 0.0), judgedPeriods)));
            for (String g : GROUPS) {
                b.append(' ').append(cpu(r.cpu.getOrDefault(g, 0.0), judgedPeriods)).append(" |");
            }
            b.append(' ').append(r.load).append(" |");
            System.out.println(b);
        }
        System.out.println();
        summary(runs, judgedPeriods);
        if (servicePeer) {
            servicePeer(single, model, judgedPeriods / profiles, runs, judgedPeriods);
        }
        return 0;
    }

    /** The thread groups reported, by thread name prefix. */
    static final List<String> GROUPS = List.of("source chain", "detection", "common fork-join pool",
            "checkpoints", "flink runtime, other java", "other (GC, JIT, native)");

    static String group(String thread) {
        if (thread.startsWith("Source: keyword-csv")) {
            return "source chain";
        } else if (thread.startsWith("detect")) {
            return "detection";
        } else if (thread.startsWith("ForkJoinPool.commonPool")) {
            return "common fork-join pool";
        } else if (thread.startsWith("AsyncOperations")) {
            return "checkpoints";
        }
        return "flink runtime, other java";
    }

    private static String cpu(double seconds, long periods) {
        return String.format(Locale.ROOT, "%.1f s (%.0f)", seconds, seconds * 1e6 / periods);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** One run: wall seconds, alerts, CPU by thread group. */
    static final class Row {
        int parallelism;
        double wall;
        long alerts;
        Map<String, Double> cpu;
        String load;
        Row ingest;
        boolean cold;
    }

    /**
     * The bar's figures: per parallelism the median of its warm runs (all but the JVM's first; the first when it is
     * the only one) — keyword-periods per second per slot of the whole job, the p2/p1 ratio by wall time and by
     * the process's CPU seconds per keyword-period.
     */
    private void summary(List<Row> rows, long periods) {
        Map<Integer, List<Row>> by = new java.util.TreeMap<>();
        for (Row r : rows) {
            by.computeIfAbsent(r.parallelism, k -> new ArrayList<>()).add(r);
        }
        Map<Integer, double[]> med = new java.util.TreeMap<>();
        for (Map.Entry<Integer, List<Row>> e : by.entrySet()) {
            List<Row> warm = e.getValue().stream().filter(r -> !r.cold).toList();
            List<Row> use = warm.isEmpty() ? e.getValue() : warm;
            double wall = median(use.stream().mapToDouble(r -> r.wall).toArray());
            double proc = median(use.stream().mapToDouble(r -> r.cpu.get("process")).toArray());
            double det = median(use.stream().mapToDouble(r -> r.cpu.getOrDefault("detection", 0.0)
                    + r.cpu.getOrDefault("common fork-join pool", 0.0)).toArray());
            med.put(e.getKey(), new double[] {wall, proc, det});
            System.out.printf(Locale.ROOT, "parallelism %d (median of %d): %.2f s wall, %,.0f keyword-periods/s "
                            + "whole job = %,.0f per slot (bar >= 40,000: %s); CPU %.1f µs per keyword-period "
                            + "(process), %.1f µs (detection threads + common pool)%n", e.getKey(), use.size(), wall,
                    periods / wall, periods / wall / e.getKey(),
                    periods / wall / e.getKey() >= 40_000 ? "met" : "missed", proc * 1e6 / periods,
                    det * 1e6 / periods);
        }
        if (med.containsKey(1) && med.containsKey(2)) {
            double ratio = med.get(1)[0] / med.get(2)[0];
            System.out.printf(Locale.ROOT, "parallelism 2 / 1: %.2f× by wall time (bar >= 1.6: %s); process CPU per "
                            + "keyword-period p2/p1 = %.2f (1.0 = a second slot costs nothing extra)%n", ratio,
                    ratio >= 1.6 ? "met" : "missed", med.get(2)[1] / med.get(1)[1]);
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
    }

    /**
     * The peer: {@code AnomalyService.detect} (reading the first profile's CSV, judging the same periods with the
     * same model, explanations and root causes; the library's own parallel batches on both cores) twice, the second
     * counted; its process CPU per keyword-period against the pipeline's warm runs, measured in the same JVM under the
     * same load.
     */
    private void servicePeer(Path csv, TrainedModel model, long periods, List<Row> runs, long pipelinePeriods)
            throws Exception {
        AnomalyService service = new AnomalyService();
        double wall = 0;
        double cpu = 0;
        int alerts = 0;
        for (int k = 0; k < 2; k++) {
            try (ThreadCpu t = new ThreadCpu(FlinkThroughputRun::group)) {
                long t0 = System.nanoTime();
                alerts = service.detect(model.applyTo(DetectionRequest.builder().periods(judged).build()),
                        CsvMetricSource.of(csv, OnError.FAIL)).alerts().size();
                wall = (System.nanoTime() - t0) / 1e9;
                cpu = t.stop().get("process");
            }
        }
        double[] pipeline = runs.stream().filter(r -> !r.cold).mapToDouble(r -> r.cpu.get("process")).toArray();
        double pipe = pipeline.length == 0 ? Double.NaN : median(pipeline) * 1e6 / pipelinePeriods;
        System.out.printf(Locale.ROOT, "service peer (AnomalyService.detect, first profile, %,d keyword-periods): "
                        + "%.2f s wall, process CPU %.1f s = %.1f µs per keyword-period, %d alerts; pipeline / service "
                        + "CPU per keyword-period (warm runs' median): %.2f; load %s%n", periods, wall, cpu,
                cpu * 1e6 / periods, alerts, pipe / (cpu * 1e6 / periods), loadAverage());
    }

    /** @return the detection subtask a profile's key lands on at {@code parallelism} (default max parallelism) */
    static int slotOf(String profileId, int parallelism) {
        return org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(profileId,
                org.apache.flink.runtime.state.KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism),
                parallelism);
    }

    /**
     * @return {@code n} ids {@code pr-NN}, the lowest numbers such that profile {@code k} lands on detection slot
     *         {@code k mod parallelism}
     */
    static List<String> spreadProfileIds(int n, int parallelism) {
        List<String> out = new ArrayList<>();
        int next = 1;
        for (int k = 0; k < n; k++) {
            String id;
            do {
                id = String.format(Locale.ROOT, "pr-%02d", next++);
            } while (slotOf(id, parallelism) != k % parallelism);
            out.add(id);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static Row run(Path csv, int parallelism, ModelUpdate update) throws Exception {
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
        Row row = new Row();
        row.parallelism = parallelism;
        long t0 = System.nanoTime();
        try (ThreadCpu cpu = new ThreadCpu(FlinkThroughputRun::group)) {
            env.execute("flink-throughput-p" + parallelism);
            row.wall = (System.nanoTime() - t0) / 1e9;
            row.cpu = cpu.stop();
        }
        row.alerts = COUNT.get();
        row.load = loadAverage();
        return row;
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
