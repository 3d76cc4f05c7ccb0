package io.ppcanomaly.bench;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.InMemoryMetricSource;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;

/**
 * The whole workflow for one period of the built-in 1,000-keyword sample account, models already fitted (the
 * daily job, or the hourly one): load, features, score every keyword with the default ensemble, explain each
 * alert (Monte-Carlo Shapley), root-cause analysis, severity, report. Bar: &lt;= 1 s per period on 2 cores, for
 * days and for hours. {@code granularity=day} judges the daily sample's last day; {@code granularity=hour} judges
 * 20:00 of the hourly sample's last day (the evening peak: the most traffic, the longest seasonal baseline of
 * 4 weeks of hours). The daily run is the hourly one's peer. No JVM peer.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar WorkflowBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * java -jar anomaly-benchmarks/target/benchmarks.jar WorkflowBenchmark -p granularity=hour -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WorkflowBenchmark {

    /** The sample account, a model fitted on every day before the last, and the request for the last day. */
    @State(Scope.Benchmark)
    public static class WorkflowState {
        /** Keywords in the account. */
        @Param({"1000"})
        public int keywords;
        /** Detector provider fitted and scored. */
        @Param({"ensemble"})
        public String detector;
        /** {@code day}: the daily sample; {@code hour}: the hourly sample. */
        @Param({"day", "hour"})
        public String granularity;
        AnomalyService service;
        InMemoryMetricSource source;
        DetectionRequest request;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            boolean hourly = "hour".equals(granularity);
            SampleConfig config = (hourly ? SampleConfig.HOURLY : SampleConfig.DEFAULT).withKeywords(keywords);
            SampleAccount account = SyntheticAccountGenerator.generate(config);
            source = InMemoryMetricSource.of(account.graph(), account.granularity(), account.keywordSeries());
            service = new AnomalyService();
            LocalDateTime judged = hourly ? account.end().withHour(20) : account.end();
            TrainedModel model = service.train(DetectionRequest.builder().detector(detector)
                    .asOf(account.granularity().plus(judged, -1)).build(), source);
            request = model.applyTo(DetectionRequest.builder().asOf(judged).build());
        }
    }

    /** One period, every keyword, with explanations and root causes. */
    @Benchmark
    public DetectionReport detectOnePeriod(WorkflowState s) throws IOException {
        return s.service.detect(s.request, s.source);
    }
}
