package io.ppcanomaly.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the runnable jar the build shades ({@code target/anomaly-server.jar}) in its own JVM, as its README's
 * one command does, and talks to it over loopback: a dependency, a provider file or a static asset (the webjars)
 * the shade plugin left out would pass every test that runs on the module's class path. Run by failsafe in
 * {@code mvn verify}, after {@code package}.
 */
class ServerJarIT {

    private static final Pattern RUNNING = Pattern.compile("PPC Anomaly is running: (http://\\S+/)");
    private static final Pattern KEY = Pattern.compile("^\\s+(ppca_\\S+)\\s*$");
    private static final long START_SECONDS = 240;

    @TempDir
    Path dir;

    private Process server;
    private final StringBuilder output = new StringBuilder();

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theJarStartsOnTheSampleAndServesTheApiTheDashboardAndItsAssets() throws Exception {
        Path jar = Path.of(System.getProperty("shaded.jar", "target/anomaly-server.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (mvn package builds it)").isRegularFile();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString(), "--port", "0", "--store", dir.resolve("data").toString(), "--sample-days", "2",
                "--sample-detector", "isolation-forest"));
        server = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        // its own thread, not the common pool: reading must not wait for a free pool thread
        CompletableFuture<String[]> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> started.complete(readUrlAndKey(server.getInputStream())), "server-start");
        reader.setDaemon(true);
        reader.start();
        String[] urlAndKey;
        try {
            urlAndKey = started.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            String printed;
            synchronized (output) {
                printed = output.toString();
            }
            throw new AssertionError("the server printed no URL and admin key in " + START_SECONDS + " s; its output:\n"
                    + printed + "\nits threads:\n" + threads(server.pid()), e);
        }
        assertThat(urlAndKey).as(output.toString()).doesNotContainNull();
        String base = urlAndKey[0];
        String key = urlAndKey[1];
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> active = http.send(HttpRequest.newBuilder(URI.create(base + "api/anomaly/alerts/active"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(base + "api/anomaly/alerts/active")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> echarts = http.send(HttpRequest.newBuilder(URI.create(base + echartsPath())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(active.body()).contains("\"alerts\"");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(echarts.statusCode()).as("the dashboard's chart library, a webjar inside the jar").isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(100_000);
    }

    /** @return the printed URL and admin key; {@code null}s when the process ended first */
    private String[] readUrlAndKey(InputStream in) {
        String url = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                Matcher m = RUNNING.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
                Matcher k = KEY.matcher(line);
                if (url != null && k.find()) {
                    String[] found = {url, k.group(1)};
                    drain(r);
                    return found;
                }
            }
        } catch (IOException e) {
            output.append("(reading the server's output failed: ").append(e).append(")\n");
        }
        return new String[] {url, null};
    }

    /** @return the process's thread dump by the JDK's {@code jcmd}, or why there is none: for a start that hangs */
    private static String threads(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(reading jcmd failed: " + e + ")";
                }
            });
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return "(jcmd did not answer in 30 s)";
            }
            return text.get(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException
                 | TimeoutException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Keeps reading the server's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader r) {
        Thread t = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // discarded: the test has what it needs
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "server-output");
        t.setDaemon(true);
        t.start();
    }

    private static String echartsPath() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ServerJarIT.class.getResourceAsStream("/io/ppcanomaly/server/webjars.properties")) {
            p.load(in);
        }
        return "webjars/echarts/" + p.getProperty("echarts.version") + "/dist/echarts.min.js";
    }
}
