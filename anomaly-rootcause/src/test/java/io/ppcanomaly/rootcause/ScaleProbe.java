package io.ppcanomaly.rootcause;

import io.ppcanomaly.api.EntityAnomaly;
import io.ppcanomaly.api.RootCause;
import io.ppcanomaly.api.RootCauseInput;
import io.ppcanomaly.api.model.Entity;
import io.ppcanomaly.api.model.EntityGraph;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.MetricSeries;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A hand-run timing of the analyzer at scale, until the JMH benchmark exists in {@code anomaly-benchmarks}: a
 * 1,000,000-keyword account (1 profile, 20 portfolios, 2,000 campaigns, 40,000 ad groups, 25 keywords each, 35
 * days of metrics) with 10,000 anomalous keywords, in three shapes — scattered single keywords, whole-campaign
 * budget cuts, and a mix — each with and without metrics. Prints the best and median of several timed calls
 * after warm-up, as wall time and as the calling thread's CPU time (the analyzer is single-threaded; on a shared
 * machine the CPU time is the fairer figure). An optional argument runs only the scenarios whose label starts
 * with it. Not a test: it asserts nothing.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -o -q -pl anomaly-rootcause test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/rc-cp.txt -Dmdep.includeScope=test
 * java -Xmx8g -XX:ActiveProcessorCount=2 -cp anomaly-rootcause/target/classes:anomaly-rootcause/target/test-classes:$(cat /tmp/rc-cp.txt) \
 *     io.ppcanomaly.rootcause.ScaleProbe
 * </pre>
 */
public final class ScaleProbe {

