package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.features.FeatureExtractor;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small hand-shaped account for unit tests: profile {@code p} → portfolios {@code pf1…} → campaigns
 * {@code pf1/c1…} → ad groups {@code pf1/c1/ag1…} → keywords {@code pf1/c1/ag1/kw1…}, with daily metrics drawn
 * from a seed and incidents injected as multipliers on impressions, CTR, CPC and CVR.
 */
final class TestAccount {

    static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);
    static final int DAYS = 60;

    final EntityGraph graph;
    final List<String> keywords = new ArrayList<>();
    private final Map<String, double[]> base = new HashMap<>();
    /** keyword → day → {impressions, ctr, cpc, cvr} multipliers. */
    private final Map<String, double[][]> effects = new HashMap<>();
    private final long seed;
    private Map<String, MetricSeries> metrics;

    TestAccount(int portfolios, int campaigns, int adGroups, int keywordsPerGroup, long seed) {
        this.seed = seed;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Entity> es = new ArrayList<>();
        es.add(Entity.root("p", EntityType.PROFILE, "Profile"));
        for (int f = 1; f <= portfolios; f++) {
            String pf = "pf" + f;
            es.add(new Entity(pf, EntityType.PORTFOLIO, "Portfolio " + f, "p"));
            for (int c = 1; c <= campaigns; c++) {
                String cid = pf + "/c" + c;
                es.add(new Entity(cid, EntityType.CAMPAIGN, "Campaign " + f + "." + c, pf));
                for (int g = 1; g <= adGroups; g++) {
                    String gid = cid + "/ag" + g;
                    es.add(new Entity(gid, EntityType.AD_GROUP, "Ad group " + f + "." + c + "." + g, cid));
                    for (int k = 1; k <= keywordsPerGroup; k++) {
                        String kid = gid + "/kw" + k;
                        es.add(new Entity(kid, EntityType.KEYWORD, "kw " + f + "." + c + "." + g + "." + k, gid));
                        keywords.add(kid);
                        double imps = 400 * Math.exp(0.8 * rnd.nextDouble(-1, 1));
                        double ctr = 0.02 + 0.03 * rnd.nextDouble();
                        double cpc = 0.5 + rnd.nextDouble();
                        double cvr = 0.08 + 0.06 * rnd.nextDouble();
                        base.put(kid, new double[] {imps, ctr, cpc, cvr, 20 + 30 * rnd.nextDouble()});
                    }
                }
            }
        }
        graph = EntityGraph.of(es);
    }

    static LocalDateTime day(int d) {
        return DAY0.plusDays(d).atStartOfDay();
    }

    /** Multiplies impressions, CTR, CPC and CVR of the keywords over [from, to] (days). */
    TestAccount inject(List<String> kws, int from, int to, double imp, double ctr, double cpc, double cvr) {
        metrics = null;
        for (String k : kws) {
            double[][] e = effects.computeIfAbsent(k, x -> {
                double[][] m = new double[DAYS][];
                for (int d = 0; d < DAYS; d++) {
                    m[d] = new double[] {1, 1, 1, 1};
                }
                return m;
            });
            for (int d = from; d <= to; d++) {
                e[d][0] *= imp;
                e[d][1] *= ctr;
                e[d][2] *= cpc;
                e[d][3] *= cvr;
            }
        }
        return this;
    }

    /** @return every keyword below an entity */
    List<String> keywordsUnder(String id) {
        List<String> out = new ArrayList<>();
        for (Entity e : graph.leaves(id)) {
            out.add(e.id());
        }
        return out;
    }

    /** @return keyword metrics only (parents are to be summed by the analyzer) */
    Map<String, MetricSeries> metrics() {
        if (metrics != null) {
            return metrics;
        }
        Map<String, MetricSeries> out = new LinkedHashMap<>();
        for (String k : keywords) {
            SplittableRandom rnd = new SplittableRandom(seed * 31 + k.hashCode());
            double[] b = base.get(k);
            double[][] e = effects.get(k);
            MetricSeries.Builder sb = MetricSeries.builder(k, Granularity.DAY);
            for (int d = 0; d < DAYS; d++) {
                double weekly = 1 + 0.15 * Math.sin(2 * Math.PI * d / 7.0);
                double[] m = e == null ? new double[] {1, 1, 1, 1} : e[d];
                long imps = poisson(rnd, b[0] * weekly * m[0]);
                long clicks = binomial(rnd, imps, Math.min(1, b[1] * m[1]));
                double spend = clicks * b[2] * m[2] * (1 + 0.05 * rnd.nextGaussian());
                long orders = binomial(rnd, clicks, Math.min(1, b[3] * m[3]));
                double sales = orders * b[4];
                sb.add(day(d), imps, clicks, Math.max(0, spend), sales, orders);
            }
            out.put(k, sb.build());
        }
        metrics = out;
        return out;
    }

    /** @return anomalies on the keywords over [from, to], with features at {@code from} */
    List<EntityAnomaly> anomalies(List<String> kws, int from, int to, double score) {
        FeatureExtractor fx = new FeatureExtractor();
        List<EntityAnomaly> out = new ArrayList<>();
        for (String k : kws) {
            out.add(new EntityAnomaly(k, day(from), day(to), score, features(fx, metrics().get(k), from), Map.of()));
        }
        return out;
    }

    static Map<String, Double> features(FeatureExtractor fx, MetricSeries s, int day) {
        return featuresAt(fx, s, day(day));
    }

    /** @return the features of the window ending at {@code period}, by name */
    static Map<String, Double> featuresAt(FeatureExtractor fx, MetricSeries s, LocalDateTime period) {
        FeatureWindow w = fx.window(s, period);
        double[] row = w.lastRow();
        Map<String, Double> f = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            f.put(w.schema().name(i), row[i]);
        }
        return f;
    }

    private static long poisson(SplittableRandom rnd, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double l = Math.exp(-mean);
            long k = 0;
            double p = 1;
            do {
                k++;
                p *= rnd.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }

    private static long binomial(SplittableRandom rnd, long n, double p) {
        double mean = n * p;
        if (n < 50) {
            long k = 0;
            for (int i = 0; i < n; i++) {
                k += rnd.nextDouble() < p ? 1 : 0;
            }
            return k;
        }
        long k = Math.round(mean + Math.sqrt(mean * (1 - p)) * rnd.nextGaussian());
        return Math.max(0, Math.min(n, k));
    }
}
