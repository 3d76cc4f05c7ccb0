package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.ProfileId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run-once} and {@code monitor} on the built-in sample (smaller, with a fast ensemble) and an embedded store:
 * day by day for cron, scored against the labels; a bad key refused naming key and value; the daemon stopped by
 * SIGTERM in the middle of its first run, which finishes before the process exits.
 */
class MonitorCommandsTest {

    private static Path config(Path dir, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "profiles = pr-01",
                "source.type = sample",
                "source.keywords = 200",
                "source.days = 75",
                "source.seed = 2",
                "store.dir = " + dir.resolve("store"),
                "detector.members = half-space-trees:0.6,isolation-forest:0.4",
                "detector.threshold = 0.99",
                "monitor.lease-ttl = 30s"));
        Collections.addAll(lines, extra);
        Path f = dir.resolve("monitor.properties");
        Files.write(f, lines);
        return f;
    }

    @Test
    void runOnceJudgesDayByDayKeepsTheWatermarkAndScoresTheReportsAgainstTheSampleLabels(@TempDir Path dir)
            throws IOException {
        Path cfg = config(dir);
        Path reports = dir.resolve("reports");
        for (String day : new String[] {"2026-03-08", "2026-03-09", "2026-03-10"}) {
            CliRunner r = CliRunner.run("run-once", "--config", cfg.toString(), "--as-of", day, "--report-dir",
                    reports.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Profile pr-01 completed as of " + day + ": keyword " + day + ": ");
            assertThat(r.out()).contains("Sample labels, keyword alerts of every report in " + reports)
                    .contains("incident recall");
        }
        assertThat(reports.resolve("pr-01/keyword/2026-03-09.json")).exists();
        CliRunner again = CliRunner.run("run-once", "--config", cfg.toString(), "--as-of", "2026-03-10");
        assertThat(again.out()).as(again.toString()).contains("keyword: up to date (judged through 2026-03-10)");
        CliRunner unknown = CliRunner.run("run-once", "--config", cfg.toString(), "--profile", "nope");
        assertThat(unknown.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("--profile must be one of the configured profiles, got 'nope'");
    }

    @Test
    void aBadKeyOrValueStopsStartUpNamingTheKeyAndTheValue(@TempDir Path dir) throws IOException {
        CliRunner bad = CliRunner.run("run-once", "--config", config(dir, "schedule.daily-at = 6am").toString());
        assertThat(bad.code()).as(bad.toString()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(bad.err()).contains("monitor.properties: monitor config key 'schedule.daily-at' must be a time of "
                + "day such as 06:00, got '6am'");
        CliRunner unknown = CliRunner.run("monitor", "--config", config(dir, "schedule.retrain = weekly").toString());
        assertThat(unknown.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("monitor config key 'schedule.retrain' (value 'weekly') is unknown");
        CliRunner route = CliRunner.run("monitor", "--config", config(dir, "route.oncall.type = slack").toString());
        assertThat(route.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(route.err()).contains("route 'oncall'").contains("url must be set");
        CliRunner missing = CliRunner.run("run-once", "--config", dir.resolve("none.properties").toString());
        assertThat(missing.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(missing.err()).contains("--config must be a readable monitor.properties file");
    }

    @Test
    void theDaemonStoppedBySigtermFinishesItsRunningRunFirst(@TempDir Path dir) throws Exception {
        Path cfg = config(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logFile = dir.resolve("monitor.log");
        // output to a file: Process.destroy() closes the pipes, which would lose what the stopping daemon prints
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.ppcanomaly.cli.AnomalyCli", "monitor", "--config", cfg.toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(logFile).contains("no model yet; training") && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(logFile)).as("the first run started").contains("no model yet; training");
        p.destroy(); // SIGTERM, in the middle of the first run
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        List<String> log = Files.readAllLines(logFile);
        assertThat(p.exitValue()).as("terminated by SIGTERM: %s", log).isEqualTo(143);
        assertThat(log).anyMatch(l -> l.startsWith("Stopping: waiting for the running jobs to finish"))
                .anyMatch(l -> l.contains("Profile pr-01 completed as of 2026-03-16"))
                .anyMatch(l -> l.equals("Stopped"));
        int summary = indexOf(log, "Profile pr-01 completed");
        assertThat(summary).as("the run finished before the process stopped").isLessThan(indexOf(log, "Stopped"));
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("store/ppc-anomaly"), "sa",
                "");
        try (AlertStore store = AlertStore.open(pool); Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM anomaly_monitor_periods WHERE profile_id = 'pr-01'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the run's period is in the ledger").isEqualTo(1);
            long free = store.inTransaction(ProfileId.of("pr-01"), tx -> {
                try (Statement q = tx.connection().createStatement();
                     ResultSet w = q.executeQuery("SELECT count(*) FROM anomaly_monitor_leases WHERE holder IS NULL")) {
                    w.next();
                    return w.getLong(1);
                }
            });
            assertThat(free).as("the lease was given back").isEqualTo(1);
        } finally {
            pool.dispose();
        }
    }

    private static int indexOf(List<String> log, String part) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
