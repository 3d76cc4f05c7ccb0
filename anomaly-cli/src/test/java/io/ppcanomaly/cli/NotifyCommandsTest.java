package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify-test}, {@code notify send} and {@code notify dead} on a monitor configuration with a webhook route to
 * a real loopback receiver: the test message arrives, a run-once's incidents are sent (by the monitor's extension, or {@code notify send}), a
 * receiver refusing them leaves dead messages listed with their error.
 */
class NotifyCommandsTest {

    private HttpServer server;
    private final List<String> kinds = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", x -> {
            try (InputStream in = x.getRequestBody()) {
                in.readAllBytes();
            }
            kinds.add(x.getRequestHeaders().getFirst("X-PPC-Anomaly-Kind"));
            byte[] body = (status.get() == 200 ? "ok" : "rejected").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status.get(), body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Path config(Path dir) throws IOException {
        Path f = dir.resolve("monitor.properties");
        Files.write(f, List.of("profiles = pr-01", "source.type = sample", "source.keywords = 200", "source.days = 75",
                "source.seed = 2", "store.dir = " + dir.resolve("store"),
                "detector.members = half-space-trees:0.6,isolation-forest:0.4", "detector.threshold = 0.99",
                "monitor.lease-ttl = 30s", "route.ops.type = webhook",
                "route.ops.url = http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "notify.retry.max-attempts = 1"));
        return f;
    }

    @Test
    void notifyTestSendsASampleThroughTheRouteAndNamesAnUnknownOne(@TempDir Path dir) throws IOException {
        Path cfg = config(dir);
        CliRunner ok = CliRunner.run("notify-test", "--config", cfg.toString(), "--route", "ops");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Sent a test message through route ops").contains("delivery id test-");
        assertThat(kinds).containsExactly("test");
        CliRunner unknown = CliRunner.run("notify", "test", "--config", cfg.toString(), "--route", "team");
        assertThat(unknown.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("--route must be one of [ops], got 'team'");
        status.set(403);
        CliRunner refused = CliRunner.run("notify-test", "--config", cfg.toString(), "--route", "ops");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("will not pass as configured").contains("HTTP 403");
    }

    @Test
    void aRunOncesIncidentsAreSentAndRefusedOnesListedAsDead(@TempDir Path dir) throws IOException {
        Path cfg = config(dir);
        status.set(400);
        CliRunner run = CliRunner.run("run-once", "--config", cfg.toString(), "--as-of", "2026-03-10");
        assertThat(run.code()).as(run.toString()).isZero();
        // the monitor's extension sends after a run that raised alerts; 'notify send' sends whatever is still due
        CliRunner send = CliRunner.run("notify", "send", "--config", cfg.toString());
        assertThat(send.out()).as(send.toString()).contains("0 sent");
        assertThat(kinds).as(run + "\n" + send).isNotEmpty().containsOnly("incident");
        CliRunner dead = CliRunner.run("notify", "dead", "--config", cfg.toString());
        assertThat(dead.code()).as(dead.toString()).isZero();
        assertThat(dead.out()).contains(kinds.size() + " dead message").contains("pr-01").contains("ops")
                .contains("HTTP 400").contains("rejected");
    }
}
