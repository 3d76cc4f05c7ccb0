package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @Test
    void writesAReportTheSourceReadsBackAndLabelsNamingItsEntities(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("report.csv");
        CliRunner r = CliRunner.run("sample", "--output", csv.toString(), "--keywords", "150", "--days", "40",
                "--seed", "7");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(6,000 rows: 150 keywords x 40 days)");
        AccountData data = CsvMetricSource.of(csv).load(MetricQuery.ALL);
        assertThat(data.leafMetrics()).hasSize(150);
        EntityGraph g = data.graph();
        JsonNode labels = new ObjectMapper().readTree(dir.resolve("report.csv.labels.json").toFile());
        assertThat(labels.get("seed").asLong()).isEqualTo(7);
        assertThat(labels.get("incidents").size()).isPositive();
        for (JsonNode i : labels.get("incidents")) {
            assertThat(g.contains(i.get("root_entity_id").asText())).as(i.toString()).isTrue();
            assertThat(g.get(i.get("root_entity_id").asText()).type().wireName())
                    .isEqualTo(i.get("root_entity_type").asText());
            for (JsonNode k : i.get("affected_keyword_ids")) {
                assertThat(g.contains(k.asText())).isTrue();
            }
            assertThat(i.get("periods").size()).isPositive();
        }
        CliRunner again = CliRunner.run("sample", "--output", dir.resolve("again.csv").toString(), "--keywords",
                "150", "--days", "40", "--seed", "7");
        assertThat(again.code()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("again.csv"))).isEqualTo(Files.readAllBytes(csv));
    }

    @Test
    void anImpossibleSampleIsBadUsage(@TempDir Path dir) {
        CliRunner r = CliRunner.run("sample", "--output", dir.resolve("x.csv").toString(), "--keywords", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("keywords must be > 0, got 0");
    }
}
