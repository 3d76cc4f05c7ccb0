package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.store.testing.TestDatabase;
import io.ppcanomaly.store.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --store} and the {@code alerts} commands on a real H2 file store and a real PostgreSQL: the
 * README's session (detect, list, ack, resolve, feedback, stats, incidents, archive), profiles, and errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreCommandsTest {

    private static final Pattern FIRST_ID = Pattern.compile("(?m)^(\\d+)\\s+(low|medium|high|critical)\\s");
    private static final Pattern INCIDENT = Pattern.compile("(?m)^(inc-[0-9a-f]{16})\\s");

    @TempDir
    static Path dir;
    private Path report;
    private String profile;
    private TestDatabase pg;

    @BeforeAll
    void write() throws IOException {
        report = dir.resolve("report.csv");
        SampleAccount a = Reports.write(report);
        profile = a.graph().entities(EntityType.PROFILE).get(0).id();
        pg = TestPostgres.get().createDatabase("cli");
    }

    @AfterAll
    void close() {
        pg.close();
    }

    private CliRunner detect(String store, Path csv) {
        List<String> args = new ArrayList<>(List.of("detect", "--input", csv.toString(), "--backtest-days", "10",
                "-o", "multiplier=1", "--store", store));
        args.addAll(List.of(Reports.FAST));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static CliRunner alerts(String store, String profile, String... args) {
        List<String> all = new ArrayList<>(List.of("alerts"));
        all.addAll(List.of(args));
        all.addAll(List.of("--store", store));
        if (profile != null) {
            all.addAll(List.of("--profile", profile));
        }
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static String firstId(String out) {
        Matcher m = FIRST_ID.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    private void theReadmeSession(String store) {
        CliRunner d = detect(store, report);
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(d.out()).contains("Stored in " + store + " under profile " + profile + ": ")
                .contains("alerts list --store " + store + " --profile " + profile);

        CliRunner list = alerts(store, profile, "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("ID", "SEVERITY", "INCIDENT").contains("active alerts shown");
        String id = firstId(list.out());

        CliRunner show = alerts(store, profile, "show", id);
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("alert:          " + id).contains("root cause:").contains("incident:");

        assertThat(alerts(store, profile, "ack", id, "--by", "ana").out()).contains("Alert " + id
                + " acknowledged by ana (version 1)");
        CliRunner resolve = alerts(store, profile, "resolve", id, "--by", "ana", "--note", "bid cap restored",
                "--revenue-impact", "-412.5");
        assertThat(resolve.code()).as(resolve.toString()).isZero();
        assertThat(resolve.out()).contains("Alert " + id + " resolved by ana");
        assertThat(alerts(store, profile, "feedback", id, "true", "--by", "ana").out())
                .contains("labelled a true anomaly by ana");

        CliRunner again = alerts(store, profile, "ack", id, "--by", "bob");
        assertThat(again.code()).as("acknowledging a resolved alert fails").isEqualTo(AnomalyCli.EXIT_FAILURE);
        assertThat(again.err()).contains("resolved");
        assertThat(alerts(store, profile, "show", "999999").code()).isEqualTo(AnomalyCli.EXIT_FAILURE);

        CliRunner stats = alerts(store, profile, "stats", "--from", "2026-01-01", "--to", "2026-12-31");
        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out()).contains("by severity:").contains("resolved 1").contains("1/1 labelled true")
                .contains("days with alerts:");

        CliRunner incidents = alerts(store, profile, "incidents");
        assertThat(incidents.code()).as(incidents.toString()).isZero();
        Matcher m = INCIDENT.matcher(incidents.out());
        assertThat(m.find()).as(incidents.out()).isTrue();
        CliRunner incident = alerts(store, profile, "incident", m.group(1));
        assertThat(incident.code()).as(incident.toString()).isZero();
        assertThat(incident.out()).contains("incident:       " + m.group(1)).contains("stored alerts:");

        CliRunner archive = alerts(store, profile, "archive", "--older-than-days", "0");
        assertThat(archive.out()).as(archive.toString()).contains("Archived 1 resolved alert;");
        assertThat(alerts(store, profile, "show", id).out()).as("archived alerts still show").contains("archived");

        CliRunner rerun = detect(store, report);
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).as("the same run again stores nothing new").contains(": 0 alerts opened, 0 continued");
    }

    @Test
    void theReadmeSessionOnTheEmbeddedStore() {
        theReadmeSession(dir.resolve("anomaly-data").toString());
        assertThat(dir.resolve("anomaly-data/ppc-anomaly.mv.db")).exists();
    }

    @Test
    void theReadmeSessionOnPostgresql() {
        theReadmeSession(pg.url() + "?user=postgres");
    }

    @Test
    void aReportWithoutProfileIdStoresUnderTheDefaultProfile() throws IOException {
        Path bare = dir.resolve("bare.csv");
        List<String> lines = Files.readAllLines(report);
        assertThat(lines.get(0)).startsWith("date,profile_id,");
        Files.write(bare, lines.stream().map(l -> {
            int a = l.indexOf(',');
            return l.substring(0, a) + l.substring(l.indexOf(',', a + 1));
        }).collect(Collectors.toList()));
        String store = dir.resolve("bare-store").toString();
        CliRunner d = detect(store, bare);
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(d.out()).contains("under profile default:");
        CliRunner list = alerts(store, null, "list");
        assertThat(list.code()).as(list.toString()).isZero();
        firstId(list.out());
        assertThat(alerts(store, profile, "list").out()).as("nothing under the sample's own profile")
                .contains("0 active alerts shown");
    }

    @Test
    void aStoreIsRequiredAndAFileIsNotADirectory() throws IOException {
        CliRunner none = CliRunner.run("alerts", "list");
        assertThat(none.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(none.err()).contains("--store is required");
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        CliRunner bad = CliRunner.run("alerts", "list", "--store", file.toString());
        assertThat(bad.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(bad.err()).contains("store directory must be a directory");
        assertThat(CliRunner.run("alerts").code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(CliRunner.run("alerts", "--help").out()).contains("list").contains("resolve")
                .contains("incidents");
    }
}
