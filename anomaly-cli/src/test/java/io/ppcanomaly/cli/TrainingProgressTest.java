package io.ppcanomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.FitProgress;
import io.ppcanomaly.api.FitProgress.Stage;
import io.ppcanomaly.api.FitProgress.Unit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingProgressTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    private static FitProgress event(List<String> path, Stage stage, Unit unit, double done, long total,
                                     double loss) {
        OptionalDouble l = Double.isNaN(loss) ? NONE : OptionalDouble.of(loss);
        return new FitProgress(path, stage, unit, done, total, 500, l, l, 1_000);
    }

    private static List<FitProgress> ensembleFit() {
        List<String> e = List.of("ensemble");
        List<String> lstm = List.of("ensemble", "lstm-autoencoder");
        return List.of(
                event(e, Stage.STARTED, Unit.ROWS, 0, 500, Double.NaN),
                event(e, Stage.PROGRESS, Unit.MEMBERS, 0, 3, Double.NaN),
                event(lstm, Stage.STARTED, Unit.ROWS, 0, 500, Double.NaN),
                event(lstm, Stage.PROGRESS, Unit.EPOCHS, 0.5, 40, Double.NaN),
                event(lstm, Stage.PROGRESS, Unit.EPOCHS, 1, 40, 0.25),
                event(lstm, Stage.PROGRESS, Unit.EPOCHS, 1.5, 40, Double.NaN),
                event(lstm, Stage.FINISHED, Unit.ROWS, 500, 500, Double.NaN),
                event(e, Stage.PROGRESS, Unit.MEMBERS, 1, 3, Double.NaN),
                event(e, Stage.FINISHED, Unit.ROWS, 500, 500, Double.NaN));
    }

    @Test
    void offATerminalEachFitsStartEpochEndAndFinishIsALineNamingTheMemberUnderTheEnsemble() {
        StringWriter out = new StringWriter();
        try (TrainingProgress p = new TrainingProgress(new PrintWriter(out), "fitting ensemble", false, 0)) {
            ensembleFit().forEach(p::onProgress);
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("fitting ensemble: ensemble fitting on 500 windows");
        assertThat(lines.get(1)).startsWith("fitting ensemble: ensemble member 1/3 > lstm-autoencoder fitting on");
        assertThat(lines.get(2)).startsWith("fitting ensemble: ensemble member 1/3 > lstm-autoencoder [")
                .contains("] epoch 1/40, loss 0.2500, validation loss 0.2500");
        assertThat(lines.get(3)).contains("lstm-autoencoder fitted on 500 windows in 1.0 s");
        assertThat(lines.get(4)).startsWith("fitting ensemble: ensemble fitted on 500 windows");
    }

    @Test
    void onATerminalTheBarRedrawsInPlaceAtEveryStageAndEpochEndAndEndsItsLineOnClose() {
        StringWriter out = new StringWriter();
        try (TrainingProgress p = new TrainingProgress(new PrintWriter(out), "training", true, Long.MAX_VALUE)) {
            ensembleFit().forEach(p::onProgress);
        }
        String s = out.toString();
        assertThat(s).startsWith("\r").endsWith(System.lineSeparator());
        assertThat(s.chars().filter(c -> c == '\n').count()).as("line feeds").isEqualTo(1);
        // drawn: 4 starts and finishes and the epoch's end; the progress between is throttled away
        assertThat(s.chars().filter(c -> c == '\r').count()).isEqualTo(5);
        assertThat(s).contains("lstm-autoencoder [#     ").contains("epoch 1/40, loss 0.2500");
    }

    @Test
    void withoutALabelNothingIsShown() {
        StringWriter out = new StringWriter();
        try (TrainingProgress p = new TrainingProgress(new PrintWriter(out), null, false, 0)) {
            ensembleFit().forEach(p::onProgress);
        }
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void trainShowsEachLevelsFitOnStderr(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.csv");
        Reports.write(report);
        CliRunner t = CliRunner.run("train", "--input", report.toString(), "--models", dir.resolve("m").toString(),
                "--detector", "test-robust-z", "--entity-type", "keyword");
        assertThat(t.code()).as(t.toString()).isZero();
        assertThat(t.err()).contains("training keyword test-robust-z: test-robust-z fitting on ")
                .contains("training keyword test-robust-z: test-robust-z fitted on ");
    }
}