    private static final int PORTFOLIOS = 20;
    private static final int CAMPAIGNS = 100;
    private static final int AD_GROUPS = 20;
    private static final int KEYWORDS = 25;
    private static final int DAYS = 35;
    private static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);
    private static final int INCIDENT_DAY = 30;
    private static final int INCIDENT_END = 34;

    private ScaleProbe() {
    }

    private static LocalDateTime day(int d) {
        return DAY0.plusDays(d).atStartOfDay();
    }

    private static String kw(int f, int c, int g, int k) {
        return "kw-" + f + "-" + c + "-" + g + "-" + k;
    }

    /** Runs the probe; see the class comment for the command. */
    public static void main(String[] args) {
        only = args.length > 0 ? args[0] : null;
        long t0 = System.nanoTime();
        List<Entity> es = new ArrayList<>(1_100_000);
        es.add(Entity.root("p", EntityType.PROFILE, "Profile"));
        for (int f = 0; f < PORTFOLIOS; f++) {
            String pf = "pf-" + f;
            es.add(new Entity(pf, EntityType.PORTFOLIO, pf, "p"));
            for (int c = 0; c < CAMPAIGNS; c++) {
                String cp = "cp-" + f + "-" + c;
                es.add(new Entity(cp, EntityType.CAMPAIGN, cp, pf));
                for (int g = 0; g < AD_GROUPS; g++) {
                    String ag = "ag-" + f + "-" + c + "-" + g;
                    es.add(new Entity(ag, EntityType.AD_GROUP, ag, cp));
                    for (int k = 0; k < KEYWORDS; k++) {
                        es.add(new Entity(kw(f, c, g, k), EntityType.KEYWORD, null, ag));
                    }
                }
            }
        }
        EntityGraph graph = EntityGraph.of(es);
        es = null;

        // Budget cuts on campaigns cp-f-0 (f < 20): 20 campaigns x 500 keywords = 10,000 keywords.
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, MetricSeries> metrics = new HashMap<>(2_000_000);
        Map<String, Map<String, Double>> budgetFeatures = new HashMap<>();
        for (int f = 0; f < PORTFOLIOS; f++) {
            for (int c = 0; c < CAMPAIGNS; c++) {
                for (int g = 0; g < AD_GROUPS; g++) {
                    for (int k = 0; k < KEYWORDS; k++) {
                        String id = kw(f, c, g, k);
                        double imps = 50 + rnd.nextDouble() * 400;
                        boolean cut = c == 0;
                        MetricSeries.Builder b = MetricSeries.builder(id, Granularity.DAY);
                        for (int d = 0; d < DAYS; d++) {
                            double m = cut && d >= INCIDENT_DAY ? 0.3 : 1.0;
                            long i = Math.round(imps * m * (0.9 + 0.2 * rnd.nextDouble()));
                            long cl = Math.round(i * 0.02);
                            long orders = rnd.nextDouble() < cl * 0.1 - Math.floor(cl * 0.1)
                                    ? (long) Math.ceil(cl * 0.1) : (long) Math.floor(cl * 0.1);
                            b.add(day(d), i, cl, cl * 0.9, orders * 30.0, orders);
                        }
                        metrics.put(id, b.build());
                        if (cut) {
                            budgetFeatures.put(id, Map.of("impressions", -1.2, "spend", -1.2, "ctr", 0.02, "cpc",
                                    -0.01, "cvr", 0.05, "acos", -0.03));
                        }
                    }
                }
            }
        }
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "built %,d entities and %,d keyword series in %.1f s%n", graph.size(),
                metrics.size(), (t1 - t0) / 1e9);

        List<EntityAnomaly> scattered = scattered(10_000, new SplittableRandom(11));
        List<EntityAnomaly> budget = new ArrayList<>();
        budgetFeatures.forEach((id, f) -> budget.add(new EntityAnomaly(id, day(INCIDENT_DAY), day(INCIDENT_END), 0.9,
                f, Map.of())));
        budget.sort((a, b) -> a.entityId().compareTo(b.entityId()));
        List<EntityAnomaly> mixed = new ArrayList<>(budget.subList(0, 5_000));
        mixed.addAll(scattered.subList(0, 5_000));

        HierarchyRootCauseAnalyzer rca = new HierarchyRootCauseAnalyzer();
        run("scattered single keywords", rca, graph, scattered, metrics);
        run("20 campaign budget cuts", rca, graph, budget, metrics);
        run("mixed 5,000 + 5,000", rca, graph, mixed, metrics);
        run("scattered, no metrics", rca, graph, scattered, Map.of());
        run("budget cuts, no metrics", rca, graph, budget, Map.of());
    }

    private static List<EntityAnomaly> scattered(int n, SplittableRandom rnd) {
        List<EntityAnomaly> out = new ArrayList<>(n);
        java.util.Set<String> seen = new java.util.HashSet<>();
        String[] features = {"cpc", "ctr", "cvr", "impressions"};
        while (out.size() < n) {
            // Campaign 0 of each portfolio is the budget-cut one; scatter over the others.
            String id = kw(rnd.nextInt(PORTFOLIOS), 1 + rnd.nextInt(CAMPAIGNS - 1), rnd.nextInt(AD_GROUPS),
                    rnd.nextInt(KEYWORDS));
            if (seen.add(id)) {
                String f = features[rnd.nextInt(features.length)];
                double v = rnd.nextBoolean() ? 1.0 : -1.0;
                int start = INCIDENT_DAY + rnd.nextInt(3);
                out.add(new EntityAnomaly(id, day(start), day(start + 2), 0.5 + 0.5 * rnd.nextDouble(),
                        Map.of(f, v), Map.of()));
            }
        }
        return out;
    }

    private static String only;

    private static void run(String label, HierarchyRootCauseAnalyzer rca, EntityGraph graph,
                            List<EntityAnomaly> anomalies, Map<String, MetricSeries> metrics) {
        if (only != null && !label.startsWith(only)) {
            return;
        }
        RootCauseInput in = new RootCauseInput(graph, anomalies, metrics);
        List<RootCause> causes = null;
        for (int i = 0; i < 3; i++) {
            causes = rca.analyze(in);
        }
        int reps = Integer.getInteger("reps", 7);
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < reps; i++) {
            long c = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            causes = rca.analyze(in);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-28s %,6d anomalies -> %,5d causes: wall best %.0f / median %.0f ms, "
                + "thread CPU best %.0f / median %.0f ms%n    top: %s%n", label, anomalies.size(), causes.size(),
                ms[0], ms[reps / 2], cpu[0], cpu[reps / 2], causes.isEmpty() ? "-" : causes.get(0).summary());
    }
}
