package io.ppcanomaly.bench;

import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import io.ppcanomaly.service.source.OnError;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One load of a report CSV ({@link CsvMetricSource}) in this (fresh) JVM: wall time, the calling thread's CPU
 * time, and every thread's CPU time by name — compiler threads, the garbage collector and the fork-join pool included — read from Linux's
 * {@code /proc/self/task}. On a shared machine wall time says little; the calling thread's CPU time is the load's
 * critical path, and the other threads show what JIT compilation and collection cost a cold start.
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.ColdLoadRun report.csv [repeats]
 * </pre>
 */
public final class ColdLoadRun {

    private ColdLoadRun() {
    }

    /**
     * @param args the report CSV, then the number of loads (default 1: only the first is cold)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ColdLoadRun FILE [repeats]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 1; i <= repeats; i++) {
            Map<String, Long> before = threadCpuMs();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            AccountData data = CsvMetricSource.of(file, OnError.FAIL).load(MetricQuery.ALL);
            long wall = (System.nanoTime() - t0) / 1_000_000;
            long cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            StringBuilder threads = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> e : threadCpuMs().entrySet()) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (d > 0) {
                    total += d;
                    threads.append(' ').append(e.getKey()).append('=').append(d);
                }
            }
            System.out.printf(Locale.ROOT, "load %d: %,d rows, %d ms wall, calling thread %d ms CPU, all threads %d ms "
                    + "CPU:%s; load average %s%n", i, data.summary().rowsLoaded(), wall, cpu, total, threads,
                    loadAverage());
        }
    }

    /** @return CPU milliseconds (user + system) per thread name, numbered threads of one kind summed */
    private static Map<String, Long> threadCpuMs() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        long tick = 10;   // USER_HZ is 100 on Linux
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("[#\\d]+$", "#");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        }
        return out;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
