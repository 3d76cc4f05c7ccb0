package io.ppcanomaly.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ppcanomaly.bench.nab.CostProfile;
import io.ppcanomaly.bench.nab.FileScore;
import org.junit.jupiter.api.Test;

class NabScoredFilesTest {

    private static FileScore twoWindows(double score) {
        return new FileScore("f.csv", score, 0, 0, 0, 0, 2, 0);
    }

    @Test
    void aFileIsNormalisedAsNabNormalisesACorpus_noDetectionsZeroPerfectHundred() {
        assertThat(NabScoredFiles.normalised(twoWindows(-2), CostProfile.STANDARD)).isCloseTo(0, within(1e-12));
        assertThat(NabScoredFiles.normalised(twoWindows(2), CostProfile.STANDARD)).isCloseTo(100, within(1e-12));
        assertThat(NabScoredFiles.normalised(twoWindows(0), CostProfile.STANDARD)).isCloseTo(50, within(1e-12));
        assertThat(NabScoredFiles.normalised(twoWindows(-2.22), CostProfile.STANDARD)).as("two false positives")
                .isCloseTo(-5.5, within(1e-9));
        assertThat(NabScoredFiles.normalised(twoWindows(-4), CostProfile.REWARD_LOW_FN)).as("a miss costs 2 there")
                .isCloseTo(0, within(1e-12));
    }
}
