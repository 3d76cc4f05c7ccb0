package io.ppcanomaly.bench.store;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import io.ppcanomaly.store.source.JdbcMetricSource;
import io.ppcanomaly.store.testing.PerformanceTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
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
 * The JDBC metric source: loading one profile's 42 days of 1,000 keywords (42,000 rows) from a host's performance
 * table that also holds nine other profiles of the same size (420,000 rows, an index on {@code (profile_id,
 * date)}), up to the last day. Bar: ≤ 200 ms on PostgreSQL. Peer in the same run: the CSV source reading the same
 * 42,000 rows from a CSV held in memory (no disk).
 *
 * <pre>
 * java -jar anomaly-benchmarks/target/benchmarks.jar JdbcMetricSourceBenchmark -f 1 -wi 5 -i 10 -w 2s -r 2s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcMetricSourceBenchmark {

    /** The table in a database, and the same rows as CSV text. */
    @State(Scope.Benchmark)
    public static class Tables {
        /** h2 (embedded file database) or postgresql. */
        @Param({"postgresql", "h2"})
        public String db;
        /** Keywords per profile. */
        @Param({"1000"})
        public int keywords;
        /** Days per profile. */
        @Param({"42"})
        public int days;
        /** Profiles in the table; the load reads one. */
        @Param({"10"})
        public int profiles;
        BenchDatabase database;
        JdbcMetricSource source;
        CsvMetricSource csv;
        MetricQuery query;

        /** Fills the table from a generated account, once per trial. */
        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            database = BenchDatabase.open(db);
            SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(keywords)
                    .days(days).build());
            List<PerformanceTable.Row> one = null;
            try (Connection c = database.owner().getConnection()) {
                PerformanceTable.create(c, "ppc_keyword_daily");
                for (int p = 0; p < profiles; p++) {
                    List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "prof-" + p, days);
                    PerformanceTable.insert(c, "ppc_keyword_daily", rows);
                    if (p == profiles / 2) {
                        one = rows;
                    }
                }
            }
            database.execute(database.kind() == BenchDatabase.Kind.POSTGRESQL ? "ANALYZE ppc_keyword_daily"
                    : "ANALYZE");
            source = JdbcMetricSource.builder(database.owner()).table("ppc_keyword_daily").build();
            csv = CsvMetricSource.ofText("perf.csv", PerformanceTable.csv(one), OnError.FAIL);
            LocalDateTime last = account.keywordSeries().values().iterator().next().end();
            query = new MetricQuery("prof-" + profiles / 2, last);
        }

        /** Drops the database. */
        @TearDown(Level.Trial)
        public void tearDown() {
            database.close();
        }
    }

    /** One profile's 42 days up to the last, from the table. */
    @Benchmark
    public AccountData jdbc(Tables t) throws IOException {
        return t.source.load(t.query);
    }

    /** The same rows from CSV text in memory: the peer. */
    @Benchmark
    public AccountData csv(Tables t) throws IOException {
        return t.csv.load(MetricQuery.ALL);
    }
}
