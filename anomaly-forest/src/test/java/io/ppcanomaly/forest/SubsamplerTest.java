package io.ppcanomaly.forest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubsamplerTest {

    @Test
    void drawsDistinctSortedIndicesInRange() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int[] nk : new int[][] {{10, 1}, {10, 9}, {1000, 256}, {300, 256}, {10_000_000, 256}}) {
            int[] s = Subsampler.draw(nk[0], nk[1], rnd);
            assertThat(s).hasSize(nk[1]);
            assertThat(s).isSorted();
            assertThat(Arrays.stream(s).distinct().count()).isEqualTo(nk[1]);
            assertThat(s[0]).isGreaterThanOrEqualTo(0);
            assertThat(s[s.length - 1]).isLessThan(nk[0]);
        }
    }

    @Test
    void takesEveryRowWhenTheSampleIsTheWholeTable() {
        assertThat(Subsampler.draw(5, 5, new SplittableRandom(1))).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void sameSeedGivesTheSameSample() {
        assertThat(Subsampler.draw(100_000, 256, new SplittableRandom(7)))
                .containsExactly(Subsampler.draw(100_000, 256, new SplittableRandom(7)));
        assertThat(Subsampler.draw(100_000, 256, new SplittableRandom(7)))
                .isNotEqualTo(Subsampler.draw(100_000, 256, new SplittableRandom(8)));
    }

    @Test
    void everyRowIsEquallyLikelyToBeDrawn() {
        int n = 20;
        int k = 5;
        int draws = 40_000;
        long[] hits = new long[n];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int r = 0; r < draws; r++) {
            for (int i : Subsampler.draw(n, k, rnd)) {
                hits[i]++;
            }
        }
        double expected = (double) draws * k / n;
        double chi2 = 0;
        for (long h : hits) {
            chi2 += (h - expected) * (h - expected) / expected;
        }
        // 19 degrees of freedom: P(chi2 > 43.8) = 0.001
        assertThat(chi2).isLessThan(43.8);
    }
}
