package io.ppcanomaly.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.service.Alert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LatenessTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private record Line(String text, long position, int tie) {
    }

    @Test
    void eventsOutOfOrderWithinTheLatenessGiveTheOrderedAlertsAndLaterOnesAreCountedAside(@TempDir Path dir)
            throws Exception {
        Fixture f = Fixture.get();
        Random rnd = new Random(7);
        List<Line> lines = new ArrayList<>();
        LocalDate first = LocalDate.parse(f.lines.get(1).substring(0, 10));
        LocalDate lateDay = first.plusDays(70);
        int beyond = 0;
        for (String l : f.lines.subList(1, f.lines.size())) {
            LocalDate d = LocalDate.parse(l.substring(0, 10));
            long day = d.toEpochDay() - first.toEpochDay();
            // every event up to two days late, the periods' rows interleaved
            lines.add(new Line(l, day + rnd.nextInt(3), rnd.nextInt()));
            if (d.equals(lateDay.minusDays(10)) && beyond < 5) {
                // a zero-activity copy of a row ten days old arriving with day 70: past the three days allowed
                List<String> cells = KeywordCsv.split(l);
                for (int c = 9; c < 14; c++) {
                    cells.set(c, "0");
                }
                lines.add(new Line(String.join(",", cells), day + 10, Integer.MAX_VALUE));
                beyond++;
            }
        }
        lines.sort(Comparator.comparingLong(Line::position).thenComparingInt(Line::tie));
        Path csv = dir.resolve("shuffled.csv");
        List<String> out = new ArrayList<>();
        out.add(f.lines.get(0));
        for (Line l : lines) {
            out.add(l.text());
        }
        Files.write(csv, out, StandardCharsets.UTF_8);
        assertThat(out).isNotEqualTo(f.lines);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PipelineConfig cfg = PipelineConfig.DEFAULT.withLateness(Duration.ZERO, Duration.ofDays(3));
        DataStream<KeywordEvent> events = PpcAnomalyPipeline.csvEvents(env, csv.toString(), cfg, false);
        DataStream<ModelUpdate> models = env.fromData(List.of(ModelUpdate.of("v1", f.model)),
                TypeInformation.of(ModelUpdate.class));
        PpcAnomalyPipeline.Result r = PpcAnomalyPipeline.build(cfg, events, models);
        r.alerts().sinkTo(new CollectSink<>("late-alerts"));
        r.lateEvents().sinkTo(new CollectSink<>("late-events"));
        env.execute("lateness");

        List<Alert> got = CollectSink.<AlertRecord>gathered("late-alerts").stream().map(AlertRecord::alert).toList();
        Alerts.assertSame(got, f.expectedAlerts());
        List<EntityPeriod> late = CollectSink.gathered("late-events");
        assertThat(late).as("events past the allowed lateness, one per event").hasSize(5);
        assertThat(late).allMatch(e -> Periods.fromMillis(e.period).toLocalDate().equals(lateDay.minusDays(10)));
    }
}
