package io.ppcanomaly.bench.store;

import io.ppcanomaly.api.RootCauseKind;
import io.ppcanomaly.api.Severity;
import io.ppcanomaly.api.features.FeatureSchema;
import io.ppcanomaly.api.features.FeatureWindow;
import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import io.ppcanomaly.api.model.Metrics;
import io.ppcanomaly.service.Alert;
import io.ppcanomaly.service.AlertCause;
import io.ppcanomaly.service.DetectionReport;
import io.ppcanomaly.service.StageTimings;
import io.ppcanomaly.service.source.LoadSummary;
import io.ppcanomaly.store.AlertFilter;
import io.ppcanomaly.store.AlertStore;
import io.ppcanomaly.store.Page;
import io.ppcanomaly.store.ProfileId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The alert store's bars, measured on H2 (the embedded file database) and PostgreSQL 17 (an ordinary role under
 * row-level security), each call timed on its own with {@link System#nanoTime} after a warm-up, as a documented
 * run rather than JMH: loading 1,000,000 rows takes minutes, and JMH would redo it for every benchmark method in
 * a fresh fork (the PostgreSQL server lives as long as its JVM).
 *
 * <ul>
 *   <li><b>save</b>: one report of 10,000 alerts (10,000 keywords, one day, each with its 14 × 6 window, raw
 *       metrics, explanation and a root cause over 100 campaigns, so about 100 incidents) into a fresh profile,
 *       per repetition, after warm-up saves (the first, cold, printed too). Bar ≤ 1 s.</li>
 *   <li><b>active</b>: the feed's first page of 50 ({@code active(profile, ALL, first(50))}) and a filtered page
 *       (high and above, keywords), on tables holding 1,000,000 rows across alerts and history. Bar p99 ≤ 10 ms.</li>
 *   <li><b>statistics</b> over the last 30 days and the whole year. Bar ≤ 100 ms.</li>
 * </ul>
 *
 * <pre>
 * java -cp anomaly-benchmarks/target/benchmarks.jar io.ppcanomaly.bench.store.StoreRun \
 *      --db h2,postgresql --rows 1000000 --layouts spread,single --repeat 200 --save-warmup 30 --save-repeat 7
 * </pre>
 *
 * <p>30 warm-up saves by default: H2's code is large, and its JIT warm-up outlasts ten saves of 10,000 alerts (on
 * 2026-12-06, with ten, the timed saves of some runs still swung between 0.5 and 2 s; the 15th–28th warm-up saves
 * still had 1.5 s outliers; after 30 the timed saves held within 425–645 ms). Every warm-up save's time is printed.
 *
 * {@code --layouts none} measures only the save; {@code --save-repeat 0} only the layouts.
 */
public final class StoreRun {

    private StoreRun() {
    }

