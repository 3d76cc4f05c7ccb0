package io.ppcanomaly.api.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.ppcanomaly.api.model.MetricSeries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated accounts shared by the tests of this package (generation is deterministic), and comparisons. */
final class Accounts {

    private static final Map<SampleConfig, SampleAccount> CACHE = new ConcurrentHashMap<>();

    private Accounts() {
    }

    /** @return the account of {@code config}, generated once per test JVM */
    static SampleAccount of(SampleConfig config) {
        return CACHE.computeIfAbsent(config, SyntheticAccountGenerator::generate);
    }

    /** @return the default account */
    static SampleAccount standard() {
        return of(SampleConfig.DEFAULT);
    }

    /** Asserts bit-identical series. */
    static void assertIdentical(MetricSeries a, MetricSeries b) {
        assertThat(b.entityId()).isEqualTo(a.entityId());
        assertThat(b.start()).isEqualTo(a.start());
        assertThat(b.size()).isEqualTo(a.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.at(i)).as("%s at %s", a.entityId(), a.periodAt(i)).isEqualTo(a.at(i));
        }
    }

    /** @return a digest of every value of every keyword series, for cheap whole-account comparisons */
    static long digest(SampleAccount account) {
        long h = 1;
        for (MetricSeries s : account.keywordSeries().values()) {
            h = 31 * h + s.entityId().hashCode();
            for (int i = 0; i < s.size(); i++) {
                h = 31 * h + s.impressions(i);
                h = 31 * h + s.clicks(i);
                h = 31 * h + Double.doubleToLongBits(s.spend(i));
                h = 31 * h + Double.doubleToLongBits(s.sales(i));
                h = 31 * h + s.orders(i);
            }
        }
        return h;
    }
}
