package io.ppcanomaly.bench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent on a call, which a loaded machine does not inflate the way it inflates wall time: the calling
 * thread's CPU (on H2 the whole database work runs there) and, on Linux, the CPU of this JVM's child processes
 * (the PostgreSQL server and its backends that {@code TestPostgres} started) read from {@code /proc}, in clock
 * ticks of 10 ms — meaningful as a total over many calls.
 */
final class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double MS_PER_TICK = 10.0;

    private CpuClock() {
    }

    /** @return the calling thread's CPU time, ns */
    static long thread() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** @return this JVM's CPU time (every thread: the caller, helper threads, the collector, the compilers), ns */
    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * @return this JVM's CPU time per kind of thread (the thread name from {@code /proc/self/task} without its
     *     numbers: "GC Thread#", "C2 CompilerThre", "MVStore background writer …"), ms; empty where unreadable
     */
    static java.util.Map<String, Double> threads() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "").trim();
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended: its time is not counted
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * @return the CPU time of this JVM's descendant processes per process title (PostgreSQL's: "postgres: app
     *     bench 127.0.0.1(…) idle", "postgres: autovacuum worker", "postgres: walwriter", …; the client's port and
     *     numbers dropped), ms; empty where unreadable
     */
    static java.util.Map<String, Double> childrenByTitle() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
            try {
                Path dir = Path.of("/proc", Long.toString(p.pid()));
                String stat = Files.readString(dir.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                String title = Files.readString(dir.resolve("cmdline")).replace('\0', ' ')
                        .replaceAll("\\(.*?\\)", "").replaceAll("[0-9]+", "").replaceAll(" (idle|SELECT|INSERT|UPDATE"
                        + "|COMMIT|BEGIN|idle in transaction|SET)( .*)?$", "").trim();
                if (title.startsWith("/")) {
                    title = "postmaster";
                }
                out.merge(title, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK, Double::sum);
            } catch (IOException | RuntimeException e) {
                // the process ended or /proc is not there: its time is not counted
            }
        }
        return out;
    }

    /** @return {@code after − before} per thread kind, the kinds above {@code minMs} only, as "name ms, …" */
    static String threadsDelta(java.util.Map<String, Double> before, java.util.Map<String, Double> after, int runs,
                               double minMs) {
        StringBuilder b = new StringBuilder();
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / runs))
                .filter(e -> e.getValue() >= minMs)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.0f ms", e.getValue())));
        return b.toString();
    }

    /** @return the CPU time of this JVM's descendant processes (the database server), ms; 0 where unreadable */
    static double children() {
        double ticks = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);  // utime, stime (fields 14, 15)
            } catch (IOException | RuntimeException e) {
                // the process ended or /proc is not there: its time is not counted
            }
        }
        return ticks * MS_PER_TICK;
    }
}