    /**
     * Runs the measurements and prints a Markdown table per database and layout.
     *
     * @param args {@code --db h2,postgresql --rows N --layouts spread,single|none --repeat N --save-warmup N --save-repeat N}
     * @throws Exception when a database fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Map<String, String> a = new java.util.HashMap<>(Map.of("--db", "h2,postgresql", "--rows", "1000000",
                "--layouts", "spread,single", "--repeat", "200", "--save-repeat", "7", "--save-warmup", "30"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int rows = Integer.parseInt(a.get("--rows"));
        int repeat = Integer.parseInt(a.get("--repeat"));
        int saveRepeat = Integer.parseInt(a.get("--save-repeat"));
        int saveWarmup = Integer.parseInt(a.get("--save-warmup"));
        for (String db : a.get("--db").split(",")) {
            try (BenchDatabase d = BenchDatabase.open(db)) {
                System.out.printf(Locale.ROOT, "%n### %s: save 10,000 alerts (fresh profile each: 1 cold, %d warm-up, "
                        + "%d timed; load average %s)%n%n", db, saveWarmup, saveRepeat, load());
                if (saveRepeat > 0) {
                    save(d, saveWarmup, saveRepeat);
                }
                System.out.printf(Locale.ROOT, "%n(load average after: %s)%n", load());
            }
            for (String layout : a.get("--layouts").equals("none") ? new String[0] : a.get("--layouts").split(",")) {
                try (BenchDatabase d = BenchDatabase.open(db)) {
                    long t0 = System.nanoTime();
                    long n = StoreData.load(d, layout, rows);
                    System.out.printf(Locale.ROOT, "%n### %s, %s layout: %,d rows in alerts and history (loaded in "
                            + "%.0f s; load average %s)%n%n", db, layout, n, (System.nanoTime() - t0) / 1e9, load());
                    queries(d, layout, rows, repeat);
                }
            }
        }
    }

    /**
     * Saves reports of 10,000 alerts into fresh profiles: the first save in this database (cold: a fresh JVM's
     * code, an empty pool) printed on its own, then {@code warmup} un-timed saves, then {@code repeat} timed ones
     * whose median is the figure (a service saves every hour in a long-running JVM). Ten warm-up saves by
     * default: on H2 the compiler still spent ~0.6 s of CPU per save after four (the whole database runs in this
     * JVM), ~0.1 s after eleven. Prints the JVM's CPU per timed save by thread and, on PostgreSQL, the server's by
     * process, so the wall time can be accounted for on a shared machine.
     */
    private static void save(BenchDatabase d, int warmup, int repeat) {
        List<Double> ms = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        double cpu = 0;
        double jvm = 0;
        double server = 0;
        double cold = 0;
        double coldCpu = 0;
        Map<String, Double> threads0 = Map.of();
        Map<String, Double> children0 = Map.of();
        for (int r = -warmup - 1; r < repeat; r++) {
            DetectionReport report = report(10_000, r + 10 + warmup + 1);
            ProfileId p = ProfileId.of("save-" + (r + warmup + 1));
            if (r == 0) {
                threads0 = CpuClock.threads();
                children0 = CpuClock.childrenByTitle();
            }
            long c0 = CpuClock.thread();
            long j0 = CpuClock.process();
            double s0 = CpuClock.children();
            long t0 = System.nanoTime();
            d.store().save(p, report);
            double t = (System.nanoTime() - t0) / 1e6;
            if (r == -warmup - 1) {
                cold = t;
                coldCpu = (CpuClock.process() - j0) / 1e6;
            }
            if (r < 0) {
                warm.add(t);
            }
            if (r >= 0) {
                ms.add(t);
                cpu += (CpuClock.thread() - c0) / 1e6;
                jvm += (CpuClock.process() - j0) / 1e6;
                server += CpuClock.children() - s0;
            }
        }
        Map<String, Double> threads1 = CpuClock.threads();
        Map<String, Double> children1 = CpuClock.childrenByTitle();
        System.out.println("| call | runs | median | min | max | CPU: caller thread | CPU: JVM | CPU: server |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| save(profile, report of 10,000 alerts), warm (after %d) | %d | %.0f ms | "
                + "%.0f ms | %.0f ms | %.0f ms | %.0f ms | %s |%n", warmup + 1, v.length, v[v.length / 2], v[0],
                v[v.length - 1], cpu / v.length, jvm / v.length, server(d, server / v.length));
        System.out.printf(Locale.ROOT, "| save, the first in this JVM and database (cold) | 1 | %.0f ms | | | | %.0f ms "
                + "| |%n", cold, coldCpu);
        System.out.println();
        System.out.println("JVM CPU per timed save by thread (10 ms ticks; includes building each report, which is "
                + "not timed): " + CpuClock.threadsDelta(threads0, threads1, v.length, 5));
        if (d.kind() == BenchDatabase.Kind.POSTGRESQL) {
            System.out.println("server CPU per timed save by process: "
                    + CpuClock.threadsDelta(children0, children1, v.length, 1));
        }
        System.out.println("cold and warm-up saves, ms in order: " + warm.stream()
                .map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
        System.out.println("timed saves, ms in order: " + ms.stream().map(x -> String.format(Locale.ROOT, "%.0f", x))
                .toList());
    }

    /** @return the 1-, 5- and 15-minute load averages, or "n/a" off Linux */
    static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static String server(BenchDatabase d, double ms) {
        return d.kind() == BenchDatabase.Kind.H2 ? "(in the caller)" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static void queries(BenchDatabase d, String layout, int rows, int repeat) {
        List<String> profiles = layout.equals("single") ? List.of(StoreData.profile(1))
                : List.of(StoreData.profile(1), StoreData.profile(100), StoreData.profile(500));
        List<Integer> sizes = StoreData.sizes(layout, rows);
        System.out.println("| profile (rows) | call | p50 | p99 | max | CPU/call: caller | CPU/call: server |");
        System.out.println("|---|---|---|---|---|---|---|");
        AlertStore s = d.store();
        LocalDate to = StoreData.LAST_DAY;
        for (String name : profiles) {
            ProfileId p = ProfileId.of(name);
            int rank = Integer.parseInt(name.substring(2));
            String label = String.format(Locale.ROOT, "%s (%,d rows)", name, sizes.get(rank - 1));
            row(d, label, "active(ALL, first 50)", repeat, () -> s.active(p, AlertFilter.ALL, Page.first(50)));
            row(d, label, "active(high+, keyword, first 50)", repeat, () -> s.active(p, AlertFilter.builder()
                    .minSeverity(Severity.HIGH).entityType(EntityType.KEYWORD).build(), Page.first(50)));
            row(d, label, "statistics(30 days)", Math.max(20, repeat / 4), () -> s.statistics(p, to.minusDays(29), to));
            row(d, label, "statistics(365 days)", Math.max(10, repeat / 10), () -> s.statistics(p, to.minusDays(364), to));
        }
    }

    private static void row(BenchDatabase d, String profile, String call, int repeat, Supplier<?> work) {
        for (int i = 0; i < Math.max(10, repeat / 5); i++) {
            work.get();
        }
        double[] ms = new double[repeat];
        long c0 = CpuClock.thread();
        double s0 = CpuClock.children();
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpu = (CpuClock.thread() - c0) / 1e6 / repeat;
        double server = (CpuClock.children() - s0) / repeat;
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |%n", profile, call,
                ms[repeat / 2], ms[(int) Math.ceil(repeat * 0.99) - 1], ms[repeat - 1], cpu, server(d, server));
    }

    /** A report of {@code n} keyword alerts on one day, as the service makes them (windows, metrics, causes). */
    static DetectionReport report(int n, int day) {
        LocalDateTime period = StoreData.LAST_DAY.plusDays(day).atStartOfDay();
        Random rnd = new Random(day);
        List<Alert> alerts = new ArrayList<>(n);
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (int i = 0; i < n; i++) {
            double[][] rows = new double[14][FeatureSchema.DEFAULT.size()];
            for (double[] r : rows) {
                for (int f = 0; f < r.length; f++) {
                    r[f] = rnd.nextGaussian() * 0.1;
                }
            }
            String id = "kw-" + i;
            Severity sev = Severity.values()[i % 4];
            counts.merge(sev, 1, Integer::sum);
            double money = 10 + rnd.nextDouble() * 500;
            AlertCause cause = new AlertCause(EntityType.CAMPAIGN, "cp-" + (i % 100), "Campaign " + (i % 100),
                    RootCauseKind.CPC_SPIKE, 0.9, period, "CPC up 180% across campaign " + (i % 100));
            alerts.add(new Alert(EntityType.KEYWORD, id, "keyword " + i, period, period, 0.999, 0.998, sev,
                    "ensemble", Map.of("lstm-autoencoder", 0.999, "half-space-trees", 0.998, "isolation-forest", 0.99),
                    Map.of("cpc", 0.41, "ctr", 0.05, "acos", 0.22), Map.of("cpc", 1.8, "ctr", -0.05), money,
                    List.of(cause), Instant.parse("2026-04-01T06:00:00Z"),
                    FeatureWindow.of(FeatureSchema.DEFAULT, rows, id, period),
                    new Metrics(1000, 40, money * 1.1, money * 2, 3)));
        }
        return new DetectionReport(EntityType.KEYWORD, "ensemble", Granularity.DAY, List.of(period, period), n, n,
                counts, alerts, 10, 0, n, 0, 0, 0, LoadSummary.NONE, new StageTimings(0, 0, 0, 0, 0, 0));
    }
}
