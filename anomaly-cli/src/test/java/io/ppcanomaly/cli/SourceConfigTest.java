package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import io.ppcanomaly.store.testing.PerformanceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --source-config}: {@code train} and {@code detect} read the host's performance table (H2 here, the history
 * applied in the database) and find exactly the alerts they find in a report CSV of the same rows; a bad file is
 * refused naming the key.
 */
class SourceConfigTest {

    @TempDir
    Path dir;

    private static String[] with(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }

    /** @return the report's alerts, each without its detection timestamp */
    private static JsonNode alerts(Path json) throws IOException {
        JsonNode alerts = new ObjectMapper().readTree(json.toFile()).get("alerts");
        for (JsonNode a : alerts) {
            ((ObjectNode) a).remove("detection_timestamp");
        }
        return alerts;
    }

    @Test
    void trainAndDetectReadTheTableAsTheyReadTheSameRowsAsAReport() throws Exception {
        SampleAccount account = SyntheticAccountGenerator.generate(SampleConfig.builder().keywords(60).days(120)
                .build());
        List<PerformanceTable.Row> rows = PerformanceTable.rows(account, "pr-01", 120);
        Path report = dir.resolve("report.csv");
        Files.writeString(report, PerformanceTable.csv(rows), StandardCharsets.UTF_8);
        String url = "jdbc:h2:file:" + dir.resolve("ads").toString().replace('\\', '/');
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            PerformanceTable.create(c, "ads_daily");
            PerformanceTable.insert(c, "ads_daily", rows);
            c.createStatement().execute("ALTER TABLE ads_daily RENAME COLUMN spend TO cost");
        }
        Path config = dir.resolve("source.properties");
        Files.writeString(config, String.join("\n", "source.type = jdbc", "source.url = " + url, "source.user = sa",
                "source.table = ads_daily", "source.column.spend = cost", "source.history-in-database = true"));
        String asOf = account.end().minusDays(26).toLocalDate().toString();
        Path models = dir.resolve("models");
        CliRunner trained = CliRunner.run(with(new String[] {"train", "--source-config", config.toString(),
            "--models", models.toString(), "--as-of", asOf}, "--detector", "isolation-forest"));
        assertThat(trained.code()).as(trained.toString()).isZero();

        Path fromTable = dir.resolve("table.json");
        Path fromReport = dir.resolve("report.json");
        CliRunner t = CliRunner.run(with(new String[] {"detect", "--source-config", config.toString(), "--models",
            models.toString(), "--backtest-days", "25", "--output", fromTable.toString()}, "--detector", "isolation-forest"));
        CliRunner r = CliRunner.run(with(new String[] {"detect", "--input", report.toString(), "--models",
            models.toString(), "--backtest-days", "25", "--output", fromReport.toString()}, "--detector", "isolation-forest"));
        assertThat(t.code()).as(t.toString()).isZero();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(t.out()).contains("60 keywords checked").doesNotContain("built-in sample");
        assertThat(alerts(fromTable)).as("alerts to compare").isNotEmpty();
        assertThat(alerts(fromTable)).isEqualTo(alerts(fromReport));
        // the table's load read the run's history (25 days judged, the 7-day look-back and 48 periods before them)
        // and one earlier row per keyword, not all 120 days; the report's, every row
        JsonNode read = new ObjectMapper().readTree(fromTable.toFile()).get("rows").get("read");
        assertThat(read.asLong()).isEqualTo((25 + 7 + 48 + 1) * 60L);
        assertThat(new ObjectMapper().readTree(fromReport.toFile()).get("rows").get("read").asLong())
                .isEqualTo(120L * 60);
    }

    @Test
    void aBadSourceConfigIsRefusedNamingTheKey() throws IOException {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "source.type = jdbc\nsource.table = t\n");
        CliRunner missing = CliRunner.run("detect", "--source-config", config.toString());
        assertThat(missing.code()).as(missing.toString()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(missing.err()).contains("key 'source.url' must be set");

        Files.writeString(config, "source.url = jdbc:h2:mem:x\nsource.table = t\nsource.granularity = week\n");
        CliRunner week = CliRunner.run("detect", "--source-config", config.toString());
        assertThat(week.err()).contains("key 'source.granularity' must be day or hour, got 'week'");

        Files.writeString(config, "source.url = jdbc:h2:mem:x\nsource.table = t\nport = 80\n");
        CliRunner other = CliRunner.run("detect", "--source-config", config.toString());
        assertThat(other.err()).contains("key 'port'").contains("not a source.* key");

        CliRunner both = CliRunner.run("detect", "--source-config", config.toString(), "--input", "r.csv");
        assertThat(both.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(both.err()).contains("two metric sources");

        Files.writeString(config, "source.type = csv\nsource.path = r.csv\n");
        CliRunner csv = CliRunner.run("detect", "--source-config", config.toString());
        assertThat(csv.err()).contains("key 'source.type' must be jdbc").contains("got 'csv'");

        Files.writeString(config, "# nothing yet\n");
        CliRunner empty = CliRunner.run("detect", "--source-config", config.toString());
        assertThat(empty.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(empty.err()).contains("has no source.* key");

        CliRunner none = CliRunner.run("detect", "--source-config", dir.resolve("nope.properties").toString());
        assertThat(none.err()).contains("--source-config must be a readable properties file");
    }
}
