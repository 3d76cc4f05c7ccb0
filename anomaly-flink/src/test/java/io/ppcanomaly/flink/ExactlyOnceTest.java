package io.ppcanomaly.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertPage;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoredAlert;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExactlyOnceTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    void aFailureMidStreamRestartsFromTheCheckpointAndLosesOrDuplicatesNoAlert(@TempDir Path dir) throws Exception {
        Fixture f = Fixture.get();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        PipelineConfig cfg = PipelineConfig.DEFAULT;
        FailOnce.FAILED.set(false);
        FailOnce.CHECKPOINTS.set(0);
        // past the periods within the model's training: the failure lands while alerts are being judged
        int after = f.lines.size() * 80 / 90;
        DataStream<KeywordEvent> events = PpcAnomalyPipeline.csvEvents(env, f.csv.toString(), cfg, false)
                .map(new FailOnce(after)).name("fail-once");
        DataStream<ModelUpdate> models = env.fromData(List.of(ModelUpdate.of("v1", f.model)),
                TypeInformation.of(ModelUpdate.class));
        PpcAnomalyPipeline.Result r = PpcAnomalyPipeline.build(cfg, events, models);
        Path out = dir.resolve("alerts");
        Path store = dir.resolve("store");
        r.alerts().sinkTo(FileSink.forRowFormat(new org.apache.flink.core.fs.Path(out.toUri()),
                new AlertJsonEncoder(cfg.granularity())).build());
        r.alerts().sinkTo(AlertStoreSink.embedded(store.toString(), cfg.granularity()));
        r.alerts().sinkTo(new CollectSink<>("exactly-once-raw"));
        env.execute("exactly-once");

        assertThat(FailOnce.FAILED).as("the failure was injected").isTrue();
        // the at-least-once collector saw replayed alerts again: proof the job restarted mid-stream
        List<AlertRecord> raw = CollectSink.gathered("exactly-once-raw");
        assertThat(raw.size()).isGreaterThanOrEqualTo(f.expectedAlerts().size());

        List<String> lines = committedLines(out);
        List<String> keys = new ArrayList<>();
        for (String l : lines) {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(new StringReader(l));
            keys.add(node.get("entity_type").asText() + "|" + node.get("entity_id").asText() + "|"
                    + node.get("period").asText());
        }
        List<String> expectedKeys = f.expectedAlerts().stream().map(Alerts::key).sorted().toList();
        assertThat(keys.stream().sorted().toList()).as("committed alert lines: none lost, none duplicated")
                .isEqualTo(expectedKeys);

        try (AlertStore s = AlertStore.embedded(store)) {
            AlertPage p = s.active(ProfileId.of(f.account.graph().roots().get(0).id()), AlertFilter.builder().build(),
                    Page.first(Page.MAX_LIMIT));
            assertThat(p.hasMore()).isFalse();
            List<String> stored = new ArrayList<>();
            for (StoredAlert a : p.alerts()) {
                for (var d = a.firstPeriod(); !d.isAfter(a.period()); d = d.plusDays(1)) {
                    stored.add(a.entityType().wireName() + "|" + a.entityId() + "|" + d.toLocalDate());
                }
            }
            assertThat(stored.stream().sorted().toList()).as("stored alert periods: none lost, none duplicated")
                    .isEqualTo(expectedKeys);
        }
    }

    private static List<String> committedLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                for (String l : Files.readAllLines(p)) {
                    if (!l.isBlank()) {
                        out.add(l);
                    }
                }
            }
        }
        return out;
    }
}
