package io.ppcanomaly.bench.store;

import io.ppcanomaly.service.source.AccountData;
import java.io.IOException;
import java.sql.SQLException;
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
        PerformanceBench bench;

        /** Fills the table, once per trial. */
        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            bench = PerformanceBench.open(db, keywords, days, profiles, 0);
        }

        /** Drops the database. */
        @TearDown(Level.Trial)
        public void tearDown() {
            bench.close();
        }
    }

    /** One profile's 42 days up to the last, from the table. */
    @Benchmark
    public AccountData jdbc(Tables t) throws IOException {
        return t.bench.jdbc().load(t.bench.query());
    }

    /** The same rows from CSV text in memory: the peer. */
    @Benchmark
    public AccountData csv(Tables t) throws IOException {
        return t.bench.csv().load(t.bench.csvQuery());
    }
}
