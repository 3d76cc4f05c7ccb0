package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ppcanomaly.api.sample.SampleAccount;
import io.ppcanomaly.api.sample.SyntheticAccountGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect --input} on Amazon's delivery formats, told by content or forced by {@code --format}. */
class AmazonInputTest {

    private static String[] with(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }

    @Test
    void detectReadsAnAdsApiTargetingReportAsDownloaded(@TempDir Path dir) throws IOException {
        SampleAccount a = SyntheticAccountGenerator.generate(Reports.SMALL);
        Path report = dir.resolve("report-download");   // no extension: told by content
        AmazonFiles.targetingReport(a, report);
        Path json = dir.resolve("alerts.json");
        CliRunner r = CliRunner.run(with(new String[] {"detect", "--input", report.toString(), "--output",
            json.toString(), "--no-explain"}, Reports.FAST));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("120 keywords checked");
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("rows");
        assertThat(rows.get("read_by").get("spTargeting").asLong()).isEqualTo(rows.get("read").asLong())
                .isPositive();
        assertThat(rows.get("skipped").asInt()).isZero();
    }

    @Test
    void detectJoinsMarketingStreamTrafficAndConversionFilesHourByHour(@TempDir Path dir) throws IOException {
        SampleAccount a = SyntheticAccountGenerator.generate(Reports.SMALL.toBuilder().keywords(20).build());
        Path in = Files.createDirectories(dir.resolve("stream"));
        Path traffic = in.resolve("sp-traffic.jsonl");
        Path conversions = in.resolve("sp-conversion.jsonl.gz");
        AmazonFiles.stream(a, 10, traffic, conversions);   // hourly baselines need a week and more of hours
        Path json = dir.resolve("alerts.json");
        CliRunner r = CliRunner.run(with(new String[] {"detect", "--input", traffic.toString(), "--input",
            conversions.toString(), "--output", json.toString(), "--no-explain", "--attribution", "7d"},
                Reports.FAST));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("conversion records joined");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("periods").get(0).asText()).as("hourly").contains("T");
        JsonNode rows = root.get("rows");
        assertThat(rows.get("read_by").get("sp-traffic").asLong()).isPositive();
        assertThat(rows.get("joined").asLong()).isEqualTo(rows.get("read_by").get("sp-conversion").asLong())
                .isPositive();
        CliRunner folder = CliRunner.run(with(new String[] {"detect", "--input", in.toString(), "--no-explain",
            "--no-root-cause"}, Reports.FAST));
        assertThat(folder.code()).as(folder.toString()).isZero();
        assertThat(folder.out()).contains("20 keywords checked");
    }

    @Test
    void formatForcesTheReaderAndBadInputsSayWhy(@TempDir Path dir) throws IOException {
        SampleAccount a = SyntheticAccountGenerator.generate(Reports.SMALL);
        Path report = dir.resolve("report.json.gz");
        AmazonFiles.targetingReport(a, report);
        CliRunner asCsv = CliRunner.run(with(new String[] {"detect", "--input", report.toString(), "--format",
            "csv"}, Reports.FAST));
        assertThat(asCsv.code()).isEqualTo(AnomalyCli.EXIT_FAILURE);
        assertThat(asCsv.err()).contains("report.json.gz line 1, column 37: a closing quote must be followed by the "
                + "delimiter or the end of the line");
        CliRunner unknown = CliRunner.run("detect", "--input", report.toString(), "--format", "xlsx");
        assertThat(unknown.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("format must be one of [csv, sp-targeting, sp-search-term, "
                + "marketing-stream], got 'xlsx'");
        Path csv = dir.resolve("r.csv");
        Reports.write(csv);
        CliRunner mixed = CliRunner.run(with(new String[] {"detect", "--input", report.toString(), "--input",
            csv.toString()}, Reports.FAST));
        assertThat(mixed.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(mixed.err()).contains("--input: several input files must all be Marketing Stream JSON lines");
        CliRunner window = CliRunner.run("detect", "--input", report.toString(), "--attribution", "3d");
        assertThat(window.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(window.err()).contains("attribution must be one of 1d, 7d, 14d, 30d, got '3d'");
    }
}
