package io.ppcanomaly.bench;

import com.sun.net.httpserver.HttpServer;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.notify.Delivery;
import io.ppcanomaly.notify.DeliveryException;
import io.ppcanomaly.notify.Notifications;
import io.ppcanomaly.notify.Notifier;
import io.ppcanomaly.notify.message.Notification;
import io.ppcanomaly.notify.outbox.DispatchResult;
import io.ppcanomaly.notify.outbox.NotificationStore;
import io.ppcanomaly.notify.outbox.OutboxDispatcher;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The notification outbox's throughput, a documented run (issue 14's bar: 1,000 queued messages to a local webhook
 * in at most 5 s). Per repetition: a fresh embedded H2 store (the default deployment) in a temporary directory,
 * one save of {@code --messages} keyword alerts with distinct campaign roots (so {@code --messages} incidents, one
 * outbox row each, written in the save's transaction), then one timed {@link OutboxDispatcher#dispatch} pass to a
 * webhook receiver on loopback (the JDK's HTTP server answering 200). The peer in the same run is the floor: the same
 * number of {@link Notifier#send} calls of the same messages through the same notifier at the same parallelism,
 * with no outbox (no claim, no lease, no marking). Prints medians and the load average.
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.NotifyDispatchRun --messages 1000 --reps 5
 * </pre>
 */
@Command(name = "notify-dispatch-run", mixinStandardHelpOptions = true,
        description = "Times dispatching queued notification messages to a local webhook.")
public final class NotifyDispatchRun implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "1000", description = "Messages queued (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--reps", defaultValue = "5", description = "Repetitions (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--parallelism", split = ",", defaultValue = "4,16",
            description = "Dispatcher parallelism values (default ${DEFAULT-VALUE}; 4 is the default setting).")
    List<Integer> parallelism;

    /** @param args see the class comment */
    public static void main(String[] args) {
        System.exit(new CommandLine(new NotifyDispatchRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AtomicInteger received = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService serverThreads = Executors.newFixedThreadPool(32);
        server.setExecutor(serverThreads);
        server.createContext("/", x -> {
            try (InputStream in = x.getRequestBody()) {
                in.readAllBytes();
            }
            received.incrementAndGet();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        out.printf(Locale.ROOT, "### Notification dispatch: %d queued messages to a loopback webhook, embedded H2, "
                + "%d repetitions, %d cores, load average %.2f at start%n%n", messages, reps,
                Runtime.getRuntime().availableProcessors(), load());
        out.println("| parallelism | outbox dispatch, median (min–max) | messages/s | peer: direct sends, median | "
                + "outbox ÷ direct | load average |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        try {
            for (int p : parallelism) {
                List<Double> outbox = new ArrayList<>();
                List<Double> direct = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    outbox.add(dispatchOnce(url, p, received));
                    direct.add(directOnce(url, p));
                }
                double med = median(outbox);
                double dmed = median(direct);
                out.printf(Locale.ROOT, "| %d | %.2f s (%.2f–%.2f) | %.0f | %.2f s | %.2f | %.2f |%n", p, med,
                        outbox.stream().min(Comparator.naturalOrder()).orElseThrow(),
                        outbox.stream().max(Comparator.naturalOrder()).orElseThrow(), messages / med, dmed,
                        med / dmed, load());
            }
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
        return 0;
    }

    private Properties routes(String url, int p) {
        Properties props = new Properties();
        props.setProperty("route.bench.type", "webhook");
        props.setProperty("route.bench.url", url);
        props.setProperty("route.bench.secret", "bench-secret");
        props.setProperty("notify.dispatch.parallelism", Integer.toString(p));
        props.setProperty("notify.dispatch.batch", "200");
        return props;
    }

    /** @return seconds of one dispatch pass over {@link #messages} queued rows */
    private double dispatchOnce(String url, int p, AtomicInteger received) throws Exception {
        Path dir = Files.createTempDirectory("notify-dispatch-run");
        ProfileId profile = ProfileId.of("bench");
        try (Notifications n = Notifications.fromProperties(routes(url, p));
             AlertStore store = AlertStore.embedded(dir)) {
            store.save(profile, report(messages), n.saveHook());
            long queued = new NotificationStore(store).counts(profile).values().stream().mapToLong(Long::longValue)
                    .sum();
            if (queued != messages) {
                throw new IllegalStateException("expected " + messages + " queued messages, got " + queued);
            }
            int before = received.get();
            try (OutboxDispatcher d = n.dispatcher(store)) {
                long t0 = System.nanoTime();
                DispatchResult r = d.dispatch(profile);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r.sent() != messages || received.get() - before != messages) {
                    throw new IllegalStateException("sent " + r + ", receiver got " + (received.get() - before));
                }
                return s;
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** @return seconds of the same number of direct sends through the same notifier at the same parallelism */
    private double directOnce(String url, int p) throws Exception {
        try (Notifications n = Notifications.fromProperties(routes(url, p))) {
            Notifier notifier = n.notifier("bench");
            Notification sample = Notifications.sample("bench", java.time.Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(p);
            try {
                long t0 = System.nanoTime();
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    String id = "direct-" + i;
                    fs.add(pool.submit(() -> {
                        try {
                            notifier.send(sample, new Delivery(id, 1, "bench"));
                        } catch (DeliveryException e) {
                            throw new IllegalStateException(e);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                return (System.nanoTime() - t0) / 1e9;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static DetectionReport report(int n) {
        LocalDateTime day = LocalDateTime.of(2026, 3, 1, 0, 0);
        List<Alert> alerts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String campaign = "c-" + i;
            AlertCause cause = new AlertCause(EntityType.CAMPAIGN, campaign, "Campaign " + i, RootCauseKind.CPC_SPIKE,
                    0.9, day, "campaign 'Campaign " + i + "': CPC up 180%");
            alerts.add(new Alert(EntityType.KEYWORD, "kw-" + i, "keyword " + i, day, day, 0.9995, 0.99,
                    Severity.HIGH, "ensemble", Map.of("half-space-trees", 0.9995), Map.of("cpc", 0.6, "ctr", 0.1),
                    Map.of("cpc", 1.8, "ctr", -0.05), 100 + i, List.of(cause), Instant.now()));
        }
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        counts.put(Severity.HIGH, n);
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(day), n, n, counts,
                alerts, 0, 0, n, 0, 0, 0, LoadSummary.NONE, new StageTimings(0, 0, 0, 0, 0, 0));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
