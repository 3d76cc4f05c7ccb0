package io.ppcanomaly.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.incident.Incident;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        r.incidents().sinkTo(new CollectSink<>("same-results-incidents"));
        env.execute("same-results");

        List<Alert> got = CollectSink.<AlertRecord>gathered("same-results").stream().map(AlertRecord::alert).toList();
        Alerts.assertSame(got, f.expectedAlerts());
        assertThat(CollectSink.gathered("same-results-late")).isEmpty();
        assertThat(got).allMatch(a -> a.window() != null && a.metrics() != null);

        // incidents as the library groups them: the latest record per id is the incident
        Map<String, Incident> latest = new TreeMap<>();
        for (IncidentRecord ir : CollectSink.<IncidentRecord>gathered("same-results-incidents")) {
            latest.put(ir.id, ir.incident());          // one profile: records arrive in the order emitted
        }
        Map<String, String> expected = new TreeMap<>();
        for (Incident i : f.expected.incidents()) {
            expected.put(i.id(), describe(i));
        }
        Map<String, String> actual = new TreeMap<>();
        latest.forEach((id, i) -> actual.put(id, describe(i)));
        assertThat(actual).isEqualTo(expected);
        Map<String, String> alertIncident = new TreeMap<>();
        for (AlertRecord ar : CollectSink.<AlertRecord>gathered("same-results")) {
            alertIncident.put(ar.entityId + "|" + Periods.fromMillis(ar.period).toLocalDate(), ar.incidentId);
        }
        Map<String, String> expectedOwner = new TreeMap<>();
        f.expected.incidentsByAlert().forEach((ref, i) -> expectedOwner.put(ref.entityId() + "|"
                + ref.period().toLocalDate(), i.id()));
        assertThat(alertIncident).isEqualTo(expectedOwner);
    }

    private static String describe(Incident i) {
        return i.rootEntityType() + " " + i.rootEntityId() + " " + i.kind() + " " + i.start().toLocalDate() + ".."
                + i.lastPeriod().toLocalDate() + " ongoing=" + i.ongoing() + " peak=" + i.peakSeverity() + " alerts="
                + i.alerts().stream().map(a -> a.entityId() + "@" + a.period().toLocalDate()).sorted().toList()
                + " affected=" + i.affected();
    }
}
