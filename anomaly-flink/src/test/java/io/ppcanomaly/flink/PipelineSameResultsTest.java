package io.ppcanomaly.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.service.Alert;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelineSameResultsTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    void thePipelineAlertsWhatTheServiceAlertsForTheSamePeriodsAndModel() throws Exception {
        Fixture f = Fixture.get();
        assertThat(f.expectedAlerts()).as("the fixture's backtest alerts").hasSizeGreaterThan(10);
        assertThat(f.expectedAlerts()).anyMatch(a -> !a.rootCauses().isEmpty() && a.explained());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PipelineConfig cfg = PipelineConfig.DEFAULT;
        DataStream<KeywordEvent> events = PpcAnomalyPipeline.csvEvents(env, f.csv.toString(), cfg, false);
        DataStream<ModelUpdate> models = env.fromData(List.of(ModelUpdate.of("v1", f.model)),
                TypeInformation.of(ModelUpdate.class));
        PpcAnomalyPipeline.Result r = PpcAnomalyPipeline.build(cfg, events, models);
        r.alerts().sinkTo(new CollectSink<>("same-results"));
        r.lateEvents().sinkTo(new CollectSink<>("same-results-late"));
        env.execute("same-results");

        List<Alert> got = CollectSink.<AlertRecord>gathered("same-results").stream().map(AlertRecord::alert).toList();
        Alerts.assertSame(got, f.expectedAlerts());
        assertThat(CollectSink.gathered("same-results-late")).isEmpty();
        assertThat(got).allMatch(a -> a.window() != null && a.metrics() != null);
    }
}
