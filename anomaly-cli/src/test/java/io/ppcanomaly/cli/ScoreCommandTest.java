package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.service.table.DuplicateTimestamps;
import io.ppcanomaly.service.table.RowScore;
import io.ppcanomaly.service.table.SeriesFeatureConfig;
import io.ppcanomaly.service.table.TableScorer;
import io.ppcanomaly.service.table.TableScoringConfig;
import io.ppcanomaly.service.table.WallClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreCommandTest {

    /** A time series with a timestamp, two value columns, a text column, a label, and spikes. */
    private static List<String> series(int n) {
        SplittableRandom r = new SplittableRandom(11);
        List<String> out = new ArrayList<>();
        out.add("timestamp,value,\"volume, daily\",note,label");
        for (int i = 0; i < n; i++) {
            double v = 100 + 10 * Math.sin(i / 7.0) + r.nextDouble() * 3 + (i % 113 == 90 ? 60 : 0);
            out.add(String.format(Locale.ROOT, "2026-01-01T%02d:00,%.3f,%d,\"n%d, ok\",%d", i % 24, v,
                    1000 + r.nextInt(50), i, i % 113 == 90 ? 1 : 0));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"test-running-z", "test-robust-z"})
    void streamingIsCausal_appendingRowsNeverChangesEarlierRowsScores(String detector, @TempDir Path dir)
            throws IOException {
        List<String> all = series(500);
        Path full = Files.write(dir.resolve("full.csv"), all);
        Path part = Files.write(dir.resolve("part.csv"), all.subList(0, 301));
        for (Path in : List.of(full, part)) {
            CliRunner r = CliRunner.run("score", "--detector", detector, "--input", in.toString(), "--output",
                    in + ".out", "--warmup-rows", "60", "--window", "4");
            assertThat(r.code()).as(r.toString()).isZero();
        }
        List<String> a = Files.readAllLines(Path.of(full + ".out"));
        List<String> b = Files.readAllLines(Path.of(part + ".out"));
        assertThat(b).hasSize(301);
        assertThat(a.subList(0, 301)).isEqualTo(b);
    }

    @Test
    void outputKeepsTheInputColumnsInOrderAndAddsScoreAndFlag(@TempDir Path dir) throws IOException {
        List<String> in = series(400);
        Path file = Files.write(dir.resolve("s.csv"), in);
        Path out = dir.resolve("scored.csv");
        CliRunner r = CliRunner.run("score", "--detector", "test-robust-z", "--input", file.toString(), "--output",
                out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Scoring 400 rows on [value, volume, daily] with test-robust-z (streaming, "
                + "warm-up 60 rows)").contains("Column 'note' is not numeric (line 2: 'n0, ok')");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,\"volume, daily\",note,label,anomaly_score,is_anomaly");
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith(in.get(i) + ",");
        }
        assertThat(lines.get(60)).endsWith(",,");
        String scored = lines.get(61).substring(in.get(61).length() + 1);
        assertThat(scored).matches("0\\.\\d{6},[01]");
        assertThat(lines.get(91)).as("the spike at row 90").endsWith(",1");
    }

    @Test
    void batchModeScoresEveryRowAndChosenColumnsOnly(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("s.csv"), series(300));
        Path out = dir.resolve("scored.csv");
        CliRunner r = CliRunner.run("score", "--detector", "test-robust-z", "--input", file.toString(), "--output",
                out.toString(), "--mode", "batch", "--columns", "value", "-o", "quantile=0.95");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("on [value]").contains("(batch)");
        assertThat(Files.readAllLines(out).subList(1, 301)).allSatisfy(l -> assertThat(l).matches(".*,0\\.\\d{6},[01]"));
    }

    @Test
    void badColumnsOrValuesAreReportedWithTheRightExitCode(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("s.csv"), series(100));
        CliRunner unknown = CliRunner.run("score", "--detector", "test-robust-z", "--input", file.toString(),
                "--output", dir.resolve("o.csv").toString(), "--columns", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--columns must name columns of [timestamp, value");
        CliRunner text = CliRunner.run("score", "--detector", "test-robust-z", "--input", file.toString(),
                "--output", dir.resolve("o.csv").toString(), "--columns", "note");
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.err()).contains("line 2, column 'note': value must be a finite number, got 'n0, ok'");
        CliRunner required = CliRunner.run("score", "--input", file.toString());
        assertThat(required.code()).isEqualTo(2);
        assertThat(required.err()).contains("Missing required option: '--output=FILE'");
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Hourly rows from 2026-03-02 (a Monday), a daily curve, 5% noise, a night spike at row 500. */
    private static List<String> hourly(int n) {
        SplittableRandom r = new SplittableRandom(21);
        List<String> out = new ArrayList<>();
        out.add("timestamp,value");
        LocalDateTime start = LocalDateTime.of(2026, 3, 2, 0, 0);
        for (int i = 0; i < n; i++) {
            double curve = 0.55 - 0.45 * Math.cos(2 * Math.PI * ((i % 24) - 4) / 24.0);
            double v = 1000 * curve * Math.exp(0.05 * r.nextGaussian()) * (i == 500 ? 8 : 1);
            out.add(String.format(Locale.ROOT, "%s,%.3f", start.plusHours(i).format(STAMP), v));
        }
        return out;
    }

    private static List<String> run(Path in, Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("score", "--input", in.toString(), "--output", out.toString()));
        args.addAll(List.of(extra));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        return Files.readAllLines(out);
    }

    @Test
    void rawKeepsTodaysOutput_theValuesScoredOnTheirOwn(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("s.csv"), series(400));
        List<String> raw = run(file, dir.resolve("raw.csv"), "--detector", "test-robust-z", "--timestamp-column",
                "timestamp", "--raw");
        List<String> unnamed = run(file, dir.resolve("unnamed.csv"), "--detector", "test-robust-z");
        assertThat(raw).isEqualTo(unnamed);
        CsvTable t = CsvTable.read(file);
        List<RowScore> direct = new TableScorer("test-robust-z", null, TableScoringConfig.DEFAULT)
                .score(List.of("value", "volume, daily"), t.numbers(List.of(1, 2)));
        for (int i = 0; i < direct.size(); i++) {
            RowScore s = direct.get(i);
            assertThat(raw.get(i + 1)).endsWith(s.scored()
                    ? String.format(Locale.ROOT, ",%.6f,%d", s.score(), s.anomalous() ? 1 : 0) : ",,");
        }
    }

    @Test
    void aTimestampColumnScoresTheSeriesOnTemporalFeaturesExactlyAsTheLibraryDoes(@TempDir Path dir)
            throws IOException {
        List<String> in = hourly(720);
        Path file = Files.write(dir.resolve("h.csv"), in);
        CliRunner r = CliRunner.run("score", "--input", file.toString(), "--output", dir.resolve("o.csv").toString(),
                "--timestamp-column", "timestamp", "--columns", "value", "--detector", "test-robust-z");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Scoring 720 rows on [value] as a time series with test-robust-z (streaming, "
                + "warm-up 108 rows)")
                .containsPattern("value: day cycle \\(24 phases, strength 0\\.\\d\\d\\); baselines of 24 and 168 rows");
        List<String> out = Files.readAllLines(dir.resolve("o.csv"));
        long[] t = new long[720];
        double[][] x = new double[720][];
        for (int i = 0; i < 720; i++) {
            String[] f = in.get(i + 1).split(",");
            t[i] = WallClock.parse(f[0]);
            x[i] = new double[] {Double.parseDouble(f[1])};
        }
        List<RowScore> lib = new TableScorer("test-robust-z", null, TableScoringConfig.DEFAULT).scoreSeries(t,
                List.of("value"), x, SeriesFeatureConfig.DEFAULT, DuplicateTimestamps.FAIL).scores();
        for (int i = 0; i < 720; i++) {
            RowScore s = lib.get(i);
            assertThat(out.get(i + 1)).isEqualTo(in.get(i + 1) + (s.scored()
                    ? String.format(Locale.ROOT, ",%.6f,%d", s.score(), s.anomalous() ? 1 : 0) : ",,"));
        }
        assertThat(out.get(501)).as("the spike at row 500").endsWith(",1");
    }

    @Test
    void aTimeSeriesIsCausal_appendingRowsNeverChangesEarlierRows(@TempDir Path dir) throws IOException {
        List<String> all = hourly(600);
        Path full = Files.write(dir.resolve("full.csv"), all);
        Path part = Files.write(dir.resolve("part.csv"), all.subList(0, 401));
        List<String> a = run(full, dir.resolve("a.csv"), "--timestamp-column", "timestamp", "--warmup-rows", "100",
                "-d", "test-running-z");
        List<String> b = run(part, dir.resolve("b.csv"), "--timestamp-column", "timestamp", "--warmup-rows", "100",
                "-d", "test-running-z");
        assertThat(b).hasSize(401).isEqualTo(a.subList(0, 401));
    }

    @Test
    void aTimeSeriesIsScoredWithIsolationForestUnlessADetectorIsNamed(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("h.csv"), hourly(400));
        CliRunner r = CliRunner.run("score", "--input", file.toString(), "--output", dir.resolve("o.csv").toString(),
                "--timestamp-column", "timestamp");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("as a time series with isolation-forest");
    }

    @Test
    void timestampsOutOfOrderRepeatedOrUnreadableFailNamingTheLines(@TempDir Path dir) throws IOException {
        List<String> rows = new ArrayList<>(hourly(400));
        List<String> swapped = new ArrayList<>(rows);
        swapped.set(11, rows.get(12));
        swapped.set(12, rows.get(11));
        CliRunner back = score(dir, swapped);
        assertThat(back.code()).isEqualTo(1);
        assertThat(back.err()).contains("line 13, column 'timestamp': timestamp '2026-03-02 10:00:00' is before line "
                + "12's '2026-03-02 11:00:00'; a time series must be in time order (sort the file by time)");
        List<String> repeated = new ArrayList<>(rows);
        repeated.set(12, rows.get(11).split(",")[0] + "," + rows.get(12).split(",")[1]);
        CliRunner dup = score(dir, repeated);
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("lines 12 and 13, column 'timestamp': both have timestamp '2026-03-02 "
                + "10:00:00'; pass --duplicate-timestamps keep to score both rows, or fix the file");
        assertThat(score(dir, repeated, "--duplicate-timestamps", "keep").code()).isZero();
        List<String> garbled = new ArrayList<>(rows);
        garbled.set(5, "yesterday," + rows.get(5).split(",")[1]);
        CliRunner bad = score(dir, garbled);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("line 6, column 'timestamp': timestamp must be an ISO date or date-time")
                .contains("got 'yesterday'");
    }

    @Test
    void aNonNumberOrASeriesTooShortFailsClearly(@TempDir Path dir) throws IOException {
        List<String> rows = new ArrayList<>(hourly(400));
        rows.set(40, rows.get(40).split(",")[0] + ",NaN");
        CliRunner nan = score(dir, rows, "--columns", "value");
        assertThat(nan.code()).isEqualTo(1);
        assertThat(nan.err()).contains("line 41, column 'value': value must be a finite number, got 'NaN'");
        CliRunner shortSeries = score(dir, hourly(100));
        assertThat(shortSeries.code()).isEqualTo(1);
        assertThat(shortSeries.err()).contains("a time series must have a warm-up of at least 48 rows (2 x "
                + "baselineRows) to learn its baselines, got 15 (15% of 100 rows)");
    }

    private static CliRunner score(Path dir, List<String> lines, String... extra) throws IOException {
        Path file = Files.write(dir.resolve("in.csv"), lines);
        List<String> args = new ArrayList<>(List.of("score", "--input", file.toString(), "--output",
                dir.resolve("out.csv").toString(), "--timestamp-column", "timestamp", "-d", "test-robust-z"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }
}
