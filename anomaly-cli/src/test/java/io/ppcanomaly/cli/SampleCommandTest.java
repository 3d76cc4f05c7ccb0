package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.sample.SampleConfig;
import io.ppcanomaly.service.source.AccountData;
import io.ppcanomaly.service.source.CsvMetricSource;
import io.ppcanomaly.service.source.MetricQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
    void anHourlySampleHasHourlyRowsAndLabelsWithTheirHours(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("hourly.csv");
        CliRunner r = CliRunner.run("sample", "--output", csv.toString(), "--keywords", "60", "--days", "10",
                "--granularity", "hour");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(14,400 rows: 60 keywords x 240 hours)");
        AccountData data = CsvMetricSource.of(csv).load(MetricQuery.ALL);
        assertThat(data.granularity()).isEqualTo(Granularity.HOUR);
        JsonNode labels = new ObjectMapper().readTree(dir.resolve("hourly.csv.labels.json").toFile());
        assertThat(labels.get("granularity").asText()).isEqualTo("hour");
        assertThat(labels.get("incidents").size()).isEqualTo(SampleConfig.HOURLY.totalIncidents());
        for (JsonNode i : labels.get("incidents")) {
            assertThat(i.get("start").asText()).matches("2026-01-\\d\\dT\\d\\d:00");
            if (i.get("kind").asText().equals("campaign_budget_exhaustion")) {
                // the mornings between the afternoons are not part of it
                long hours = Granularity.HOUR.between(LocalDateTime.parse(i.get("start").asText()),
                        LocalDateTime.parse(i.get("end").asText())) + 1;
                assertThat(i.get("periods").size()).isLessThan((int) hours);
            }
        }
    }

    @Test
    void anImpossibleSampleIsBadUsage(@TempDir Path dir) {
        CliRunner r = CliRunner.run("sample", "--output", dir.resolve("x.csv").toString(), "--keywords", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("keywords must be > 0, got 0");
    }
}
