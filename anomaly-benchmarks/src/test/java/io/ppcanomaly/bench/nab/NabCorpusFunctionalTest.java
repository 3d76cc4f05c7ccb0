package io.ppcanomaly.bench.nab;

import io.ppcanomaly.bench.support.DataDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("functional")
class NabCorpusFunctionalTest {

    /**
     * NAB's published {@code results/numenta/numenta_standard_scores.csv} gives, per realAdExchange file, TP + FN
     * (the scorable rows inside windows) and TP + TN + FP + FN (all scorable rows, after probation). Whatever the
     * detections, our sweep must split the same files into the same rows.
     */
    @Test
    void splitsEveryFileIntoTheSameWindowAndScorableRowsAsNabsPublishedResults() throws Exception {
        List<NabFile> files = NabCorpus.load(DataDir.require("nab-realAdExchange"));
        java.util.Map<String, int[]> published = java.util.Map.of(
                "exchange-2_cpc_results.csv", new int[] {163, 1381},
                "exchange-2_cpm_results.csv", new int[] {162, 1381},
                "exchange-3_cpc_results.csv", new int[] {153, 1308},
                "exchange-3_cpm_results.csv", new int[] {153, 1308},
                "exchange-4_cpc_results.csv", new int[] {165, 1397},
                "exchange-4_cpm_results.csv", new int[] {164, 1397});
        Sweeper sweeper = new Sweeper(CostProfile.STANDARD, 0.15);
        for (NabFile f : files) {
            ThresholdScore nothing = sweeper.scoreAt(sweeper.sweep(f, new double[f.size()]), 0.5);
            assertThat(new int[] {nothing.fn(), nothing.total()}).as(f.name()).containsExactly(published.get(f.name()));
            assertThat(nothing.score()).isEqualTo(-f.windowCount());
        }
    }

    @Test
    void readsTheSixAdExchangeFilesWithTheirFourteenWindowsAllPastProbation() throws Exception {
        List<NabFile> files = NabCorpus.load(DataDir.require("nab-realAdExchange"));
        assertThat(files).hasSize(6);
        assertThat(files.stream().mapToInt(NabFile::windowCount).sum()).isEqualTo(14);
        assertThat(files).allSatisfy(f -> {
            assertThat(f.size()).isBetween(1538, 1643);
            int probation = NabFile.probationLength(f.size(), 0.15);
            for (int k = 0; k < f.windowCount(); k++) {
                assertThat(f.windowStart(k)).as(f.name() + " window " + k).isGreaterThanOrEqualTo(probation);
            }
        });
        List<double[]> perfect = files.stream().map(f -> {
            double[] s = new double[f.size()];
            for (int k = 0; k < f.windowCount(); k++) {
                s[f.windowStart(k)] = 1;
            }
            return s;
        }).toList();
        for (NabResult r : new NabScorer().evaluateAllProfiles("perfect", files, perfect)) {
            assertThat(r.normalizedScore()).isEqualTo(100.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
