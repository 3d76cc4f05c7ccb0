package io.ppcanomaly.notify.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server): records every request and answers from a script (status,
 * headers, body, delay), then 200 once the script is used up.
 */
public final class TestHttpServer implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        /** @return the first value of a header (case-insensitive), or null */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** @return the body as UTF-8 */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body, long delayMs) {
        /** @return an answer with this status */
        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", 0);
        }

        /** @return this answer with a body */
        public Answer body(String b) {
            return new Answer(status, headers, b, delayMs);
        }

        /** @return this answer with a header */
        public Answer header(String name, String value) {
            java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delayMs);
        }

        /** @return this answer after a delay */
        public Answer delay(long ms) {
            return new Answer(status, headers, body, ms);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

    /** Starts a receiver on a free port of 127.0.0.1. */
    public TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        requests.add(new Request(x.getRequestMethod(), x.getRequestURI().getPath(), Map.copyOf(x.getRequestHeaders()),
                body));
        Answer a = script.poll();
        if (a == null) {
            a = Answer.status(200).body("ok");
        }
        if (a.delayMs() > 0) {
            try {
                Thread.sleep(a.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(out);
        } catch (IOException e) {
            // the client gave up (a time-out test): nothing to answer
        }
        x.close();
    }

    /** @param answers the next answers, in order */
    public void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** @return the requests received so far */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests and the script. */
    public void reset() {
        requests.clear();
        script.clear();
    }

    /** @return {@code http://127.0.0.1:port} + path */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
