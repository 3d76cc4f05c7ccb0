package io.ppcanomaly.service;

import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import io.ppcanomaly.service.source.InMemoryMetricSource;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small hand-made account for workflow tests: profile p1 → portfolio pf → campaigns c1..c3 → two ad groups
 * each → four keywords each (24 keywords, ids like {@code c2-a1-k3}), 60 days from 2026-01-01 with mild noise,
 * plus keyword {@code late} under c1-a1 that starts on day 50 (too little history). Incidents are injected by
 * the builder methods, so tests know exactly what should be found.
 */
final class TestAccount {

    static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
    static final int DAYS = 60;

    private final Map<String, double[]> cpcFactor = new LinkedHashMap<>();
    private final Map<String, double[]> volumeFactor = new LinkedHashMap<>();
    private final List<Entity> entities = new ArrayList<>();
    private final List<String> keywords = new ArrayList<>();

    TestAccount() {
        entities.add(Entity.root("p1", EntityType.PROFILE, "Profile"));
        entities.add(new Entity("pf", EntityType.PORTFOLIO, "Portfolio", "p1"));
        for (int c = 1; c <= 3; c++) {
            String cid = "c" + c;
            entities.add(new Entity(cid, EntityType.CAMPAIGN, "Campaign " + c, "pf"));
            for (int a = 1; a <= 2; a++) {
                String aid = cid + "-a" + a;
                entities.add(new Entity(aid, EntityType.AD_GROUP, "Ad group " + c + "." + a, cid));
                for (int k = 1; k <= 4; k++) {
                    String kid = aid + "-k" + k;
                    entities.add(new Entity(kid, EntityType.KEYWORD, "keyword " + kid, aid));
                    keywords.add(kid);
                }
            }
        }
        entities.add(new Entity("late", EntityType.KEYWORD, "late keyword", "c1-a1"));
        for (String k : keywords) {
            cpcFactor.put(k, ones());
            volumeFactor.put(k, ones());
        }
    }

    private static double[] ones() {
        double[] d = new double[DAYS];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    static LocalDateTime day(int d) {
        return START.plusDays(d);
    }

    /** CPC × factor on one keyword from day {@code from} to {@code to} inclusive. */
    TestAccount cpcSpike(String keyword, int from, int to, double factor) {
        for (int d = from; d <= to; d++) {
            cpcFactor.get(keyword)[d] *= factor;
        }
        return this;
    }

    /** Impressions (and so everything) × factor on every keyword of an entity from {@code from} to {@code to}. */
    TestAccount volumeLoss(String prefix, int from, int to, double factor) {
        for (String k : keywords) {
            if (k.startsWith(prefix + "-")) {
                for (int d = from; d <= to; d++) {
                    volumeFactor.get(k)[d] *= factor;
                }
            }
        }
        return this;
    }

    EntityGraph graph() {
        return EntityGraph.of(entities);
    }

    Map<String, MetricSeries> series() {
        Map<String, MetricSeries> out = new LinkedHashMap<>();
        SplittableRandom rnd = new SplittableRandom(7);
        for (String k : keywords) {
            double base = 800 + rnd.nextInt(2400);
            double ctr = 0.02 + rnd.nextDouble() * 0.02;
            double cpc = 0.5 + rnd.nextDouble();
            MetricSeries.Builder b = MetricSeries.builder(k, Granularity.DAY);
            for (int d = 0; d < DAYS; d++) {
                long imp = Math.round(base * volumeFactor.get(k)[d] * (1 + 0.08 * gauss(rnd)));
                long clk = Math.min(imp, Math.round(imp * ctr * (1 + 0.08 * gauss(rnd))));
                double spend = Math.round(clk * cpc * cpcFactor.get(k)[d] * (1 + 0.04 * gauss(rnd)) * 100) / 100.0;
                long orders = Math.max(0, Math.round(clk * 0.1 * (1 + 0.1 * gauss(rnd))));
                b.add(day(d), imp, clk, spend, orders * 30.0, orders);
            }
            out.put(k, b.build());
        }
        MetricSeries.Builder late = MetricSeries.builder("late", Granularity.DAY);
        for (int d = 50; d < DAYS; d++) {
            late.add(day(d), 1000, 20, 20, 60, 2);
        }
        out.put("late", late.build());
        return out;
    }

    private static double gauss(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        double v = r.nextDouble();
        return Math.max(-3, Math.min(3, Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
    }

    InMemoryMetricSource source() {
        return InMemoryMetricSource.of(graph(), Granularity.DAY, series());
    }

    List<String> keywords() {
        return keywords;
    }

    /** A request on the test-only providers. */
    static DetectionRequest.Builder request() {
        return DetectionRequest.builder().detector("test-robust-z").explainer("test-exact-shapley")
                .rootCauseAnalyzer("test-sibling-rollup");
    }
}
