package io.ppcanomaly.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * CPU time of this JVM's threads over an interval, summed by group of thread names — what a loaded machine does
 * not inflate the way it inflates wall time. A daemon thread polls every Java thread's CPU time every 50 ms (Flink's
 * task threads end with their job, so their last reading is kept); what no Java thread accounts for (garbage
 * collection, the JIT compiler, native threads) is the process's CPU minus the Java threads'.
 */
final class ThreadCpu implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long POLL_MS = 50;

    private final Function<String, String> group;
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> baseline = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private final long process0;
    private final Thread poller;
    private volatile boolean running = true;

    /** Starts measuring; {@code group} maps a thread's name to its group's name. */
    ThreadCpu(Function<String, String> group) {
        this.group = group;
        this.process0 = processCpu();
        synchronized (this) {
            poll(true);
        }
        poller = new Thread(() -> {
            while (running) {
                synchronized (this) {
                    poll(false);
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-cpu-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll(boolean first) {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            names.putIfAbsent(ids[i], infos[i].getThreadName());
            if (first) {
                baseline.put(ids[i], cpu);
            }
            latest.put(ids[i], cpu);
        }
    }

    /**
     * Stops measuring.
     *
     * @return group → CPU seconds over the interval, in first-seen order, plus {@code "other (GC, JIT, native)"}
     *         and {@code "process"} (the whole JVM)
     */
    synchronized Map<String, Double> stop() {
        running = false;
        poller.interrupt();
        poll(false);
        Map<String, Double> out = new LinkedHashMap<>();
        double java = 0;
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            if (names.get(e.getKey()).equals("thread-cpu-poller")) {
                continue;
            }
            double s = (e.getValue() - baseline.getOrDefault(e.getKey(), 0L)) / 1e9;
            out.merge(group.apply(names.get(e.getKey())), s, Double::sum);
            java += s;
        }
        double process = (processCpu() - process0) / 1e9;
        out.put("other (GC, JIT, native)", Math.max(0, process - java));
        out.put("process", process);
        return out;
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
