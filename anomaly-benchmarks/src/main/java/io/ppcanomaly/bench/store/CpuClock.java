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
