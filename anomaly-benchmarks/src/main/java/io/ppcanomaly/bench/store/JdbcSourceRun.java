package io.ppcanomaly.bench.store;

import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.MetricSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JDBC metric source's bar (issue 12: one profile's 42 days of 1,000 keywords ≤ 200 ms on PostgreSQL) as a
 * documented run that prints what the bar needs: per load, wall time (median, p90, max), the CPU of the loading
 * thread, of the whole JVM (the source's parallel series building and the CSV peer's parsing run on the common
 * pool) and, on PostgreSQL, of the server's processes — beside the CSV source reading the same rows from memory,
 * loads of the two alternating so both see the same machine. CPU time is what a loaded machine does not inflate;
 * the JDBC/CSV ratio is what survives the noise. It also prints the plan of the query the source runs
 * ({@code EXPLAIN (ANALYZE, BUFFERS)} on PostgreSQL, {@code EXPLAIN ANALYZE} on H2).
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.store.JdbcSourceRun \
 *      --db postgresql,h2 --repeat 100
 * </pre>
 */
public final class JdbcSourceRun {

    private JdbcSourceRun() {
    }

    /**
     * Fills the table, warms up, measures and prints a Markdown table per database.
     *
     * @param args {@code --db postgresql,h2 --repeat N --warmup N --keywords N --days N --profiles N --fetch N
     *             --history N} (the last, the days each load asks for: {@link
     *             io.ppcanomaly.service.source.MetricQuery#history()}; 0, the default, for all of them)
     * @throws Exception when a database fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, String> a = new HashMap<>(Map.of("--db", "postgresql,h2", "--repeat", "100", "--warmup", "20",
                "--keywords", "1000", "--days", "42", "--profiles", "10", "--fetch", "0", "--history", "0"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int repeat = Integer.parseInt(a.get("--repeat"));
        int warmup = Integer.parseInt(a.get("--warmup"));
        for (String db : a.get("--db").split(",")) {
            try (PerformanceBench b = PerformanceBench.open(db, Integer.parseInt(a.get("--keywords")),
                    Integer.parseInt(a.get("--days")), Integer.parseInt(a.get("--profiles")),
                    Integer.parseInt(a.get("--fetch")))) {
                b.history(Integer.parseInt(a.get("--history")));
                System.out.printf(Locale.ROOT, "%n### %s: one profile of %d, %,d rows loaded per call (%d warm-up "
                        + "loads each, then %d alternating; load average %s)%n%n", db, b.profiles(), b.rowsPerLoad(),
                        warmup, repeat, loadAverage());
                long t0 = System.nanoTime();
                b.jdbc().load(b.query());
                long t1 = System.nanoTime();
                b.csv().load(b.csvQuery());
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "First loads in this JVM (cold code; on PostgreSQL text transfer until "
                        + "the driver prepares the statement on the server at the sixth): JDBC %.1f ms, CSV %.1f ms%n%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6);
                for (int i = 1; i < warmup; i++) {
                    b.jdbc().load(b.query());
                    b.csv().load(b.csvQuery());
                }
                Sample jdbc = new Sample(repeat);
                Sample csv = new Sample(repeat);
                for (int i = 0; i < repeat; i++) {
                    jdbc.time(b.jdbc(), b, true);
                    csv.time(b.csv(), b, false);
                }
                System.out.println("| source | loads | median | p90 | max | CPU/load: loading thread | CPU/load: JVM "
                        + "| CPU/load: server |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                jdbc.print("JdbcMetricSource", db);
                csv.print("CsvMetricSource (same rows, in memory)", null);
                System.out.printf(Locale.ROOT, "%nJDBC / CSV: median wall %.2f×, JVM+server CPU %.2f×; load average "
                        + "after: %s%n", jdbc.median() / csv.median(), jdbc.totalCpu() / csv.totalCpu(),
                        loadAverage());
                System.out.printf(Locale.ROOT, "CPU per JDBC load on both sides (JVM + server): %.1f ms — the client "
                        + "and the server mostly take turns (the driver fetches the next rows when the source has used "
                        + "the last), so on an idle machine a load's wall time is about this; the bar is 200 ms%n",
                        jdbc.totalCpu());
                explain(b);
            }
        }
    }

    /** @return the 1-, 5- and 15-minute load averages, or "n/a" off Linux */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void explain(PerformanceBench b) throws Exception {
        System.out.printf(Locale.ROOT, "%nPlan of the source's query (as the owner; literals for the parameters):%n%n```%n");
        String explain = b.kind() == BenchDatabase.Kind.POSTGRESQL ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ";
        try (Connection c = b.owner().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(explain + b.explainableSql())) {
            while (rs.next()) {
                for (String line : rs.getString(1).split("\n")) {
                    // H2 prints the whole statement: keep its comments (the index used, the rows scanned)
                    if (b.kind() == BenchDatabase.Kind.POSTGRESQL || line.contains("/*") || line.contains("scanCount")) {
                        System.out.println(line);
                    }
                }
            }
        }
        System.out.println("```");
    }

    /** Timings of one source's loads. */
    private static final class Sample {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final double[] wall;
        int n;
        double threadCpu;
        double jvmCpu;
        double serverCpu;
        boolean hasServer;

        Sample(int repeat) {
            wall = new double[repeat];
        }

        void time(MetricSource source, PerformanceBench b, boolean isJdbc) throws Exception {
            long c0 = CpuClock.thread();
            long p0 = OS.getProcessCpuTime();
            double s0 = CpuClock.children();
            long t0 = System.nanoTime();
            AccountData d = source.load(isJdbc ? b.query() : b.csvQuery());
            long t1 = System.nanoTime();
            threadCpu += (CpuClock.thread() - c0) / 1e6;
            jvmCpu += (OS.getProcessCpuTime() - p0) / 1e6;
            serverCpu += CpuClock.children() - s0;
            hasServer = isJdbc && b.kind() == BenchDatabase.Kind.POSTGRESQL;
            if (d.summary().rowsLoaded() != b.rowsPerLoad()) {
                throw new IllegalStateException("loaded " + d.summary().rowsLoaded() + " rows, expected "
                        + b.rowsPerLoad());
            }
            wall[n++] = (t1 - t0) / 1e6;
        }

        double median() {
            double[] v = Arrays.copyOf(wall, n);
            Arrays.sort(v);
            return v[n / 2];
        }

        double totalCpu() {
            return (jvmCpu + (hasServer ? serverCpu : 0)) / n;
        }

        void print(String name, String db) {
            double[] v = Arrays.copyOf(wall, n);
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "| %s%s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |%n",
                    name, db == null ? "" : " (" + db + ")", n, v[n / 2], v[(int) Math.ceil(n * 0.9) - 1], v[n - 1],
                    threadCpu / n, jvmCpu / n, hasServer ? String.format(Locale.ROOT, "%.1f ms", serverCpu / n)
                            : db == null ? "—" : "(in the JVM)");
        }
    }
}
