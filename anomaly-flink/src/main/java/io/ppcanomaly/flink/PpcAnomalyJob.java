package io.ppcanomaly.flink;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.service.ModelStore;
import io.ppcanomaly.service.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's entry point for {@code flink run}: reads a keyword report CSV, takes the models saved with
 * {@code ModelStore} (one per level, version id = the model's training reach), writes alerts as JSON lines and,
 * optionally, to an embedded alert store.
 *
 * <pre>
 * flink run -c io.ppcanomaly.flink.PpcAnomalyJob anomaly-flink-job.jar \
 *   --input report.csv --models models/ --output alerts/ [--store store-dir/] [--levels keyword,campaign]
 *   [--detector ensemble] [--hourly] [--multi-profile] [--lateness-periods 2] [--out-of-order-periods 0]
 *   [--checkpoint-ms 60000]
 * </pre>
 */
public final class PpcAnomalyJob {

    private PpcAnomalyJob() {
    }

    /**
     * Runs the job.
     *
     * @throws IllegalArgumentException for a missing or unknown argument, naming it
     * @throws Exception                when the job fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        String input = required(a, "input");
        String models = required(a, "models");
        String output = required(a, "output");
        Granularity g = a.containsKey("hourly") ? Granularity.HOUR : Granularity.DAY;
        List<EntityType> levels = new ArrayList<>();
        for (String l : a.getOrDefault("levels", "keyword").split(",")) {
            levels.add(EntityType.parse(l.strip()));
        }
        long len = Periods.length(g);
        PipelineConfig cfg = PipelineConfig.DEFAULT.withLevels(levels).withLateness(
                Duration.ofMillis(len * Long.parseLong(a.getOrDefault("out-of-order-periods", "0"))),
                Duration.ofMillis(len * Long.parseLong(a.getOrDefault("lateness-periods", "2"))));
        cfg = new PipelineConfig(g, cfg.levels(), cfg.outOfOrderness(), cfg.allowedLateness(), cfg.silentPeriods(),
                cfg.explain(), cfg.rootCause(), cfg.seed(), cfg.startLookback(), cfg.confirmPeriod(), cfg.minScore(),
                cfg.explainer(), cfg.rootCauseAnalyzer());
        List<ModelUpdate> updates = new ArrayList<>();
        String detector = a.getOrDefault("detector", "ensemble");
        for (EntityType level : cfg.levels()) {
            updates.add(load(Path.of(models), level, detector));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(Long.parseLong(a.getOrDefault("checkpoint-ms", "60000")));
        DataStream<KeywordEvent> events = PpcAnomalyPipeline.csvEvents(env, input, cfg, a.containsKey("multi-profile"));
        DataStream<ModelUpdate> modelStream = env.fromData(updates, TypeInformation.of(ModelUpdate.class));
        PpcAnomalyPipeline.Result r = PpcAnomalyPipeline.build(cfg, events, modelStream);
        r.alerts().sinkTo(FileSink.forRowFormat(new org.apache.flink.core.fs.Path(output), new AlertJsonEncoder(g))
                .build()).name("alerts-json").uid("alerts-json");
        if (a.containsKey("store")) {
            r.alerts().sinkTo(AlertStoreSink.embedded(a.get("store"), g)).name("alert-store").uid("alert-store");
        }
        env.execute("ppc-anomaly");
    }

    private static ModelUpdate load(Path dir, EntityType level, String detector) throws IOException {
        TrainedModel m = ModelStore.load(dir, level, detector);
        return ModelUpdate.of(level.wireName() + "@" + m.trainedThrough(), m);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException("argument must start with --, got '" + k + "'");
            }
            String name = k.substring(2);
            boolean flag = name.equals("hourly") || name.equals("multi-profile");
            if (flag) {
                out.put(name, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("argument --" + name + " must have a value, got none");
                }
                out.put(name, args[++i]);
            }
        }
        return out;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("argument --" + name + " must be given, got none");
        }
        return v;
    }
}
