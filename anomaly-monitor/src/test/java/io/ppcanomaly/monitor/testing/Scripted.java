package io.ppcanomaly.monitor.testing;

import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.api.model.Metrics;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scripted changes to an account's keyword series, for tests that need a pattern on chosen keywords and days: a
 * deliberate bid boost, for example, which people label a false alert.
 */
public final class Scripted {

    private Scripted() {
    }

    /**
     * @return the series with, on {@code keywords} at {@code day}, traffic (impressions, clicks, orders, sales)
     *         times {@code volume} and cost per click times {@code cpc}
     */
    public static Map<String, MetricSeries> boost(Map<String, MetricSeries> series, Collection<String> keywords,
                                                  LocalDateTime day, double volume, double cpc) {
        Map<String, MetricSeries> out = new LinkedHashMap<>(series);
        for (String k : keywords) {
            MetricSeries s = series.get(k);
            MetricSeries.Builder b = MetricSeries.builder(k, s.granularity());
            for (int i = 0; i < s.size(); i++) {
                Metrics m = s.at(i);
                if (s.periodAt(i).equals(day)) {
                    long clicks = Math.round(m.clicks() * volume);
                    m = new Metrics(Math.max(clicks, Math.round(m.impressions() * volume)), clicks,
                            Math.round(m.spend() * volume * cpc * 100) / 100.0, Math.round(m.sales() * volume * 100)
                            / 100.0, Math.round(m.orders() * volume));
                }
                b.add(s.periodAt(i), m);
            }
            out.put(k, b.build());
        }
        return out;
    }
}
