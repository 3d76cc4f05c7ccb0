package io.ppcanomaly.bench;

import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.service.AnomalyService;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.DetectionRequest;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.TrainedModel;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The scaling run: the whole workflow on generated accounts of growing size, each size in a fresh JVM so that its
 * wall time and peak heap are its own.
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.ScalingRun \
 *      --sizes 1000,10000,100000,1000000 --days 60 --heap 12g --timeout-minutes 5
 * </pre>
 *
 * Per size: generate the sample account ({@link SyntheticAccountGenerator}, default incidents), fit the detector on
 * every day before the last (the training step, capped at the service's 60,000 training windows), then run one
 * period — the last day — with explanations and root causes, models fitted (the daily job). Reported: the time of
 * each step, the service's stage timings, alerts, and the peak heap of the child JVM (the heap pools' usage summed
 * and sampled every 20 ms, generation included). A size that does not finish within the time limit is reported as
 * such, with the step it was in.
 */
@Command(name = "scaling-run", mixinStandardHelpOptions = true,
        description = "Workflow wall time and peak heap on generated accounts of growing size.")
public final class ScalingRun implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000,1000000",
            description = "Keyword counts (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--days", defaultValue = "60", description = "Days of history per account (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--detector", defaultValue = "ensemble", description = "Detector (default ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--heap", defaultValue = "12g", description = "Child JVM -Xmx (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--timeout-minutes", defaultValue = "5",
            description = "Time limit per size, generation included (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--child", hidden = true, description = "Run one size in this JVM (used by the parent).")
    boolean child;

    /** @param args see the class comment */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ScalingRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (child) {
            runChild(sizes.get(0), out);
            return 0;
        }
        out.printf(Locale.ROOT, "### Scaling: workflow on generated accounts (%d days, detector %s, child -Xmx%s, "
                + "limit %d min per size, %d cores)%n%n", days, detector, heap, timeoutMinutes,
                Runtime.getRuntime().availableProcessors());
        out.println("| keywords | generate | train (windows) | one period: execution_time_ms | of which score / explain /"
                + " root cause | alerts | peak heap | total wall | status |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int n : sizes) {
            out.println(runSize(n));
        }
        return 0;
    }

    private String runSize(int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                ScalingRun.class.getName(), "--child", "--sizes", Integer.toString(n), "--days",
                Integer.toString(days), "--detector", detector);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> result = new LinkedHashMap<>();
        String lastStep = "starting";
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        synchronized (result) {
                            result.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.start();
        boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        reader.join(5_000);
        synchronized (result) {
            lastStep = result.getOrDefault("step", lastStep);
            String status = !done ? "did not finish in " + timeoutMinutes + " min (was: " + lastStep + ")"
                    : p.exitValue() != 0 ? "failed (exit " + p.exitValue() + ", was: " + lastStep + ")" : "ok";
            return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %.1f s | %s |", n,
                    result.getOrDefault("generate", "-"),
                    result.containsKey("train") ? result.get("train") + " (" + result.get("trainingWindows") + ")" : "-",
                    result.getOrDefault("executionTimeMs", "-"), result.getOrDefault("stages", "-"),
                    result.getOrDefault("alerts", "-"), result.getOrDefault("peakHeap", "-"), wall, status);
        }
    }

    private void runChild(int n, PrintStream out) throws Exception {
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        out.println("step=generating the account");
        long t0 = System.nanoTime();
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.DEFAULT.toBuilder().keywords(n)
                .days(days).build());
        InMemoryMetricSource source = InMemoryMetricSource.of(account.graph(), account.granularity(),
                account.keywordSeries());
        out.printf(Locale.ROOT, "generate=%.1f s%n", (System.nanoTime() - t0) / 1e9);
        AnomalyService service = new AnomalyService();
        LocalDateTime last = account.end();
        out.println("step=training");
        long t1 = System.nanoTime();
        TrainedModel model = service.train(DetectionRequest.builder().detector(detector).asOf(last.minusDays(1))
                .build(), source);
        out.printf(Locale.ROOT, "train=%.1f s%n", (System.nanoTime() - t1) / 1e9);
        out.println("trainingWindows=" + model.trainingWindows());
        out.println("step=detecting one period");
        DetectionReport report = service.detect(model.applyTo(DetectionRequest.builder().asOf(last).build()), source);
        StageTimings st = report.timings();
        out.println("executionTimeMs=" + report.executionTimeMs());
        out.printf(Locale.ROOT, "stages=%d / %d / %d ms%n", st.scoreMs(), st.explainMs(), st.rootCauseMs());
        out.println("alerts=" + report.anomaliesDetected());
        sampler.interrupt();
        sampler.join();
        out.printf(Locale.ROOT, "peakHeap=%.0f MB%n", sampler.peak / 1e6);
        out.println("step=done");
    }

    /**
     * Samples the used heap every 20 ms and keeps the largest value: the peak a user has to provision for
     * (collections included, so it is what was live plus garbage not yet collected at the worst moment).
     */
    static final class HeapSampler extends Thread {
        volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            List<MemoryPoolMXBean> pools = new ArrayList<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pools.add(pool);
                }
            }
            while (!isInterrupted()) {
                long used = 0;
                for (MemoryPoolMXBean pool : pools) {
                    used += pool.getUsage().getUsed();
                }
                peak = Math.max(peak, used);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
