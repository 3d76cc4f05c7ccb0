package io.ppcanomaly.bench.accuracy;

import io.ppcanomaly.bench.nab.NabCorpus;
import io.ppcanomaly.bench.nab.NabFile;
import io.ppcanomaly.bench.support.DataDir;
import io.ppcanomaly.service.table.RowScore;
import io.ppcanomaly.service.table.SeriesFeatureConfig;
import io.ppcanomaly.service.table.TableScorer;
import io.ppcanomaly.service.table.TableScoringConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar of issue 16: the CLI's {@code score --timestamp-column timestamp --columns value} at its defaults — the
 * service's {@code TableScorer.scoreSeries} with {@link TableScorer#DEFAULT_SERIES_DETECTOR}, the default warm-up
 * and {@link SeriesFeatureConfig#DEFAULT}, which is all the command adds to reading the file — scores at least 72
 * on NAB's standard profile over the six realAdExchange files (Numenta's HTM: 76.9). {@code anomaly-benchmarks/
 * nab-cli.sh} runs the command itself on the same files; its figures are the same.
 */
@Tag("functional")
class NabTimeSeriesFunctionalTest {

    @Test
    void theCliDefaultsScoreAtLeast72OnTheStandardProfileFarAboveTheRawValues() throws Exception {
        List<NabFile> files = NabCorpus.load(DataDir.require("nab-realAdExchange"));
        List<double[]> series = new ArrayList<>();
        List<double[]> raw = new ArrayList<>();
        for (NabFile f : files) {
            series.add(NabRun.scoreFile(TableScorer.DEFAULT_SERIES_DETECTOR, new Properties(), f,
                    TableScoringConfig.DEFAULT, SeriesFeatureConfig.DEFAULT));
            raw.add(rawScores(f));
        }
        NabScoredFiles.Evaluation e = NabScoredFiles.evaluate(files, series, "score --timestamp-column");
        NabScoredFiles.Evaluation r = NabScoredFiles.evaluate(files, raw, "score --raw");
        assertThat(e.standard().normalizedScore()).as("NAB standard profile").isGreaterThanOrEqualTo(72.0);
        assertThat(e.standard().windowsDetected()).as("windows found").isGreaterThanOrEqualTo(13);
        assertThat(e.results().get(1).normalizedScore()).as("reward low FP").isGreaterThanOrEqualTo(60.0);
        assertThat(e.results().get(2).normalizedScore()).as("reward low FN").isGreaterThanOrEqualTo(78.0);
        assertThat(e.standard().normalizedScore()).as("against the same detector on raw values")
                .isGreaterThanOrEqualTo(r.standard().normalizedScore() + 10);
        assertThat(mean(e.rocAuc())).as("mean ROC-AUC against raw values' %.3f", mean(r.rocAuc()))
                .isGreaterThan(mean(r.rocAuc()) + 0.03);
    }

    /** The same detector on the values themselves, as {@code score --raw} scores them. */
    private static double[] rawScores(NabFile f) {
        double[] v = f.values();
        double[][] rows = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            rows[i] = new double[] {v[i]};
        }
        List<RowScore> rs = new TableScorer(TableScorer.DEFAULT_SERIES_DETECTOR, new Properties(),
                TableScoringConfig.DEFAULT).score(List.of("value"), rows);
        double[] s = new double[v.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = rs.get(i).score();
        }
        return s;
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElseThrow();
    }
}
