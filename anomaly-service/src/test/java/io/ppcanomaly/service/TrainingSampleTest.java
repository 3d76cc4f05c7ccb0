package io.ppcanomaly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.features.FeatureConfig;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingSampleTest {

    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);
    private final FeatureExtractor fx = new FeatureExtractor(FeatureConfig.DEFAULT);

    /** {@code small} keywords of about 0.5 clicks a day and {@code large} ones of about 50, 60 days each. */
    private static List<MetricSeries> account(int small, int large) {
        SplittableRandom r = new SplittableRandom(3);
        List<MetricSeries> out = new ArrayList<>();
        for (int k = 0; k < small + large; k++) {
            boolean big = k >= small;
            MetricSeries.Builder b = MetricSeries.builder((big ? "big-" : "small-") + k, Granularity.DAY);
            for (int d = 0; d < 60; d++) {
                long clicks = big ? 45 + r.nextInt(10) : r.nextInt(2);
                b.add(T0.plusDays(d), clicks * 100, clicks, clicks * 1.0, 0, 0);
            }
            out.add(b.build());
        }
        return out;
    }

    private static long large(List<FeatureWindow> w) {
        return w.stream().filter(x -> x.entityId().startsWith("big-")).count();
    }

    @Test
    void aHistoryUnderTheCapIsUsedWhole() {
        List<MetricSeries> s = account(50, 2);
        List<FeatureWindow> w = TrainingSample.windows(s, Collections.nCopies(s.size(), null), fx, T0.plusDays(59),
                1, 10_000, 7);
        assertThat(w).hasSize(52 * 40);
    }

    @Test
    void overTheCapEverySizeGetsItsShareInsteadOfItsHeadcount() {
        List<MetricSeries> s = account(200, 5);
        List<MetricSeries> refs = Collections.nCopies(s.size(), null);
        List<FeatureWindow> w = TrainingSample.windows(s, refs, fx, T0.plusDays(59), 1, 1_000, 7);
        assertThat(w).hasSize(1_000);
        // 5 of 205 keywords, 2.4% of the windows; sampled by size, half the cap
        assertThat(large(w)).isEqualTo(200);
        assertThat(w).doesNotHaveDuplicates();
        assertThat(TrainingSample.windows(s, refs, fx, T0.plusDays(59), 1, 1_000, 7)).isEqualTo(w);
        assertThat(TrainingSample.windows(s, refs, fx, T0.plusDays(59), 1, 1_000, 8)).isNotEqualTo(w);
        // in series order, then period order
        for (int i = 1; i < w.size(); i++) {
            FeatureWindow a = w.get(i - 1);
            FeatureWindow b = w.get(i);
            if (a.entityId().equals(b.entityId())) {
                assertThat(b.period()).isAfter(a.period());
            }
        }
    }

    @Test
    void sharesAreEqualAndASmallGroupPassesItsRestOn() {
        assertThat(TrainingSample.share(new long[] {1000, 1000, 0, 0, 0, 0}, 600)).containsExactly(300, 300, 0, 0, 0, 0);
        assertThat(TrainingSample.share(new long[] {1000, 50, 1000, 0, 0, 0}, 600))
                .containsExactly(275, 50, 275, 0, 0, 0);
    }
}
