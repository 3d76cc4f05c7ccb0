package io.ppcanomaly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.server.AnomalyServer;
import io.ppcanomaly.server.ServerConfig;
import io.ppcanomaly.server.auth.Role;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.store.AlertStatus;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import io.ppcanomaly.store.StoreConfig;
import io.ppcanomaly.store.StoredAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP server under load, over loopback only, bounded in requests and time: the feed
 * ({@code GET /api/anomaly/alerts/active}) read by concurrent clients with 100,000 stored alerts, then concurrent
 * clients acknowledging distinct alerts, checked afterwards in the store (no lost update).
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.ServerLoadRun \
 *      --alerts 100000 --clients 50 --seconds 30 --ack-clients 20 --acks-per-client 50
 * </pre>
 *
 * Alerts are stored under one profile (the tenant the clients' key covers) on the embedded H2 store in a temporary
 * directory, or on {@code --store JDBC_URL}. Each feed client has its own HTTP connection and asks for pages of 50
 * of the first 1,000 alerts in turn, with and without a severity filter, back to back (a closed loop: latency
 * includes queueing behind the other clients on the 2 cores); with {@code --think-ms} each waits that long between
 * requests. Reported: requests, non-200 answers, throughput and latency percentiles after a warm-up.
 */
@Command(name = "server-load-run", mixinStandardHelpOptions = true,
        description = "HTTP API under load: concurrent feed readers, concurrent acknowledgements.")
public final class ServerLoadRun implements Callable<Integer> {

    @Option(names = "--alerts", defaultValue = "100000", description = "Alerts stored before the run.")
    int alerts;

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent feed clients.")
    int clients;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds of the feed phase.")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured seconds before it.")
    int warmupSeconds;

    @Option(names = "--think-ms", defaultValue = "0", description = "Pause of each feed client between requests.")
    int thinkMs;

    @Option(names = "--ack-clients", defaultValue = "20", description = "Concurrent acknowledging clients.")
    int ackClients;

    @Option(names = "--acks-per-client", defaultValue = "50", description = "Distinct alerts each acknowledges.")
    int acksPerClient;

    @Option(names = "--store", description = "A JDBC URL (default: embedded H2 in a temporary directory).")
    String store;

    @Option(names = "--data", description = "The embedded store's directory, kept between runs: alerts are stored "
            + "only when it holds fewer than --alerts active ones (filling 100,000 takes minutes).")
    Path data;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ProfileId PROFILE = ProfileId.of("load-profile");

    /** @param args see {@code --help} */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerLoadRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AlertStore s = store != null ? AlertStore.open(store, StoreConfig.DEFAULT)
                : AlertStore.embedded(data != null ? data : Files.createTempDirectory("ppca-load"));
        if (s.active(PROFILE, io.ppcanomaly.store.AlertFilter.ALL, new io.ppcanomaly.store.Page(alerts - 1, 1))
                .alerts().isEmpty()) {
            long t0 = System.nanoTime();
            fill(s, alerts);
            System.out.printf(Locale.ROOT, "stored %,d alerts in %.1f s%n", alerts, (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.printf(Locale.ROOT, "the store already holds %,d active alerts%n", alerts);
        }
        InMemoryMetricSource none = InMemoryMetricSource.of(EntityGraph.of(List.of()), Granularity.DAY, Map.of());
        try (AnomalyServer server = AnomalyServer.builder(s, none).config(ServerConfig.builder().port(0)
                .rateLimit(1_000_000, 1_000_000).build()).start()) {
            String key = server.keys().create(Role.WRITE, Set.of(PROFILE), "load", "load run").secret();
            feed(server.url(), key);
            acknowledge(server.url(), key, s);
        } finally {
            s.close();
        }
        return 0;
    }

    private void feed(String base, String key) throws InterruptedException {
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long[][] lat = new long[clients][];
        AtomicLong errors = new AtomicLong();
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] mine = new long[1 << 16];
                int n = 0;
                int i = id;
                try {
                    while (System.nanoTime() < end) {
                        int offset = (i % 20) * 50;
                        String q = "/api/anomaly/alerts/active?offset=" + offset + (i % 2 == 0 ? "" : "&min_severity=medium");
                        i++;
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base + q))
                                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build();
                        long s0 = System.nanoTime();
                        int status;
                        try {
                            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            status = r.statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        long took = System.nanoTime() - s0;
                        if (s0 >= warmEnd) {
                            total.incrementAndGet();
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = took;
                        }
                        if (thinkMs > 0) {
                            Thread.sleep(thinkMs);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lat[id] = Arrays.copyOf(mine, n);
                    done.countDown();
                }
            }, "feed-client-" + c);
            t.start();
        }
        done.await();
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "feed: %d clients, think %d ms, %d s measured: %,d requests, %d errors, "
                        + "%.0f req/s; latency ms p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", clients, thinkMs, seconds,
                total.get(), errors.get(), total.get() / (double) seconds, pct(all, 0.50), pct(all, 0.90),
                pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private void acknowledge(String base, String key, AlertStore s) throws Exception {
        HttpClient probe = HttpClient.newHttpClient();
        List<Long> ids = new ArrayList<>();
        int need = ackClients * acksPerClient;
        for (int offset = 0; ids.size() < need; offset += 1000) {
            HttpResponse<String> r = probe.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/anomaly/alerts/active?status=open&limit=1000&offset=" + offset))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode page = MAPPER.readTree(r.body());
            for (JsonNode a : page.get("alerts")) {
                if (ids.size() < need) {
                    ids.add(a.get("id").asLong());
                }
            }
            if (!page.get("has_more").asBoolean()) {
                break;
            }
        }
        Map<Long, Long> versions = new LinkedHashMap<>();
        for (long id : ids) {
            versions.put(id, s.get(PROFILE, id).orElseThrow().version());
        }
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] lat = new long[ackClients][];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(ackClients);
        for (int c = 0; c < ackClients; c++) {
            int id = c;
            List<Long> mine = ids.subList(c * acksPerClient, (c + 1) * acksPerClient);
            new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] l = new long[mine.size()];
                try {
                    start.await();
                    for (int i = 0; i < mine.size(); i++) {
                        long a = mine.get(i);
                        String body = "{\"by\": \"client-" + id + "\", \"expected_version\": " + versions.get(a) + "}";
                        long s0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                                        + "/api/anomaly/alerts/" + a + "/acknowledge"))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        l[i] = System.nanoTime() - s0;
                        (r.statusCode() == 200 ? ok : errors).incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    lat[id] = l;
                    done.countDown();
                }
            }, "ack-client-" + c).start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        done.await();
        double secs = (System.nanoTime() - t0) / 1e9;
        int lost = 0;
        for (int c = 0; c < ackClients; c++) {
            for (long a : ids.subList(c * acksPerClient, (c + 1) * acksPerClient)) {
                StoredAlert after = s.get(PROFILE, a).orElseThrow();
                if (after.status() != AlertStatus.ACKNOWLEDGED || after.version() != versions.get(a) + 1
                        || !("client-" + c).equals(after.acknowledgedBy())) {
                    lost++;
                }
            }
        }
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "acknowledge: %d clients x %d distinct alerts in %.1f s: %d ok, %d errors, "
                        + "%d lost or wrong updates in the store; latency ms p50 %.1f, p99 %.1f%n", ackClients,
                acksPerClient, secs, ok.get(), errors.get(), lost, pct(all, 0.5), pct(all, 0.99));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Stores {@code n} distinct keyword alerts (one period each) in reports of 10,000. */
    static void fill(AlertStore s, int n) {
        Random rnd = new Random(20261205L);
        LocalDateTime day = LocalDateTime.of(2026, 3, 31, 0, 0);
        Severity[] sev = Severity.values();
        Instant now = Instant.parse("2026-04-01T06:00:00Z");
        for (int from = 0; from < n; from += 10_000) {
            List<Alert> batch = new ArrayList<>();
            Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                Severity v = sev[Math.min(3, (int) Math.floor(-Math.log(rnd.nextDouble()) * 0.8))];
                counts.merge(v, 1, Integer::sum);
                Map<String, Double> expl = new LinkedHashMap<>();
                expl.put("impressions", rnd.nextDouble());
                expl.put("spend", rnd.nextDouble());
                expl.put("ctr", rnd.nextDouble() / 3);
                Map<String, Double> kpi = new LinkedHashMap<>();
                kpi.put("impressions", -rnd.nextDouble());
                kpi.put("spend", -rnd.nextDouble());
                String id = String.format(Locale.ROOT, "pf-%02d/cp-%03d/ag-%04d/kw-%06d", i % 7, i % 300, i % 3000, i);
                batch.add(new Alert(EntityType.KEYWORD, id, "keyword " + i, day, day, 0.99 + rnd.nextDouble() / 100,
                        0.98, v, "ensemble", Map.of("lstm-autoencoder", 0.99, "half-space-trees", 0.97,
                        "isolation-forest", 0.98), expl, kpi, Math.round(rnd.nextDouble() * 200_000) / 100.0,
                        List.of(new AlertCause(EntityType.CAMPAIGN, "cp-" + (i % 300), "campaign " + (i % 300),
                                RootCauseKind.BUDGET_EXHAUSTION, 0.8, day, "budget ran out by noon")), now));
            }
            s.save(PROFILE, new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(day),
                    batch.size(), batch.size(), counts, batch, 0, 0, batch.size(), 0, 0, 0, LoadSummary.NONE,
                    new StageTimings(0, 0, 0, 0, 0, 0)));
        }
    }
}
