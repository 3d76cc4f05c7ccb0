package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
