package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnomalyCliTest {

    private static String[] args(String... a) {
        return a;
    }

    private static String[] concat(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "detect", "train", "score", "sample", "detectors", "monitor", "run-once"})
    void everyCommandHasHelpAndExitsZero(String command) {
        CliRunner r = command.isEmpty() ? CliRunner.run("--help") : CliRunner.run(command, "--help");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage:").contains("--help");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void badUsageExitsTwoWithTheMessageOnStderr() {
        CliRunner unknown = CliRunner.run("detect", "--no-such-option");
        assertThat(unknown.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(unknown.err()).contains("error: Unknown option: '--no-such-option'")
                .contains("Try 'anomaly detect --help'");
        assertThat(unknown.out()).isEmpty();
        assertThat(CliRunner.run().code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(CliRunner.run("frobnicate").code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        CliRunner level = CliRunner.run("detect", "--entity-type", "galaxy");
        assertThat(level.code()).isEqualTo(2);
        assertThat(level.err()).contains("must be keyword, ad_group, campaign or portfolio, got 'galaxy'");
        CliRunner date = CliRunner.run("detect", "--as-of", "14/03/2026");
        assertThat(date.code()).isEqualTo(2);
        assertThat(date.err()).contains("must be a date like 2026-03-14");
    }

    @Test
    void aMissingInputFileOrAnUnknownDetectorIsBadUsage(@TempDir Path dir) {
        CliRunner missing = CliRunner.run("detect", "--input", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--input must be a readable file").contains("nope.csv");
        CliRunner unknown = CliRunner.run("detect", "--detector", "no-such", "--input", "x");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--detector must be one of [").contains("test-robust-z")
                .contains("got 'no-such'");
    }

    @Test
    void detectorsListsEveryProviderNameFirst() {
        CliRunner r = CliRunner.run("detectors");
        assertThat(r.code()).isZero();
        List<String> names = r.out().lines().map(l -> l.split("\\s+")[0]).toList();
        assertThat(names).contains("test-robust-z", "test-running-z", "ensemble", "isolation-forest",
                "half-space-trees", "lstm-autoencoder", "monte-carlo-shapley", "hierarchy");
        assertThat(r.out().lines().filter(l -> l.startsWith("hierarchy"))).allMatch(l -> l.contains("root-cause"));
    }

    @Test
    void detectOnAReportWritesTheAlertsJsonAndPrintsASummaryTable(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.csv");
        Reports.write(report);
        Path json = dir.resolve("out/alerts.json");
        CliRunner r = CliRunner.run(concat(args("detect", "--input", report.toString(), "--output", json.toString(),
                "--backtest-days", "10", "-o", "multiplier=1"), Reports.FAST));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Keyword check with test-robust-z, 2026-02-05 to 2026-02-14 (10 periods").contains("keywords checked")
                .contains("SEVERITY").contains("WHAT MOVED").contains("All ");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("total_entities_checked").asInt()).isEqualTo(120);
        assertThat(root.get("alerts").size()).isEqualTo(root.get("anomalies_detected").asInt()).isPositive();
        JsonNode a = root.get("alerts").get(0);
        assertThat(a.get("detector_type").asText()).isEqualTo("test-robust-z");
        assertThat(a.get("explanation").size()).isEqualTo(6);
        assertThat(a.get("root_causes").size()).isPositive();

        JsonNode incidents = root.get("incidents");
        assertThat(incidents.size()).isPositive().isLessThanOrEqualTo(root.get("alerts").size());
        int held = 0;
        for (JsonNode i : incidents) {
            held += i.get("alert_count").asInt();
        }
        assertThat(held).as("every alert in exactly one incident").isEqualTo(root.get("alerts").size());
        assertThat(r.out()).as("incidents are printed first, then the alert rows").contains("INCIDENT  ")
                .contains(incidents.size() + " incident");
        assertThat(incidents.findValuesAsText("id")).anyMatch(r.out()::contains);
        assertThat(r.out().indexOf("INCIDENT  ")).isLessThan(r.out().indexOf("SEVERITY  SCORE"));
    }

    @Test
    void minScoreAndNoConfirmChangeWhichFlagsBecomeAlertsAndSayHowMany(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.csv");
        Reports.write(report);
        String[] base = concat(args("detect", "--input", report.toString(), "--backtest-days", "10", "-o",
                "multiplier=1", "-o", "scope=window", "--no-explain", "--no-root-cause"), Reports.FAST);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        assertThat(CliRunner.run(concat(base, "--output", a.toString())).code()).isZero();
        CliRunner all = CliRunner.run(concat(base, "--output", b.toString(), "--no-confirm"));
        assertThat(all.code()).isZero();
        CliRunner floor = CliRunner.run(concat(base, "--output", c.toString(), "--min-score", "0.9"));
        assertThat(floor.code()).isZero();
        ObjectMapper m = new ObjectMapper();
        JsonNode confirmed = m.readTree(a.toFile());
        JsonNode unconfirmed = m.readTree(b.toFile());
        JsonNode floored = m.readTree(c.toFile());
        assertThat(unconfirmed.get("echoes_suppressed").asInt()).isZero();
        assertThat(confirmed.get("anomalies_detected").asInt() + confirmed.get("echoes_suppressed").asInt())
                .isEqualTo(unconfirmed.get("anomalies_detected").asInt());
        assertThat(floored.get("below_min_score").asInt()).isPositive();
        assertThat(floor.out()).contains("below --min-score");
        assertThat(CliRunner.run(concat(base, "--min-score", "1.5")).err())
                .contains("--min-score must be in (0, 1], got 1.5");
    }

    @Test
    void detectReadsAmazonHeadersAndChecksCampaigns(@TempDir Path dir) throws IOException {
        Path canonical = dir.resolve("canonical.csv");
        Reports.write(canonical);
        List<String> lines = Files.readAllLines(canonical);
        List<String> amazon = new ArrayList<>();
        amazon.add("Date,Portfolio name,Campaign Name,Ad Group Name,Targeting,Match Type,Impressions,Clicks,Spend,"
                + "7 Day Total Sales ,7 Day Total Orders (#)");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            // date,profile_id,portfolio,campaign_id,campaign,ad_group_id,ad_group,keyword_id,keyword,imp,clk,spend,sales,orders
            java.time.LocalDate d = java.time.LocalDate.parse(f[0]);
            String date = "\"" + d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH)
                    + " " + String.format("%02d", d.getDayOfMonth()) + ", " + d.getYear() + "\"";
            amazon.add(String.join(",", date, f[2], f[4], f[6] + " " + f[5], f[8] + " " + f[7], "EXACT", f[9],
                    f[10], "\"$" + f[11] + "\"", "\"$" + f[12] + "\"", f[13]));
        }
        Path report = dir.resolve("amazon.csv");
        Files.write(report, amazon);
        CliRunner r = CliRunner.run(concat(args("detect", "--input", report.toString(), "--entity-type",
                "campaign", "--no-explain"), Reports.FAST));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Campaign check with test-robust-z");
    }

    @Test
    void aBadRowFailsWithExitOneNamingLineColumnAndValue(@TempDir Path dir) throws IOException {
        String header = "date,portfolio,campaign,ad_group,keyword,impressions,clicks,spend,sales,orders\n";
        Path nonNumeric = Files.writeString(dir.resolve("a.csv"), header + "2026-03-01,,C,G,k,10,1,1,0,0\n"
                + "2026-03-02,,C,G,k,10,one,1,0,0\n");
        CliRunner r = CliRunner.run(concat(args("detect", "--input", nonNumeric.toString()), Reports.FAST));
        assertThat(r.code()).isEqualTo(AnomalyCli.EXIT_FAILURE);
        assertThat(r.err()).contains("a.csv line 3, column 'clicks': clicks must be a whole number, got 'one'");
        assertThat(r.out()).isEmpty();

        Path negative = Files.writeString(dir.resolve("b.csv"), header + "2026-03-01,,C,G,k,10,1,-2.5,0,0\n");
        assertThat(CliRunner.run(concat(args("detect", "--input", negative.toString()), Reports.FAST)).err())
                .contains("b.csv line 2, column 'spend': spend must be >= 0, got '-2.5'");
        Path clicks = Files.writeString(dir.resolve("c.csv"), header + "2026-03-01,,C,G,k,10,11,1,0,0\n");
        assertThat(CliRunner.run(concat(args("detect", "--input", clicks.toString()), Reports.FAST)).err())
                .contains("c.csv line 2, column 'clicks': clicks must be <= impressions (10), got '11'");
        Path missing = Files.writeString(dir.resolve("d.csv"), "date,campaign,ad_group,keyword,impressions,spend,"
                + "sales,orders\n2026-03-01,C,G,k,10,1,0,0\n");
        CliRunner m = CliRunner.run(concat(args("detect", "--input", missing.toString()), Reports.FAST));
        assertThat(m.code()).isEqualTo(1);
        assertThat(m.err()).contains("d.csv: missing required column clicks");
        Path empty = Files.writeString(dir.resolve("e.csv"), "");
        CliRunner e = CliRunner.run(concat(args("detect", "--input", empty.toString()), Reports.FAST));
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.err()).contains("e.csv is empty: expected a header line");
    }

    @Test
    void onErrorSkipSkipsBadRowsAndReportsHowManyAndWhy(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.csv");
        Reports.write(report);
        List<String> lines = new ArrayList<>(Files.readAllLines(report));
        String good = lines.get(5);
        lines.add(good.replaceFirst(",(\\d+),(\\d+),", ",$1,zz,"));
        lines.add(good.replaceFirst(",(\\d+),(\\d+),", ",$1,999999999,"));
        Files.write(report, lines);
        Path json = dir.resolve("alerts.json");
        CliRunner fail = CliRunner.run(concat(args("detect", "--input", report.toString()), Reports.FAST));
        assertThat(fail.code()).isEqualTo(1);
        CliRunner skip = CliRunner.run(concat(args("detect", "--input", report.toString(), "--on-error", "skip",
                "--output", json.toString(), "--no-root-cause"), Reports.FAST));
        assertThat(skip.code()).as(skip.toString()).isZero();
        assertThat(skip.out()).contains("2 rows skipped {non_numeric=1, clicks_exceed_impressions=1}");
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("rows");
        assertThat(rows.get("skipped").asInt()).isEqualTo(2);
        assertThat(rows.get("skipped_by_problem").get("non_numeric").asInt()).isEqualTo(1);
        assertThat(rows.get("skipped_by_problem").get("clicks_exceed_impressions").asInt()).isEqualTo(1);
        assertThat(rows.get("skipped_examples").get(0).get("line").asInt()).isEqualTo(lines.size() - 1);
    }

    @Test
    void trainSavesModelsThatDetectUsesWithoutFitting(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.csv");
        Reports.write(report);
        Path models = dir.resolve("models");
        CliRunner t = CliRunner.run(concat(args("train", "--input", report.toString(), "--models",
                models.toString(), "--as-of", "2026-02-13"), Reports.FAST));
        assertThat(t.code()).as(t.toString()).isZero();
        assertThat(t.out()).contains("keyword ").contains("campaign ").contains("portfolio ");
        assertThat(models.resolve("keyword.test-robust-z.model")).exists();
        assertThat(models.resolve("campaign.test-robust-z.properties")).exists();
        Path json = dir.resolve("alerts.json");
        CliRunner d = CliRunner.run(concat(args("detect", "--input", report.toString(), "--models",
                models.toString(), "--output", json.toString()), Reports.FAST));
        assertThat(d.code()).as(d.toString()).isZero();
        assertThat(d.err()).doesNotContain("warning");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("training_windows").asInt()).isZero();
        assertThat(root.get("timings_ms").get("fit").asInt()).isZero();
        CliRunner leak = CliRunner.run(concat(args("detect", "--input", report.toString(), "--models",
                models.toString(), "--as-of", "2026-02-10"), Reports.FAST));
        assertThat(leak.code()).isZero();
        assertThat(leak.err()).contains("warning: the model was trained through 2026-02-13");
        CliRunner none = CliRunner.run(concat(args("detect", "--input", report.toString(), "--models",
                dir.toString()), Reports.FAST));
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no saved keyword model of 'test-robust-z'");
    }

    @Test
    void detectWithoutInputRunsOnTheBuiltInSampleAndScoresItAgainstTheLabels() {
        CliRunner r = CliRunner.run(concat(args("detect", "--top", "5", "--backtest-days", "3"), Reports.FAST));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("No --input: running on the built-in sample (1000 keywords, 90 days");
        assertThat(r.out()).contains("1,000 keywords checked").contains("Against the sample's labels")
                .contains("incident recall").contains("alert precision").contains("root-cause top-1")
                .containsPattern("incident precision +\\d+/\\d+ = \\d\\.\\d\\d \\(\\d+ alerts grouped into \\d+ incidents");
    }

    @Test
    void detectOnTheHourlySampleJudgesHoursAndCountsNightFalseAlerts() {
        CliRunner r = CliRunner.run(concat(args("detect", "--granularity", "hour", "--top", "3",
                "--backtest-periods", "24", "--no-explain"), Reports.FAST));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("built-in hourly sample (1000 keywords, 56 days of hours, seed 42)");
        assertThat(r.out()).contains("1,000 keywords checked").contains("Against the sample's labels")
                .contains("night false alerts").contains("per 1,000");
    }

    @Test
    void granularityChoosesTheSampleNotAReportsDates(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("r.csv");
        Reports.write(report);
        CliRunner r = CliRunner.run(concat(args("detect", "--input", report.toString(), "--granularity", "hour"),
                Reports.FAST));
        assertThat(r.code()).isEqualTo(AnomalyCli.EXIT_USAGE);
        assertThat(r.err()).contains("--granularity chooses the built-in sample");
        assertThat(CliRunner.run("detect", "--granularity", "minute").err()).contains("must be day or hour");
    }
}
