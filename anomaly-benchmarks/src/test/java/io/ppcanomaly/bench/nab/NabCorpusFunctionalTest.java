package io.ppcanomaly.bench.nab;

import io.ppcanomaly.bench.support.DataDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("functional")
class NabCorpusFunctionalTest {

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
