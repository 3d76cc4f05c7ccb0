package io.ppcanomaly.bench;

import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseAnalyzer;
import io.ppcanomaly.api.RootCauseAnalyzers;
import io.ppcanomaly.api.RootCauseInput;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Root-cause analysis ('hierarchy' provider) on a generated 1,000,000-keyword account with 10,000 anomalous
 * keywords (whole campaigns losing impressions, whole ad groups with a CPC rise, scattered keyword CPC spikes),
 * metrics for every keyword the anomalies touch. Bar: &lt;= 1 s on 2 cores. No JVM peer exists.
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar RootCauseBenchmark -f 1 -wi 3 -i 5
 * </pre>
 * (smaller graphs, to see that time follows the anomalies, not the graph: -p keywords=100000)
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RootCauseBenchmark {

    /** The account and the analyzer. */
    @State(Scope.Benchmark)
    public static class AccountState {
        /** Keywords in the account. */
        @Param({"1000000"})
        public int keywords;
        /** Anomalous keywords analysed. */
        @Param({"10000"})
        public int anomalous;
        RootCauseAnalyzer analyzer;
        RootCauseInput input;

        /** Builds the data and models from fixed seeds, once per trial. */
        @Setup(Level.Trial)
        public void setUp() {
            LargeAccount account = LargeAccount.generate(keywords, anomalous, BenchData.SEED);
            input = new RootCauseInput(account.graph(), account.anomalies(), account.metrics());
            analyzer = RootCauseAnalyzers.create("hierarchy", null);
        }
    }

    /** One analysis of all the anomalies. */
    @Benchmark
    public List<RootCause> analyze(AccountState s) {
        return s.analyzer.analyze(s.input);
    }
}
